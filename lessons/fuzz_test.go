package lessons

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// shippedBlocks returns the bodies of every fenced block of one language in the shipped
// lessons and the render test, as seeds.
func shippedBlocks(t testing.TB, lang string) []string {
	files, _ := filepath.Glob("content/*.md")
	files = append(files, "testdata/render.md")
	fence := regexp.MustCompile("(?s)```" + lang + "[^\n]*\n(.*?)```")
	var bodies []string
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range fence.FindAllSubmatch(src, -1) {
			bodies = append(bodies, string(m[1]))
		}
	}
	return bodies
}

// FuzzPlaygroundBlock: whatever a playground block holds, parsing it returns a scenario
// as valid JSON or an error with a line inside the block — never a panic.
func FuzzPlaygroundBlock(f *testing.F) {
	for _, b := range shippedBlocks(f, langPlayground) {
		f.Add(b)
	}
	f.Add("{\"request\": {\"method\": \"GET\", \"path\": \"/\"}}")
	f.Add("a: &a [*a]")
	f.Add("<<: {a: 1}")
	f.Fuzz(func(t *testing.T, body string) {
		pb, err := parsePlayground("", []byte(body))
		if err != nil {
			return
		}
		if !json.Valid(pb.scenario) {
			t.Fatalf("invalid JSON %s from %q", pb.scenario, body)
		}
	})
}

// FuzzExerciseBlock: parsing an exercise block never panics, and what it accepts has
// valid assertions and JSON scenarios.
func FuzzExerciseBlock(f *testing.F) {
	for _, b := range shippedBlocks(f, langExercise) {
		f.Add(b)
	}
	f.Add("goal: g\nstart: x\nchecks: [{at: payload, json: '$[0]', equals: {a: [1]}}]\nsolution: {}")
	f.Fuzz(func(t *testing.T, body string) {
		ex, err := parseExercise([]byte(body))
		if err != nil {
			return
		}
		for _, a := range ex.checks {
			if err := a.validate(); err != nil {
				t.Fatalf("accepted an invalid check: %v", err)
			}
			Check([]Assertion{a}, checkTrace())
		}
		if !json.Valid(ex.solution) || ex.scenario != nil && !json.Valid(ex.scenario) {
			t.Fatalf("invalid JSON from %q", body)
		}
	})
}

// FuzzLesson: a whole lesson file — front matter, Markdown, blocks, simulation,
// rendering — loads or fails with an *Error naming the file, and never panics.
func FuzzLesson(f *testing.F) {
	files, _ := filepath.Glob("content/*.md")
	files = append(files, "testdata/render.md", "testdata/widgets.md")
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
	f.Add("---\ntitle: T\nsummary: S\norder: 1\n---\n```playground id=a\nrequest: {method: GET, path: /}\n```\n")
	md := newMarkdown()
	f.Fuzz(func(t *testing.T, src string) {
		l, err := loadLesson(md, "x.md", []byte(src))
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.File != "x.md" {
				t.Fatalf("error %v does not name the file", err)
			}
			return
		}
		if l.Title == "" {
			t.Fatal("a lesson loaded without a title")
		}
	})
}
