package mapping

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
)

const oracleRun = "../../../shared/tools/vtl-oracle/run"

// oracleAnswer is one line the oracle prints.
type oracleAnswer struct {
	Output *string `json:"output"`
	Error  string  `json:"error"`
}

// askOracle runs the oracle over cases (its JSON line format) and returns its answers. Without
// Java it skips, except in CI (CI=true), where the oracle must run.
func askOracle(t *testing.T, cases [][]byte) []oracleAnswer {
	t.Helper()
	if _, err := os.Stat(oracleRun); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the oracle is required in CI: %v", err)
		}
		t.Skipf("oracle not found at %s: %v", oracleRun, err)
	}
	cmd := exec.Command(oracleRun)
	cmd.Stdin = bytes.NewReader(append(bytes.Join(cases, []byte("\n")), '\n'))
	out, err := cmd.Output()
	if err != nil {
		msg := "install: apt-get install -y default-jdk-headless velocity libjsonpath-java libslf4j-java"
		if os.Getenv("CI") == "true" {
			t.Fatalf("oracle failed (%v); %s", err, msg)
		}
		t.Skipf("oracle failed (%v); %s", err, msg)
	}
	var answers []oracleAnswer
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var a oracleAnswer
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		answers = append(answers, a)
	}
	if len(answers) != len(cases) {
		t.Fatalf("oracle answered %d of %d cases", len(answers), len(cases))
	}
	return answers
}

// goldenFile is a committed file of oracle answers and how to turn each line into an
// oracle case and the answer recorded for it.
type goldenFile struct {
	path   string
	decode func(line []byte) (oracleCase []byte, recorded oracleAnswer)
}

var goldenFiles = []goldenFile{
	{"testdata/oracle-cases.jsonl", func(line []byte) ([]byte, oracleAnswer) {
		var c struct {
			Case   json.RawMessage `json:"case"`
			Oracle oracleAnswer    `json:"oracle"`
		}
		json.Unmarshal(line, &c)
		return c.Case, c.Oracle
	}},
	{"../jsonpath/testdata/jayway-cases.jsonl", func(line []byte) ([]byte, oracleAnswer) {
		var c struct{ Body, Path, JSON, Error string }
		json.Unmarshal(line, &c)
		return inputJSONCase(c.Path, c.Body), recordedAnswer(c.JSON, c.Error)
	}},
	{"../jv/testdata/json-smart-cases.jsonl", func(line []byte) ([]byte, oracleAnswer) {
		var c struct{ Body, JSON, Error string }
		json.Unmarshal(line, &c)
		return inputJSONCase("$", c.Body), recordedAnswer(c.JSON, c.Error)
	}},
}

func inputJSONCase(path, body string) []byte {
	c, _ := json.Marshal(map[string]string{"template": "$input.json('" + strings.ReplaceAll(path, "'", "''") + "')", "body": body})
	return c
}

func recordedAnswer(output, err string) oracleAnswer {
	if err != "" {
		return oracleAnswer{Error: err}
	}
	return oracleAnswer{Output: &output}
}

// TestGoldenFilesMatchOracle re-asks the oracle (one JVM for all files) every committed
// answer the $input/$util, JSONPath and JSON tests rely on, so that they cannot go stale.
func TestGoldenFilesMatchOracle(t *testing.T) {
	var cases [][]byte
	var recorded []oracleAnswer
	var from []string
	for _, g := range goldenFiles {
		data, err := os.ReadFile(g.path)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
			c, r := g.decode(line)
			cases, recorded, from = append(cases, c), append(recorded, r), append(from, g.path)
		}
	}
	for i, got := range askOracle(t, cases) {
		want := recorded[i]
		switch {
		case want.Output == nil && got.Output != nil:
			t.Errorf("%s %s: recorded an error, the oracle now answers %q", from[i], cases[i], *got.Output)
		case want.Output != nil && got.Output == nil:
			t.Errorf("%s %s: recorded %q, the oracle now fails: %s", from[i], cases[i], *want.Output, got.Error)
		case want.Output != nil && *want.Output != *got.Output:
			t.Errorf("%s %s: recorded %q, the oracle now answers %q", from[i], cases[i], *want.Output, *got.Output)
		}
	}
}
