package conformtest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// recorder stands in for a *testing.T so the test can see whether Load rejected the
// cases without failing itself; a fatal report ends the goroutine, as FailNow does.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Fatal(...any)          { r.failed = true; runtime.Goexit() }
func (r *recorder) Fatalf(string, ...any) { r.failed = true; runtime.Goexit() }

type testCase struct {
	Head
	Expect struct {
		Status int `json:"status"`
	} `json:"expect"`
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name, file, content string
		failed              bool
	}{
		{"good", "a.json", `{"id":"a","scenario":{},"expect":{"status":200}}`, false},
		{"unknown field", "a.json", `{"id":"a","scenario":{},"expect":{"statusCode":200}}`, true},
		{"id is not the file name", "a.json", `{"id":"b","scenario":{}}`, true},
		{"not JSON", "a.json", `{`, true},
		{"no case files", "a.txt", `{}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, tt.file), []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			r := &recorder{TB: t}
			var cases []testCase
			done := make(chan struct{})
			go func() {
				defer close(done)
				cases = Load[testCase](r, dir)
			}()
			<-done
			if r.failed != tt.failed {
				t.Fatalf("rejected: %v, want %v", r.failed, tt.failed)
			}
			if !tt.failed && (len(cases) != 1 || cases[0].ID != "a" || cases[0].Expect.Status != 200) {
				t.Errorf("loaded %+v", cases)
			}
		})
	}
}
