package vtloracle

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestModuleRoot(t *testing.T) {
	root, err := ModuleRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("ModuleRoot returned %s, which holds no go.mod", root)
	}
}

// A script that cannot start must read as "unavailable", so that tests away from CI skip
// instead of failing.
func TestStartWithoutScriptIsUnavailable(t *testing.T) {
	t.Setenv("VTL_ORACLE", filepath.Join(t.TempDir(), "no-such-run"))
	o, err := Start()
	if err == nil {
		o.Close()
		t.Fatal("started an oracle from a script that does not exist")
	}
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("error %v does not wrap ErrUnavailable", err)
	}
}

// RenderAll keeps the order of the cases and tells an output from an error.
func TestRenderOnce(t *testing.T) {
	answers, err := RenderOnce([][]byte{
		[]byte(`{"template":"$context.n","body":"","context":{"n":3}}`),
		[]byte(`{"template":"#foreach(","body":""}`),
		[]byte(`  {"template":"#set($s = 'a')$s$s","body":""}` + "\n"),
	})
	Require(t, err)
	if len(answers) != 3 {
		t.Fatalf("%d answers for 3 cases", len(answers))
	}
	for i, want := range []string{"3", "", "aa"} {
		a := answers[i]
		if want == "" {
			if a.Output != nil || a.Error == "" {
				t.Errorf("case %d: want an error, got %+v", i+1, a)
			}
			continue
		}
		if a.Output == nil || *a.Output != want {
			t.Errorf("case %d: want %q, got %+v", i+1, want, a)
		}
	}
}
