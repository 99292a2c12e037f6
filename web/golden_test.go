package web

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/a-h/templ"

	"github.com/apigw-playground/playground/internal/golden"
	"github.com/apigw-playground/playground/lessons"
)

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
			golden.Check(t, filepath.Join("testdata", tt.name+".golden"), buf.Bytes())
		})
	}
}
