package lessons

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// jsHarness runs checks.js on {trace, assertions: [[...], ...]} read from standard input
// and prints one result list per assertion list.
const jsHarness = `
const { checkTrace } = require(process.argv[1]);
let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  const { trace, assertions } = JSON.parse(input);
  process.stdout.write(JSON.stringify(assertions.map((a) => checkTrace([a], trace)[0])));
});
`

// TestCheckScriptAgrees runs the check cases through checks.js in Node and requires the
// same pass/fail and the same message as Check: the page must tell a learner exactly
// what the server's tests decide.
func TestCheckScriptAgrees(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node is missing; install the Debian package nodejs")
		}
		t.Skip("node is missing; install the Debian package nodejs to compare checks.js with Check")
	}
	traceJSON, err := json.Marshal(checkTrace())
	if err != nil {
		t.Fatal(err)
	}
	var assertions []json.RawMessage
	for _, c := range checkCases {
		assertions = append(assertions, json.RawMessage(c.assertion))
	}
	input, err := json.Marshal(map[string]any{"trace": json.RawMessage(traceJSON), "assertions": assertions})
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
	var results []struct {
		Pass    bool   `json:"pass"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("checks.js printed %s: %v", out, err)
	}
	if len(results) != len(checkCases) {
		t.Fatalf("checks.js gave %d results for %d cases", len(results), len(checkCases))
	}
	for i, c := range checkCases {
		if results[i].Pass != c.pass || results[i].Message != c.message {
			t.Errorf("%s: checks.js = %v %q; Check = %v %q", c.name, results[i].Pass, results[i].Message, c.pass, c.message)
		}
	}
}
