package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder stands in for a *testing.T so the test can see whether Check reported a
// mismatch without failing itself.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
func (r *recorder) Fatal(...any)          { r.failed = true }
func (r *recorder) Name() string          { return "TestX" }

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.golden")
	if err := os.WriteFile(path, []byte("a\nb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		path   string
		got    string
		failed bool
	}{
		{"same bytes", path, "a\nb\n", false},
		{"changed line", path, "a\nc\n", true},
		{"missing newline", path, "a\nb", true},
		{"no golden file", path + ".missing", "a\nb\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{TB: t}
			Check(r, tt.path, []byte(tt.got))
			if r.failed != tt.failed {
				t.Errorf("reported a mismatch: %v, want %v", r.failed, tt.failed)
			}
		})
	}
}

func TestFirstDifference(t *testing.T) {
	if got, want := firstDifference("a\nb\nc", "a\nx\nc"), "line 2:\n  want: b\n  got:  x"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := firstDifference("same", "same"); got != "" {
		t.Errorf("equal texts reported %q", got)
	}
}
