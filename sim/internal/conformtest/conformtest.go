// Package conformtest is the test support the conformance suites share: they all read
// case files (one AWS recording turned into a scenario plus what AWS answered), run each
// through the whole simulator, and check that every recorded vector of their kind has a
// case. Only what the suites have in common lives here; each suite keeps its own
// expectations and comparison, because the recordings differ in what they captured.
package conformtest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/apigw-playground/playground/internal/vtloracle"
	"github.com/apigw-playground/playground/sim"
	"github.com/apigw-playground/playground/sim/conformance"
	"github.com/apigw-playground/playground/sim/scenario"
)

// Head is what every case file starts with; a suite's case type embeds it.
type Head struct {
	// ID is the case's name, and the case file's name without .json.
	ID       string          `json:"id"`
	Scenario json.RawMessage `json:"scenario"`
}

func (h Head) head() Head { return h }

// Case is any case type that embeds Head.
type Case interface{ head() Head }

// Load decodes every *.json file in dir, failing the test when there is none. Unknown
// fields are an error, so a misspelt expectation cannot silently go unchecked, and a
// case whose id is not its file name is one, so failures name the file to open.
func Load[C Case](t testing.TB, dir string) []C {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no conformance cases in %s: %v", dir, err)
	}
	cases := make([]C, 0, len(files))
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		var c C
		dec := json.NewDecoder(f)
		dec.DisallowUnknownFields()
		err = dec.Decode(&c)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if c.head().ID+".json" != filepath.Base(file) {
			t.Fatalf("%s: id %q does not match the file name", file, c.head().ID)
		}
		cases = append(cases, c)
	}
	return cases
}

// Run runs each case's scenario through the simulator, as a subtest named after the
// case, and hands the trace to check.
func Run[C Case](t *testing.T, cases []C, check func(t *testing.T, c C, tr *scenario.Trace)) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.head().ID, func(t *testing.T) {
			sc, err := sim.DecodeScenario(c.head().Scenario)
			if err != nil {
				t.Fatalf("scenario: %v", err)
			}
			check(t, c, sim.Run(sc))
		})
	}
}

// Vector is the part of a line of aws-vectors.jsonl the suites use to account for it.
type Vector struct {
	ID     string `json:"id"`
	Kind   string `json:"kind"`
	Source struct {
		// Snapshot, Test and Key name the recording a snapshot-based vector comes from.
		Snapshot string `json:"snapshot"`
		Test     string `json:"test"`
		Key      string `json:"snapshot_key"`
	} `json:"source"`
}

// ReferenceDir returns the shared AWS reference (shared/reference), which sits beside
// the repository rather than in it. Without it the test is skipped, except in CI (env
// CI=true), where it must be present: the coverage checks are what stop a new recording
// from being forgotten.
func ReferenceDir(t testing.TB) string {
	t.Helper()
	root, err := vtloracle.ModuleRoot(".")
	if err == nil {
		dir := filepath.Join(root, "..", "shared", "reference")
		if _, err = os.Stat(dir); err == nil {
			return dir
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("the shared reference must be beside the project in CI: %v", err)
	}
	t.Skipf("shared reference not found: %v", err)
	return ""
}

// Vectors reads every vector of the shared reference's aws-vectors.jsonl.
func Vectors(t testing.TB) []Vector {
	t.Helper()
	vectors, err := conformance.ReadJSONL[Vector](filepath.Join(ReferenceDir(t), "aws-vectors.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	return vectors
}
