package mapping

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/apigw-playground/playground/internal/vtloracle"
)

// goldenFile is a committed file of oracle answers and how to turn each line into an
// oracle case and the answer recorded for it.
type goldenFile struct {
	path   string
	decode func(line []byte) (oracleCase []byte, recorded vtloracle.Answer)
}

var goldenFiles = []goldenFile{
	{"testdata/oracle-cases.jsonl", func(line []byte) ([]byte, vtloracle.Answer) {
		var c oracleCase
		json.Unmarshal(line, &c)
		return c.Case, c.Oracle
	}},
	{"../jsonpath/testdata/jayway-cases.jsonl", func(line []byte) ([]byte, vtloracle.Answer) {
		var c struct{ Body, Path, JSON, Error string }
		json.Unmarshal(line, &c)
		return inputJSONCase(c.Path, c.Body), recordedAnswer(c.JSON, c.Error)
	}},
	{"../jv/testdata/json-smart-cases.jsonl", func(line []byte) ([]byte, vtloracle.Answer) {
		var c struct{ Body, JSON, Error string }
		json.Unmarshal(line, &c)
		return inputJSONCase("$", c.Body), recordedAnswer(c.JSON, c.Error)
	}},
}

func inputJSONCase(path, body string) []byte {
	c, _ := json.Marshal(map[string]string{"template": "$input.json('" + strings.ReplaceAll(path, "'", "''") + "')", "body": body})
	return c
}

func recordedAnswer(output, err string) vtloracle.Answer {
	if err != "" {
		return vtloracle.Answer{Error: err}
	}
	return vtloracle.Answer{Output: &output}
}

// TestGoldenFilesMatchOracle re-asks the oracle (one JVM for all files) every committed
// answer the $input/$util, JSONPath and JSON tests rely on, so that they cannot go stale.
// Without Java it skips, except in CI (CI=true), where the oracle must run.
func TestGoldenFilesMatchOracle(t *testing.T) {
	var cases [][]byte
	var recorded []vtloracle.Answer
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
	answers, err := vtloracle.RenderOnce(cases)
	vtloracle.Require(t, err)
	for i, got := range answers {
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
