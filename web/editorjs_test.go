package web

import (
	"os/exec"
	"testing"

	"github.com/apigw-playground/playground/internal/nodetest"
)

// TestEditorJS runs the unit tests of the page's pure JavaScript modules (model, diff,
// share links) with Node's built-in runner, so `go test ./...` covers them too. Under
// CI=true a missing node is a failure; elsewhere the test is skipped. (The file is not
// named editor_js_test.go: a _js suffix would build it only for GOOS=js.)
func TestEditorJS(t *testing.T) {
	node := nodetest.Node(t, "run the editor's JS tests")
	cmd := exec.Command(node, "--test", "test/")
	cmd.Dir = "editor"
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node --test web/editor/test/: %v\n%s", err, out)
	}
}
