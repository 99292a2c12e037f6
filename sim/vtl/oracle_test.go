package vtl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/apigw-playground/playground/internal/vtloracle"
	"github.com/apigw-playground/playground/sim/jv"
)

// The golden cases: testdata/cases.txt holds templates separated by lines "----";
// testdata/cases.golden.jsonl holds what the calibrated Velocity 1.7 oracle rendered for
// each, with $context bound to testContext. go test -run TestGolden -update reruns the
// oracle (it needs the JVM; see shared/tools/vtl-oracle/README.md beside the repository).
var update = flag.Bool("update", false, "regenerate golden files with the vtl-oracle")

const testContext = `{"name":"World","n":3,"big":2147483647,"f":2.5,"list":[1,2,3],"strs":["a","b"],` +
	`"map":{"a":1,"b":"x"},"flag":false,"yes":true,"empty":"","nested":{"k":{"v":"deep"}},"nul":null,"dec":-122.41941550000001,"bigi":9223372036854775808,"negbig":-9223372036854775809,"tiny":4.9e-324}`

type goldenCase struct {
	Template string  `json:"template"`
	Output   *string `json:"output,omitempty"`
	Error    string  `json:"error,omitempty"`
}

func readCases(t *testing.T) []string {
	data, err := os.ReadFile("testdata/cases.txt")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n----\n")
}

func TestGolden(t *testing.T) {
	cases := readCases(t)
	if *update {
		writeGolden(t, cases)
	}
	data, err := os.ReadFile("testdata/cases.golden.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var golden []goldenCase
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var g goldenCase
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		golden = append(golden, g)
	}
	if len(golden) != len(cases) {
		t.Fatalf("%d golden results for %d cases: run go test -run TestGolden -update", len(golden), len(cases))
	}
	for i, g := range golden {
		t.Run(strconv.Itoa(i+1)+"_"+caseName(g.Template), func(t *testing.T) {
			if g.Template != cases[i] {
				t.Fatalf("golden file is stale: run go test -run TestGolden -update")
			}
			got, err := renderWithContext(g.Template)
			if g.Output == nil {
				if err == nil {
					t.Errorf("template %q: want an error (%s), got output %q", g.Template, firstLine(g.Error), got)
				}
				return
			}
			if err != nil {
				t.Errorf("template %q: unexpected error %v", g.Template, err)
				return
			}
			if got != *g.Output {
				t.Errorf("template %q:\n got %q\nwant %q", g.Template, got, *g.Output)
			}
		})
	}
}

// caseName is a short readable name for a template's subtest.
func caseName(src string) string {
	src = strings.Join(strings.Fields(src), " ")
	if len(src) > 40 {
		src = src[:40]
	}
	return src
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

func renderWithContext(src string) (string, error) {
	tmpl, err := Parse(src)
	if err != nil {
		return "", err
	}
	ctx, err := decodeJSON(testContext)
	if err != nil {
		panic(err)
	}
	out, _, err := tmpl.Render(Vars{{"context", ctx}, {"stageVariables", jv.NewMap(0)}}, Options{})
	return out, err
}

// TestGoldenFresh re-asks the oracle and fails when the committed answers are stale.
// It needs the JVM: under CI=true a missing oracle fails, elsewhere the test is skipped.
func TestGoldenFresh(t *testing.T) {
	if testing.Short() || *update {
		t.Skip("short mode, or -update rewrites the answers anyway")
	}
	fresh, err := askOracle(readCases(t))
	vtloracle.Require(t, err)
	data, err := os.ReadFile("testdata/cases.golden.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != string(fresh) {
		t.Fatal("testdata/cases.golden.jsonl differs from the oracle's answers: run go test -run TestGolden -update")
	}
}

// writeGolden rewrites the golden file. -update is an explicit request to ask the oracle,
// so a missing one fails here even outside CI.
func writeGolden(t *testing.T, cases []string) {
	golden, err := askOracle(cases)
	if err != nil {
		t.Fatalf("-update needs the oracle: %v", err)
	}
	if err := os.WriteFile("testdata/cases.golden.jsonl", golden, 0o644); err != nil {
		t.Fatal(err)
	}
}

// askOracle renders every case with the oracle, $context bound to testContext, and
// returns the golden file's bytes.
func askOracle(cases []string) ([]byte, error) {
	lines := make([][]byte, len(cases))
	ctx := json.RawMessage(testContext)
	for i, c := range cases {
		lines[i], _ = json.Marshal(map[string]any{"template": c, "body": "", "context": ctx})
	}
	answers, err := vtloracle.RenderOnce(lines)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	for i, a := range answers {
		g, _ := json.Marshal(goldenCase{Template: cases[i], Output: a.Output, Error: a.Error})
		buf.Write(g)
		buf.WriteByte('\n')
	}
	return buf.Bytes(), nil
}

// decodeJSON reads JSON into jv values the json-smart way.
func decodeJSON(s string) (any, error) { return jv.ParseJSON(s) }
