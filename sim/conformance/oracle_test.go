package conformance

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/apigw-playground/playground/internal/vtloracle"
)

var update = flag.Bool("update", false, "regenerate testdata/vtl/generated.jsonl and every *.expected.jsonl with the oracle")

const (
	corpusDir          = "../../testdata/vtl"
	generatedFile      = corpusDir + "/generated.jsonl"
	generatedInputFile = corpusDir + "/generated-input.jsonl"
	// The generated corpus: change a seed or a count and run with -update.
	generatorSeed  = 20261122
	generatedCases = 4000
	inputSeed      = 20261123
	inputCases     = 1000
)

// The tests share one oracle process (one JVM start and one javac for the package);
// TestMain ends it.
var (
	oracleOnce sync.Once
	oracle     *vtloracle.Oracle
	oracleErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if oracle != nil {
		oracle.Close()
	}
	os.Exit(code)
}

// startOracle returns the package's oracle. Where it cannot run, the test is skipped with
// the packages to install, except in CI (CI=true), where the oracle is required.
func startOracle(t *testing.T) *vtloracle.Oracle {
	t.Helper()
	oracleOnce.Do(func() { oracle, oracleErr = vtloracle.Start() })
	vtloracle.Require(t, oracleErr)
	return oracle
}

// renderCases renders corpus cases with the oracle, in its input format (OracleInput), and
// labels each answer with its case's id so that the results can be compared with and
// written as the committed expectations.
func renderCases(o *vtloracle.Oracle, cases []Case) ([]Result, error) {
	lines := make([][]byte, len(cases))
	for i, c := range cases {
		line, err := OracleInput(c)
		if err != nil {
			return nil, fmt.Errorf("case %s: %w", c.ID, err)
		}
		lines[i] = line
	}
	answers, err := o.RenderAll(lines)
	if err != nil {
		return nil, err
	}
	results := make([]Result, len(answers))
	for i, a := range answers {
		results[i] = Result{ID: cases[i].ID, Output: a.Output, Error: a.Error}
	}
	return results, nil
}

// TestGeneratedCorpusIsFresh keeps the committed generated corpus equal to what the
// generator produces, so a change to the generator shows up as a diff of the corpus.
func TestGeneratedCorpusIsFresh(t *testing.T) {
	for file, want := range map[string][]Case{
		generatedFile:      Generate(generatorSeed, generatedCases),
		generatedInputFile: GenerateInput(inputSeed, inputCases),
	} {
		if *update {
			if err := WriteJSONL(file, want); err != nil {
				t.Fatal(err)
			}
		}
		got, err := LoadCases(file)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(normalizeCases(got), normalizeCases(want)) {
			t.Errorf("%s is not what the generator makes: run go test ./sim/conformance -update", file)
		}
	}
}

// normalizeCases drops the difference between a nil and an empty raw field that a JSON
// round trip introduces.
func normalizeCases(cs []Case) []Case {
	out := make([]Case, len(cs))
	for i, c := range cs {
		for _, f := range []*[]byte{(*[]byte)(&c.Params), (*[]byte)(&c.Context), (*[]byte)(&c.StageVariables)} {
			if len(*f) == 0 {
				*f = nil
			}
		}
		out[i] = c
	}
	return out
}

// TestOracleExpectations re-runs the oracle over the whole corpus and fails when a
// committed expectation is stale (with -update it rewrites them instead). It is what keeps
// the JVM-free comparison in TestOracleCorpus honest.
func TestOracleExpectations(t *testing.T) {
	if *update {
		// The generated corpus must be written before its expectations.
		TestGeneratedCorpusIsFresh(t)
	}
	o := startOracle(t)
	files, err := CorpusFiles(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, file := range files {
		cases, err := LoadCases(file)
		if err != nil {
			t.Fatal(err)
		}
		live, err := renderCases(o, cases)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		total += len(live)
		for _, r := range live {
			if javaIdentity.MatchString(r.Text()) {
				t.Errorf("%s prints a Java identity hash (%q), which differs on every run: change the case", r.ID, javaIdentity.FindString(r.Text()))
			}
		}
		expPath := ExpectedPath(file)
		if *update {
			if err := WriteJSONL(expPath, live); err != nil {
				t.Fatal(err)
			}
			continue
		}
		committed, err := loadExpected(expPath)
		if err != nil {
			t.Fatalf("%v (run go test ./sim/conformance -update)", err)
		}
		var stale []string
		for _, r := range live {
			c, ok := committed[r.ID]
			if !ok || c.Failed() != r.Failed() || c.Text() != r.Text() {
				stale = append(stale, r.ID)
			}
		}
		if len(stale) > 0 || len(committed) != len(live) {
			t.Errorf("%s is stale for %d of %d cases (first: %s): run go test ./sim/conformance -update",
				filepath.Base(expPath), max(len(stale), 1), len(live), strings.Join(stale[:min(len(stale), 5)], ", "))
		}
	}
	t.Logf("oracle rendered %d cases in %d files", total, len(files))
}

// javaIdentity matches what Object.toString prints for objects without a toString of their
// own (arrays, the oracle's $input): the hash differs from run to run, so no case may print it.
var javaIdentity = regexp.MustCompile(`[\w$.;\[]+@[0-9a-f]{5,8}\b`)

// loadExpected reads an expectation file into a map by case id.
func loadExpected(path string) (map[string]Result, error) {
	results, err := ReadJSONL[Result](path)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]Result, len(results))
	for _, r := range results {
		if r.ID == "" {
			return nil, fmt.Errorf("%s: a result without an id", path)
		}
		byID[r.ID] = r
	}
	return byID, nil
}

// oracleMissesAWS are the AWS recordings the calibrated oracle does not reproduce: it
// prints its own $input and $util objects (Java identity strings) where AWS printed
// nothing or {}. Nothing else may differ, which checks both the oracle's calibration and
// the comparison modes of RecordedCase.Check.
var oracleMissesAWS = []string{"toqoz-example-cd963d7c", "toqoz-example-a35f2355"}

func TestOracleMatchesRecordings(t *testing.T) {
	o := startOracle(t)
	cases, err := ReadJSONL[RecordedCase](recordedFile)
	if err != nil {
		t.Fatal(err)
	}
	plain := make([]Case, len(cases))
	for i, rc := range cases {
		plain[i] = rc.Case
	}
	results, err := renderCases(o, plain)
	if err != nil {
		t.Fatal(err)
	}
	for i, rc := range cases {
		problem := rc.Check(results[i])
		if expectMiss := slices.Contains(oracleMissesAWS, rc.ID); (problem != "") != expectMiss {
			t.Errorf("%s (%s): oracle vs AWS: %q, expected a miss: %v", rc.ID, rc.Compare, problem, expectMiss)
		}
	}
}
