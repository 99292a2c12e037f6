package sim_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigw-playground/playground/sim"
	"github.com/apigw-playground/playground/sim/scenario"
)

// TestRunInvalidScenario: Run never fails, even on a scenario that did not come through
// DecodeScenario; the diagnostic says what is wrong.
func TestRunInvalidScenario(t *testing.T) {
	tr := sim.Run(&scenario.Scenario{Request: scenario.Request{Path: "/a/b"}, API: scenario.API{Resource: "/x"}})
	if tr.Response.StatusCode != 0 || len(tr.Diagnostics) != 1 || !strings.Contains(tr.Diagnostics[0].Message, "api.resource") {
		t.Fatalf("trace %+v", tr)
	}
}

func TestDecodeScenarioUnknownHandler(t *testing.T) {
	_, err := sim.DecodeScenario([]byte(`{"request": {}, "lambda": {"handler": "nope"}}`))
	if err == nil || !strings.Contains(err.Error(), `lambda.handler: "nope" is not a built-in handler (echo, proxy-echo)`) {
		t.Fatalf("error %v", err)
	}
}

// TestRunIsDeterministic: the same scenario gives the same bytes, run after run.
func TestRunIsDeterministic(t *testing.T) {
	sc, err := sim.DecodeScenario(benchScenario)
	if err != nil {
		t.Fatal(err)
	}
	first := string(sim.TraceJSON(sim.Run(sc)))
	for range 5 {
		if got := string(sim.TraceJSON(sim.Run(sc))); got != first {
			t.Fatal("two runs of one scenario differ")
		}
	}
}

// TestSimulateAnswersAsDecodeThenRun: Simulate is DecodeScenario followed by Run with the
// repeated work left out, so the CLI and the server (which use it) answer exactly what the
// two calls answer: the same trace bytes, or the same error, for every golden scenario and
// for scenarios broken in each way DecodeScenario reports.
func TestSimulateAnswersAsDecodeThenRun(t *testing.T) {
	docs := map[string][]byte{
		"unknown handler":         []byte(`{"request": {}, "lambda": {"handler": "nope"}}`),
		"resource does not match": []byte(`{"request": {"path": "/a/b"}, "api": {"resource": "/x"}}`),
		"bad base64 body":         []byte(`{"request": {"body": "%%", "isBase64Encoded": true}}`),
		"bad method":              []byte(`{"request": {"method": "BREW"}}`),
		"YAML syntax":             []byte("request:\n  method: GET\n path: /\n"),
	}
	for name, doc := range goldenScenarios(t) {
		docs[name] = doc
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			want, wantErr := decodeThenRun(doc)
			tr, err := sim.Simulate(doc)
			if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
				t.Fatalf("Simulate error %v, DecodeScenario error %v", err, wantErr)
			}
			if err == nil && !bytes.Equal(sim.TraceJSON(tr), want) {
				t.Errorf("traces differ:\nSimulate:\n%s\nDecodeScenario+Run:\n%s", sim.TraceJSON(tr), want)
			}
		})
	}
}

func decodeThenRun(doc []byte) ([]byte, error) {
	sc, err := sim.DecodeScenario(doc)
	if err != nil {
		return nil, err
	}
	return sim.TraceJSON(sim.Run(sc)), nil
}

// goldenScenarios reads the scenario documents of testdata/golden, by file name.
func goldenScenarios(tb testing.TB) map[string][]byte {
	tb.Helper()
	docs := map[string][]byte{}
	for _, pattern := range []string{"*.json", "*.yaml"} {
		files, _ := filepath.Glob(filepath.Join("..", "testdata", "golden", pattern))
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				tb.Fatal(err)
			}
			docs[filepath.Base(file)] = data
		}
	}
	if len(docs) == 0 {
		tb.Fatal("no golden scenarios")
	}
	return docs
}
