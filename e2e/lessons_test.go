package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestLessonsNavigate opens the list of lessons and follows one: its playgrounds become
// live editors with traces from the server.
func TestLessonsNavigate(t *testing.T) {
	ctx, base := openPreset(t, "proxy-hello-world")
	do(t, ctx,
		chromedp.Click(byTestID("nav-lessons")),
		chromedp.WaitVisible(byTestID("lesson-list")),
		chromedp.Navigate(base+"/lessons/proxy-response"),
	)
	waitFor(t, ctx, "every playground of the lesson is live",
		`[...document.querySelectorAll('figure[data-playground]')].every((f) => f.classList.contains('pg') && f.querySelector('[data-testid="response-status"], [data-testid="trace-error"]'))`)
	if n := eval[int](t, ctx, `document.querySelectorAll('figure[data-playground]').length`); n == 0 {
		t.Fatal("the lesson has no playground")
	}
	screenshot(t, ctx, "lesson")
}

// TestExerciseChecksFollowTheTrace solves an exercise by loading its solution into its
// playground: every check turns to met, as the lessons' own evaluator says.
func TestExerciseChecksFollowTheTrace(t *testing.T) {
	ctx, base := openPreset(t, "proxy-hello-world")
	do(t, ctx, chromedp.Navigate(base+"/lessons/proxy-response"))
	waitFor(t, ctx, "the exercise's playground is live", `!!document.querySelector('[data-exercise] figure.pg [data-testid="response-status"]')`)
	if solved := eval[bool](t, ctx, `document.querySelector('[data-exercise]').classList.contains('ex-solved')`); solved {
		t.Fatal("the exercise counts as solved before any edit")
	}
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const ex = document.querySelector('[data-exercise]');
		ex.querySelector('figure[data-playground]').playground.load(JSON.parse(ex.dataset.solution));
	})()`))
	waitFor(t, ctx, "every check is met", `document.querySelector('[data-exercise]').classList.contains('ex-solved')`)
	if got := text(t, ctx, "exercise-status"); !strings.Contains(got, "well done") {
		t.Errorf("exercise status = %q", got)
	}
	screenshot(t, ctx, "exercise-solved")
}
