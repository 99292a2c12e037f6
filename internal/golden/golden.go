// Package golden compares test output with committed golden files. Every package's
// golden tests share it so that one -update flag means the same thing everywhere and a
// mismatch is reported the same way: by the first line that differs, which is usually all
// a reviewer needs to see what changed.
//
// It is meant for tests only: importing it registers the -update flag, so a test package
// that imports it must not define its own.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files from the output of the code under test")

// Check compares got with the file at path byte for byte. With -update it writes got to
// path instead (creating its directory), so accepting a deliberate change is one command
// followed by a review of the diff.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run '%s' -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (if the change is intended, run go test -run '%s' -update and review the diff):\n%s",
			path, t.Name(), firstDifference(string(want), string(got)))
	}
}

// firstDifference shows the first line that differs between want and got.
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
