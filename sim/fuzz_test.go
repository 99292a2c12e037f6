package sim_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/apigw-playground/playground/sim"
)

// FuzzDecodeScenario feeds arbitrary documents to DecodeScenario and runs whatever it
// accepts: neither may panic, an accepted scenario must produce a trace that encodes, and
// a rejected one must say why. Seeds: the golden scenarios and testdata/fuzz.
func FuzzDecodeScenario(f *testing.F) {
	for _, pattern := range []string{"*.json", "*.yaml"} {
		files, _ := filepath.Glob(filepath.Join("..", "testdata", "golden", pattern))
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := sim.DecodeScenario(data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		tr := sim.Run(sc)
		if !json.Valid(sim.TraceJSON(tr)) {
			t.Fatal("trace is not valid JSON")
		}
	})
}
