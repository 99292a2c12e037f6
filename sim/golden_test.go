package sim_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigw-playground/playground/sim"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.golden from the simulator's output")

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
			golden := strings.TrimSuffix(file, filepath.Ext(file)) + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./sim -run TestGolden -update)", err)
			}
			if string(got) != string(want) {
				t.Errorf("trace differs from %s (run with -update to accept):\n%s", golden, firstDifference(string(want), string(got)))
			}
		})
	}
}

// firstDifference shows the first line that differs, which is usually all a reviewer needs.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, wl, gl)
		}
	}
	return ""
}
