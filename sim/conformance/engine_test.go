package conformance

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apigw-playground/playground/sim/mapping"
)

var diffsOut = flag.String("diffs", "", "write every disagreement of TestOracleCorpus and TestRecordedVTLCases to this JSONL file")

const (
	divergencesFile = corpusDir + "/known-divergences.json"
	recordedFile    = "../../../shared/reference/recorded-vtl-cases.jsonl"
	vectorsFile     = "../../../shared/reference/aws-vectors.jsonl"
	fidelityDoc     = "../../docs/fidelity.md"
)

// panicPrefix starts the error of a render that panicked. A panic never counts as "both
// failed": no panic may reach a user.
const panicPrefix = "engine panic: "

// render runs one case through the engine exactly as the oracle receives it. A panic is
// turned into a failed result so that one engine bug does not hide every other case.
func render(c Case) (res Result) {
	defer func() {
		if p := recover(); p != nil {
			res = Result{ID: c.ID, Error: fmt.Sprintf("%s%v", panicPrefix, p)}
		}
	}()
	line, err := OracleInput(c)
	if err != nil {
		return Result{ID: c.ID, Error: "encoding the case: " + err.Error()}
	}
	tmpl, env, err := mapping.DecodeOracleCase(line)
	if err != nil {
		return Result{ID: c.ID, Error: "decoding the case: " + err.Error()}
	}
	out, err := mapping.Render(tmpl, env)
	if err != nil {
		return Result{ID: c.ID, Error: err.Error()}
	}
	return OutputResult(c.ID, out.Output)
}

// agree is the differential rule: the same output, or both failed.
func agree(want, got Result) bool {
	if strings.HasPrefix(got.Error, panicPrefix) {
		return false
	}
	if want.Failed() || got.Failed() {
		return want.Failed() && got.Failed()
	}
	return want.Text() == got.Text()
}

// diff is one disagreement, as written by -diffs for triage.
type diff struct {
	Suite    string `json:"suite"`
	ID       string `json:"id"`
	Template string `json:"template"`
	Body     string `json:"body,omitempty"`
	Want     Result `json:"want"`
	Got      Result `json:"got"`
	Problem  string `json:"problem,omitempty"`
}

// diffsStarted is set once the -diffs file has been truncated by this run.
var diffsStarted bool

func writeDiffs(t *testing.T, suite string, diffs []diff) {
	if *diffsOut == "" {
		return
	}
	flags := os.O_CREATE | os.O_APPEND | os.O_WRONLY
	if !diffsStarted {
		flags |= os.O_TRUNC
		diffsStarted = true
	}
	f, err := os.OpenFile(*diffsOut, flags, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	for _, d := range diffs {
		d.Suite = suite
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
	}
}

func loadDivergences(t *testing.T) map[string]map[string]Divergence {
	t.Helper()
	d, err := LoadDivergences(divergencesFile)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestOracleCorpus renders every corpus case with the engine and compares it with the
// oracle's committed answer (or, for a listed calibration, with API Gateway's).
func TestOracleCorpus(t *testing.T) {
	listed := loadDivergences(t)["oracle"]
	files, err := CorpusFiles(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	allIDs := map[string]bool{}
	var total, agreed, calibrated, allowed int
	for _, file := range files {
		cases, err := LoadCases(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			allIDs[c.ID] = true
		}
		name := strings.TrimSuffix(filepath.Base(file), ".jsonl")
		t.Run(name, func(t *testing.T) {
			expected, err := loadExpected(ExpectedPath(file))
			if err != nil {
				t.Fatalf("%v (run go test ./sim/conformance -update where Java is installed)", err)
			}
			var diffs []diff
			for _, c := range cases {
				want, ok := expected[c.ID]
				if !ok {
					t.Fatalf("%s has no expectation: run go test ./sim/conformance -update", c.ID)
				}
				d, isListed := listed[c.ID]
				if isListed && d.AWS != nil {
					want = OutputResult(c.ID, *d.AWS) // AWS wins over the oracle
				}
				got := render(c)
				total++
				switch {
				case agree(want, got) && isListed && d.AWS == nil:
					t.Errorf("%s now agrees with the oracle: remove it from known-divergences.json and docs/fidelity.md", c.ID)
					agreed++
				case agree(want, got) && isListed:
					calibrated++
				case agree(want, got):
					agreed++
				case isListed && d.AWS == nil:
					allowed++
				default:
					diffs = append(diffs, diff{ID: c.ID, Template: c.Template, Body: c.Body, Want: want, Got: got})
				}
			}
			for _, d := range diffs[:min(len(diffs), 15)] {
				t.Errorf("%s\n  template: %q\n  body:     %q\n  want:     %s\n  got:      %s", d.ID, d.Template, d.Body, show(d.Want), show(d.Got))
			}
			if len(diffs) > 15 {
				t.Errorf("... and %d more disagreements in %s (write them all with -diffs FILE)", len(diffs)-15, name)
			}
			writeDiffs(t, name, diffs)
		})
	}
	for id := range listed {
		if !allIDs[id] {
			t.Errorf("known-divergences.json lists oracle case %s, which is not in the corpus", id)
		}
	}
	t.Logf("oracle corpus: %d cases: %d agree with the oracle, %d with AWS where it overrides the oracle, %d listed divergences, %d disagree",
		total, agreed, calibrated, allowed, total-agreed-calibrated-allowed)
}

func show(r Result) string {
	if r.Failed() {
		return "error: " + firstLine(r.Error)
	}
	return fmt.Sprintf("%q", r.Text())
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// TestRecordedVTLCases holds the engine to every AWS recording of shared/reference, each
// compared the way its recording allows.
func TestRecordedVTLCases(t *testing.T) {
	listed := loadDivergences(t)["recorded"]
	cases, err := ReadJSONL[RecordedCase](recordedFile)
	if err != nil {
		missingShared(t, err)
	}
	var passed, allowed int
	var diffs []diff
	for _, rc := range cases {
		got := render(rc.Case)
		problem := rc.Check(got)
		if strings.HasPrefix(got.Error, panicPrefix) {
			problem = got.Error
		}
		_, isListed := listed[rc.ID]
		switch {
		case problem == "" && isListed:
			t.Errorf("%s now matches AWS: remove it from known-divergences.json and docs/fidelity.md", rc.ID)
		case problem == "":
			passed++
		case isListed:
			allowed++
		default:
			t.Errorf("%s (%s)\n  template: %q\n  %s", rc.ID, rc.Compare, rc.Template, problem)
			diffs = append(diffs, diff{ID: rc.ID, Template: rc.Template, Body: rc.Body, Got: got, Problem: problem})
		}
	}
	for id := range listed {
		if !slices.ContainsFunc(cases, func(rc RecordedCase) bool { return rc.ID == id }) {
			t.Errorf("known-divergences.json lists recorded case %s, which does not exist", id)
		}
	}
	writeDiffs(t, "recorded", diffs)
	t.Logf("AWS recordings: %d cases, %d match, %d listed divergences, %d fail", len(cases), passed, allowed, len(cases)-passed-allowed)
}

// vtlVectorOwners says which test runs each family of `vtl` vectors of aws-vectors.jsonl,
// so that none is duplicated here and none is left out: the integration-response renders
// of test_input_path_template_formatting are pure template renders that sim/mapping runs
// through mapping.Render, and the MOCK ones need the whole custom-integration pipeline.
var vtlVectorOwners = map[string]string{
	"vtl-input-path-": "sim/mapping TestAWSInputPathVectors",
	"mock-":           "sim/custom TestConformance",
}

// TestAWSVectorsVTL fails when aws-vectors.jsonl holds a `vtl` vector that no test runs.
func TestAWSVectorsVTL(t *testing.T) {
	vectors, err := ReadJSONL[struct{ ID, Kind string }](vectorsFile)
	if err != nil {
		missingShared(t, err)
	}
	counts := map[string]int{}
	for _, v := range vectors {
		if v.Kind != "vtl" {
			continue
		}
		owner := ""
		for prefix, o := range vtlVectorOwners {
			if strings.HasPrefix(v.ID, prefix) {
				owner = o
			}
		}
		if owner == "" {
			t.Errorf("vtl vector %s is run by no test: render it here (or in its owner's package) and add it to vtlVectorOwners", v.ID)
		}
		counts[owner]++
	}
	t.Logf("vtl vectors by the test that runs them: %v", counts)
}

// missingShared ends a test whose AWS reference data could not be read: the data lives in
// shared/ beside the repository, which CI always has (there the test fails) and a bare
// clone may not (there it is skipped).
func missingShared(t *testing.T, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("reading the AWS reference data in shared/ beside the repository: %v", err)
	}
	t.Skipf("no AWS reference data (shared/ is not beside the repository): %v", err)
}

// TestDivergencesDocumented keeps docs/fidelity.md listing every allowed divergence.
func TestDivergencesDocumented(t *testing.T) {
	doc, err := os.ReadFile(fidelityDoc)
	if err != nil {
		t.Fatal(err)
	}
	for suite, entries := range loadDivergences(t) {
		for id := range entries {
			if !strings.Contains(string(doc), id) {
				t.Errorf("%s divergence %s is not listed in docs/fidelity.md", suite, id)
			}
		}
	}
}
