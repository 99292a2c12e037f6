package web

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/a-h/templ"

	"github.com/apigw-playground/playground/lessons"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestPagesGolden pins the server-rendered markup: the data-* hooks the page script and
// the tests rely on, the escaping of scenario JSON in attributes, the layout's head.
func TestPagesGolden(t *testing.T) {
	d := pageData{
		Title: "Title <&>", AppJS: "/static/app.js?v=1", AppCSS: "/static/app.css?v=1", Favicon: "/static/favicon.svg?v=1",
		Section: "playground",
		Presets: []Preset{{Slug: "s", Title: "A <preset>", Summary: "sum", Scenario: []byte(`{"request":{"method":"GET","path":"/<x>"}}`)}},
		Initial: `{"request":{"method":"GET","path":"/\"<x>"}}`, InitialTrace: `{"response":{"body":"</script>"}}`,
	}
	lib, err := lessons.Load(os.DirFS("testdata/lessons"))
	if err != nil {
		t.Fatal(err)
	}
	l, _ := lib.Lesson("first")
	embed := d
	embed.Embed, embed.ChecksJS = true, "/lessons/checks.js?v=1"
	tests := []struct {
		name string
		page templ.Component
	}{
		{"playground", playgroundPage(d)},
		{"embed-lesson", lessonPage(embed, l, lib.Lessons(), nil, nil)},
		{"lessons", lessonsIndex(d, lib.Lessons())},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.page.Render(templ.WithNonce(context.Background(), "NONCE"), &buf); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tt.name+".golden")
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./web -run TestPagesGolden -update)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from %s; if the change is intended, run go test ./web -run TestPagesGolden -update\ngot:\n%s", tt.name, path, buf.Bytes())
			}
		})
	}
}
