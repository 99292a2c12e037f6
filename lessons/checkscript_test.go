package lessons

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/apigw-playground/playground/internal/nodetest"
	"github.com/apigw-playground/playground/sim/scenario"
)

// jsHarness runs checks.js on a list of {trace, assertions} read from standard input and
// prints, for each, the result list.
const jsHarness = `
const { checkTrace } = require(process.argv[1]);
let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  const cases = JSON.parse(input);
  process.stdout.write(JSON.stringify(cases.map((c) => checkTrace(c.assertions, c.trace))));
});
`

// scriptCase is one trace with the assertions to evaluate on it.
type scriptCase struct {
	Trace      *scenario.Trace `json:"trace"`
	Assertions []Assertion     `json:"assertions"`
}

// TestCheckScriptAgrees runs checks.js in Node on the check table and on every shipped
// exercise's starting and solution traces, and requires the same pass/fail and the same
// message as Check: the page must tell a learner exactly what the server's tests decide.
func TestCheckScriptAgrees(t *testing.T) {
	node := nodetest.Node(t, "compare checks.js with Check")
	table := scriptCase{Trace: checkTrace()}
	for _, c := range checkCases {
		var a Assertion
		if err := json.Unmarshal([]byte(c.assertion), &a); err != nil {
			t.Fatal(err)
		}
		table.Assertions = append(table.Assertions, a)
	}
	cases := []scriptCase{table}
	lib, err := Load(Content())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lib.Lessons() {
		for _, ex := range l.exercises {
			cases = append(cases, scriptCase{ex.startTrace, ex.checks}, scriptCase{ex.solutionTrace, ex.checks})
		}
	}

	got := runCheckScript(t, node, cases)
	for i, c := range cases {
		want := Check(c.Assertions, c.Trace)
		for j := range want {
			if got[i][j].Pass != want[j].Pass || got[i][j].Message != want[j].Message {
				t.Errorf("case %d, %s: checks.js = %v %q; Check = %v %q", i, want[j].Assertion.Describe(),
					got[i][j].Pass, got[i][j].Message, want[j].Pass, want[j].Message)
			}
		}
	}
	for i, c := range checkCases { // the table also pins the expected outcome
		if got[0][i].Pass != c.pass || got[0][i].Message != c.message {
			t.Errorf("%s: checks.js = %v %q; want %v %q", c.name, got[0][i].Pass, got[0][i].Message, c.pass, c.message)
		}
	}
}

func runCheckScript(t *testing.T, node string, cases []scriptCase) [][]Result {
	t.Helper()
	input, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs("checks.js")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "-e", jsHarness, script)
	cmd.Stdin = bytes.NewReader(input)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var results [][]Result
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("checks.js printed %s: %v", out, err)
	}
	if len(results) != len(cases) {
		t.Fatalf("checks.js answered %d cases of %d", len(results), len(cases))
	}
	for i := range cases {
		if len(results[i]) != len(cases[i].Assertions) {
			t.Fatalf("case %d: checks.js gave %d results for %d assertions", i, len(results[i]), len(cases[i].Assertions))
		}
	}
	return results
}
