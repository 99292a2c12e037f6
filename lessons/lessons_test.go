package lessons

import (
	"strings"
	"testing"

	"github.com/apigw-playground/playground/sim/scenario"
)

// TestShippedLessons loads the embedded lessons: every front matter, every playground
// and exercise block must parse, every scenario must decode and run, every exercise's
// solution must meet its checks, and its starting scenario must not.
func TestShippedLessons(t *testing.T) {
	lib, err := Load(Content())
	if err != nil {
		t.Fatalf("the shipped lessons do not load:\n%v", err)
	}
	if n := len(lib.Lessons()); n < 10 {
		t.Errorf("%d lessons ship; want at least 10", n)
	}
	for _, l := range lib.Lessons() {
		t.Run(l.Slug, func(t *testing.T) {
			if len(l.playgrounds) == 0 {
				t.Error("the lesson has no playground")
			}
			if len(l.exercises) == 0 {
				t.Error("the lesson has no exercise")
			}
			for _, p := range l.playgrounds {
				if p.runErr != nil {
					t.Errorf("%s.md:%d: playground: %v", l.Slug, p.line, p.runErr)
				}
			}
			for _, ex := range l.exercises {
				if ex.runErr != nil {
					t.Errorf("%s.md:%d: exercise: %v", l.Slug, ex.line, ex.runErr)
					continue
				}
				for _, r := range Check(ex.checks, ex.solutionTrace) {
					if !r.Pass {
						t.Errorf("%s.md:%d: the solution fails %s: %s", l.Slug, ex.line, r.Assertion.Describe(), r.Message)
					}
				}
				if AllPass(Check(ex.checks, ex.startTrace)) {
					t.Errorf("%s.md:%d: the starting scenario already meets every check", l.Slug, ex.line)
				}
			}
		})
	}
}

// BenchmarkLoad measures loading the shipped lessons: parsing, simulating every scenario
// and rendering, which the server does once at start-up.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(Content()); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRunScenarioRecovers: a simulator panic must become an error shown in the widget,
// not a crash of the server that is loading the lessons.
func TestRunScenarioRecovers(t *testing.T) {
	tr, err := runScenario(nil)
	if err == nil || tr != nil {
		t.Fatalf("runScenario(nil) = %v, %v; want an error", tr, err)
	}
	v := newPlaygroundView("a", []byte(`{}`), &scenario.Scenario{}, nil, err)
	html, rerr := renderWidget("playground", v)
	if rerr != nil {
		t.Fatal(rerr)
	}
	if !strings.Contains(string(html), `<p class="pg-error">the simulator failed on this scenario: `) {
		t.Errorf("the widget does not show the failure:\n%s", html)
	}
}
