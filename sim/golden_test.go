package sim_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigw-playground/playground/internal/golden"
	"github.com/apigw-playground/playground/sim"
)

// TestGolden runs every scenario in testdata/golden and compares the whole trace (or, for
// an invalid scenario, the error message) with its .golden file byte for byte: traces must
// be reproducible, and any change to one shows up in review. Run with -update to accept.
func TestGolden(t *testing.T) {
	var files []string
	for _, pattern := range []string{"*.json", "*.yaml"} {
		matches, _ := filepath.Glob(filepath.Join("..", "testdata", "golden", pattern))
		files = append(files, matches...)
	}
	if len(files) == 0 {
		t.Fatal("no golden scenarios")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var got []byte
			sc, err := sim.DecodeScenario(data)
			switch {
			case err != nil:
				got = []byte("error: " + err.Error() + "\n")
			case strings.HasPrefix(name, "invalid-"):
				t.Fatal("an invalid-* scenario decoded without error")
			default:
				got = sim.TraceJSON(sim.Run(sc))
			}
			golden.Check(t, strings.TrimSuffix(file, filepath.Ext(file))+".golden", got)
		})
	}
}
