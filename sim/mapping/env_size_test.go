package mapping

import (
	"testing"
	"unsafe"
)

// TestEnvFitsItsSizeClass guards the size of an Env, which every request allocates with its
// parsed body's space (jv.DocSpace) inside: with the allocator's 8-byte header it fills the
// 896-byte size class exactly, and a field more would move every request to the next
// class, 1,024 bytes.
func TestEnvFitsItsSizeClass(t *testing.T) {
	const class, header = 896, 8
	if size := unsafe.Sizeof(Env{}); size+header > class {
		t.Errorf("Env is %d bytes: with the allocator's header, more than its size class of %d", size, class)
	}
}
