package sim_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/apigw-playground/playground/sim"
)

// FuzzDecodeScenario feeds arbitrary documents to DecodeScenario and runs whatever it
// accepts: neither may panic, an accepted scenario must produce a trace that encodes, and
// a rejected one must say why. Simulate must answer the same bytes or the same error.
// Seeds: the golden scenarios and testdata/fuzz.
func FuzzDecodeScenario(f *testing.F) {
	for _, doc := range goldenScenarios(f) {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want, err := decodeThenRun(data)
		tr, simErr := sim.Simulate(data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			if simErr == nil || simErr.Error() != err.Error() {
				t.Fatalf("Simulate error %v, DecodeScenario error %v", simErr, err)
			}
			return
		}
		if !json.Valid(want) {
			t.Fatal("trace is not valid JSON")
		}
		if simErr != nil || !bytes.Equal(sim.TraceJSON(tr), want) {
			t.Fatalf("Simulate answered %v differently from DecodeScenario then Run", simErr)
		}
	})
}
