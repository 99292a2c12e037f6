package conformance

import (
	"flag"
	"fmt"
	"sort"
	"strings"
	"testing"
)

var (
	sweepGen   = flag.String("sweep", "", "SEED:N: render Generate(SEED, N) with the oracle and the engine and report the disagreements (with -diffs FILE, write them all)")
	sweepCases = flag.String("sweep-cases", "", "a JSONL file of cases to render with the oracle and the engine, as -sweep does")
)

// TestSweep is a differential run over cases that are not committed: a fresh generator
// seed (-sweep 777:20000) or a scratch file of cases (-sweep-cases FILE). It finds the
// disagreements that the committed corpus does not; the interesting ones become hand cases.
func TestSweep(t *testing.T) {
	var cases []Case
	switch {
	case *sweepGen != "":
		var seed uint64
		var n int
		if _, err := fmt.Sscanf(*sweepGen, "%d:%d", &seed, &n); err != nil {
			t.Fatalf("-sweep wants SEED:N: %v", err)
		}
		cases = Generate(seed, n)
	case *sweepCases != "":
		var err error
		if cases, err = LoadCases(*sweepCases); err != nil {
			t.Fatal(err)
		}
	default:
		t.Skip("no -sweep SEED:N or -sweep-cases FILE")
	}
	want, err := renderCases(startOracle(t), cases)
	if err != nil {
		t.Fatal(err)
	}
	var diffs []diff
	kinds := map[string]int{}
	for i, c := range cases {
		got := render(c)
		if agree(want[i], got) {
			continue
		}
		diffs = append(diffs, diff{ID: c.ID, Template: c.Template, Body: c.Body, Want: want[i], Got: got})
		kinds[fmt.Sprintf("oracle %s, engine %s", outcome(want[i]), outcome(got))]++
	}
	writeDiffs(t, "sweep", diffs)
	for _, d := range diffs[:min(len(diffs), 5)] {
		t.Logf("%s\n  template: %q\n  want:     %s\n  got:      %s", d.ID, d.Template, show(d.Want), show(d.Got))
	}
	summary := make([]string, 0, len(kinds))
	for k, n := range kinds {
		summary = append(summary, fmt.Sprintf("%d × %s", n, k))
	}
	sort.Strings(summary)
	t.Logf("%d cases, %d disagree: %s", len(cases), len(diffs), strings.Join(summary, "; "))
}

// outcome names what a render produced, to group disagreements.
func outcome(r Result) string {
	if r.Failed() {
		return "fails"
	}
	return "renders"
}
