package vtloracle

import (
	"errors"
	"os"
	"testing"
)

// Require ends a test that cannot use the oracle because of err, and does nothing when err
// is nil. The team's rule for tools the tests need: in CI (CI=true) the oracle must run,
// so the test fails; elsewhere a missing oracle skips the test with the packages to
// install. Any other error (the oracle ran and misbehaved) fails everywhere.
func Require(t testing.TB, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" || !errors.Is(err, ErrUnavailable) {
		t.Fatalf("the VTL oracle must run here: %v", err)
	}
	t.Skipf("skipping the live oracle: %v", err)
}
