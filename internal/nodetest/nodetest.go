// Package nodetest finds Node.js for the tests that run the page's JavaScript (the editor's
// modules, the lessons' checks.js), with the project's rule for a missing tool: under CI=true
// it is a failure, because CI must run those tests; elsewhere the test is skipped with the
// Debian package to install.
package nodetest

import (
	"os"
	"os/exec"
	"testing"
)

// Node returns the path of node, or ends the test: t.Fatal under CI=true, else t.Skip.
// why says what node would have tested, for the message.
func Node(t testing.TB, why string) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err == nil {
		return node
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("node not found; CI must %s: install the Debian package nodejs", why)
	}
	t.Skipf("node not found; install the Debian package nodejs to %s", why)
	return ""
}
