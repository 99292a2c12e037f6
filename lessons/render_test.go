package lessons

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/apigw-playground/playground/internal/golden"
)

// TestRender pins the HTML of the lessons in testdata/*.md against testdata/*.golden:
// render.md uses every Markdown extension (front matter, escaped raw HTML, a playground,
// an exercise), widgets.md every part a custom integration's widget shows. Run
// go test -update after a deliberate change and review the diff.
func TestRender(t *testing.T) {
	names, err := filepath.Glob("testdata/*.md")
	if err != nil || len(names) == 0 {
		t.Fatalf("no testdata/*.md: %v", err)
	}
	for _, name := range names {
		slug := strings.TrimSuffix(filepath.Base(name), ".md")
		t.Run(slug, func(t *testing.T) {
			golden.Check(t, filepath.Join("testdata", slug+".golden"), []byte(loadTestLesson(t, name).HTML))
		})
	}
}

// TestRenderEscapes: nothing an author writes reaches the page as markup.
func TestRenderEscapes(t *testing.T) {
	l := loadTestLesson(t, "testdata/render.md")
	if l.Title != "Rendering <everything>" || l.Summary != "A lesson that uses every Markdown extension the lessons have." || l.Order != 1 {
		t.Errorf("front matter = %q %q %d", l.Title, l.Summary, l.Order)
	}
	for _, unsafe := range []string{"<div class=\"author-html\">", "<b>HTML</b>", "javascript:", "<b>Hello</b>", "<Ada>"} {
		if strings.Contains(string(l.HTML), unsafe) {
			t.Errorf("the HTML holds %q unescaped", unsafe)
		}
	}
}

// loadTestLesson loads one lesson file on its own.
func loadTestLesson(t *testing.T, name string) *Lesson {
	t.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Base(name)
	lib, err := Load(fstest.MapFS{base: {Data: src}})
	if err != nil {
		t.Fatal(err)
	}
	l, ok := lib.Lesson(strings.TrimSuffix(base, ".md"))
	if !ok {
		t.Fatalf("lesson %s not found", name)
	}
	return l
}

// TestLoadDir loads the shipped lessons from the directory, as -lessons DIR does.
func TestLoadDir(t *testing.T) {
	lib, err := Load(os.DirFS("content"))
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := Load(Content())
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Lessons()) != len(embedded.Lessons()) {
		t.Errorf("the directory has %d lessons, the embedded copy %d", len(lib.Lessons()), len(embedded.Lessons()))
	}
}

// TestLoadErrors feeds broken lessons to Load: each error must name the file and the
// line where the author has to look.
func TestLoadErrors(t *testing.T) {
	const fm = "---\ntitle: T\nsummary: S\norder: 1\n---\n"
	for _, c := range []struct{ name, src, err string }{
		{"no front matter", "# Just text\n", "x.md:1: a lesson must start with front matter: ---, then title, summary and order, then ---"},
		{"bad front matter yaml", "---\ntitle: T\nsummary: S\norder: 1\n  bad: x\n---\n", "x.md:5: front matter: mapping values are not allowed in this context"},
		{"unknown field", "---\ntitle: T\ntitel: U\nsummary: S\norder: 1\n---\n", `x.md:3: front matter: unknown field "titel" (known: title, summary, order)`},
		{"order not a number", "---\ntitle: T\nsummary: S\norder: first\n---\n", "x.md:4: front matter: order must be a whole number"},
		{"summary missing", "---\ntitle: T\norder: 1\n---\n", "x.md:1: front matter: summary is missing"},
		{"playground yaml", fm + "text\n\n```playground\nrequest:\n  method: GET\n   path: /x\n```\n", "x.md:11: playground: "},
		{"playground not a map", fm + "\n```playground\n- a\n- b\n```\n", "x.md:8: playground: a playground holds a scenario"},
		{"playground bad scenario", fm + "\n```playground\nrequest:\n  method: GET\n  path: /x\n  headers: 7\n```\n", "x.md:7: playground: request.headers"},
		{"playground option", fm + "\n```playground size=big\nrequest: {method: GET, path: /x}\n```\n", `x.md:7: playground: unknown option "size=big"`},
		{"duplicate id", fm + "\n```playground id=a\nrequest: {method: GET, path: /x}\n```\n\n```playground id=a\nrequest: {method: GET, path: /x}\n```\n", `x.md:11: playground id "a" is used twice`},
		{"exercise unknown field", fm + "\n```exercise\ngoal: G\nhint: H\n```\n", `x.md:9: exercise: unknown field "hint"`},
		{"exercise bad check", fm + "\n```exercise\ngoal: G\nscenario: {request: {method: GET, path: /x}}\nchecks:\n  - {at: response.statusCode}\nsolution: {request: {method: GET, path: /x}}\n```\n", "x.md:11: exercise: check on \"response.statusCode\" needs exactly one of"},
		{"exercise unknown op", fm + "\n```exercise\ngoal: G\nscenario: {request: {method: GET, path: /x}}\nchecks:\n  - at: response.statusCode\n    is: 200\nsolution: {request: {method: GET, path: /x}}\n```\n", `x.md:11: exercise: check: unknown field "is"`},
		{"exercise no solution", fm + "\n```exercise\ngoal: G\nscenario: {request: {method: GET, path: /x}}\nchecks: [{at: payload, present: true}]\n```\n", "x.md:8: exercise: an exercise needs a solution"},
		{"exercise unknown start", fm + "\n```exercise\ngoal: G\nstart: nowhere\nchecks: [{at: payload, present: true}]\nsolution: {request: {method: GET, path: /x}}\n```\n", `x.md:7: exercise: start "nowhere" names no playground of this lesson`},
		{"exercise bad solution", fm + "\n```exercise\ngoal: G\nscenario: {request: {method: GET, path: /x}}\nchecks: [{at: payload, present: true}]\nsolution: {request: {method: 7, path: /x}}\n```\n", "x.md:7: exercise: solution: request.method"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(fstest.MapFS{"x.md": {Data: []byte(c.src)}})
			if err == nil || !strings.HasPrefix(err.Error(), c.err) {
				t.Errorf("Load error = %v\nwant prefix %s", err, c.err)
			}
		})
	}
}

func TestLibraryOrder(t *testing.T) {
	lesson := func(title string, order string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\nsummary: s\norder: " + order + "\n---\ntext\n")}
	}
	lib, err := Load(fstest.MapFS{
		"c.md":      lesson("C", "2"),
		"a.md":      lesson("A", "3"),
		"b.md":      lesson("B", "1"),
		"notes.txt": {Data: []byte("not a lesson")},
		"sub/d.md":  lesson("D", "0"),
		"also-2.md": lesson("Also two", "2"),
	})
	if err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, l := range lib.Lessons() {
		slugs = append(slugs, l.Slug)
	}
	if got := strings.Join(slugs, " "); got != "b also-2 c a" {
		t.Errorf("order = %s; want b also-2 c a", got)
	}
	for _, c := range []struct{ slug, prev, next string }{
		{"b", "", "also-2"}, {"c", "also-2", "a"}, {"a", "c", ""}, {"nope", "", ""},
	} {
		if got := slugOf(lib.Previous(c.slug)); got != c.prev {
			t.Errorf("Previous(%s) = %q; want %q", c.slug, got, c.prev)
		}
		if got := slugOf(lib.Next(c.slug)); got != c.next {
			t.Errorf("Next(%s) = %q; want %q", c.slug, got, c.next)
		}
	}
	if _, ok := lib.Lesson("sub/d"); ok {
		t.Error("a lesson in a subdirectory was loaded")
	}
}

func slugOf(l *Lesson) string {
	if l == nil {
		return ""
	}
	return l.Slug
}

func TestLoadBadFileName(t *testing.T) {
	_, err := Load(fstest.MapFS{"My Lesson.md": {Data: []byte("---\ntitle: T\nsummary: S\norder: 1\n---\n")}})
	if err == nil || !strings.HasPrefix(err.Error(), "My Lesson.md: a lesson's file name") {
		t.Errorf("Load = %v", err)
	}
}
