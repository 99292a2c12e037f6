package jv

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

// TestSmallDocFitsItsClass guards the size of a small document's block: past its size class
// (with the allocator's header) every body would cost the next class's bytes, and DocSpace's
// owner (mapping.Env) would grow with it.
func TestSmallDocFitsItsClass(t *testing.T) {
	if size := unsafe.Sizeof(smallDoc{}); size+mallocHeader > smallDocClass {
		t.Errorf("smallDoc is %d bytes, more than its class of %d leaves (%d)", size, smallDocClass, smallDocClass-mallocHeader)
	}
}

// TestBoxedStringsSurviveCollections parses bodies whose strings are boxed in their
// document's space (see boxString), drops everything else that points at the bodies' text
// or at the spaces, and collects (half of the bodies after the fast parse gave up on them,
// having boxed strings in the space already): the values must still read as the strings they were,
// compare and hash as strings boxed by the runtime do, and be what ToJSON prints.
func TestBoxedStringsSurviveCollections(t *testing.T) {
	const n = 200
	roots := make([]any, n)
	for i := range roots {
		body := fmt.Sprintf(`{"s":"value %d","e":"esc\"%d\"","l":["ab%d","cd"]}`, i, i, i)
		if i%2 == 1 { // not standard JSON: the fast parse gives up, and the space is used again
			body = strings.Replace(body, "]}", "],}", 1)
		}
		doc, err := ParseDocumentIn(new(DocSpace), strings.Clone(body))
		if err != nil {
			t.Fatal(err)
		}
		roots[i] = doc.Root
	}
	for range 3 {
		runtime.GC()
		garbage := make([][]byte, 1000)
		for j := range garbage {
			garbage[j] = bytes.Repeat([]byte{'x'}, 32)
		}
		runtime.KeepAlive(garbage)
	}
	seen := map[any]int{}
	for i, v := range roots {
		m := v.(*Map)
		s, _ := m.GetString("s")
		e, _ := m.GetString("e")
		want := fmt.Sprintf("value %d", i)
		if s != any(want) || s.(string) != want {
			t.Fatalf("root %d: s = %#v, want %q", i, s, want)
		}
		if e != any(fmt.Sprintf("esc\"%d\"", i)) {
			t.Fatalf("root %d: e = %#v", i, e)
		}
		seen[s] = i
		if got, want := ToJSON(v), fmt.Sprintf(`{"s":"value %d","e":"esc\"%d\"","l":["ab%d","cd"]}`, i, i, i); got != want {
			t.Fatalf("root %d prints %s, want %s", i, got, want)
		}
	}
	for i := range roots {
		if j, ok := seen[fmt.Sprintf("value %d", i)]; !ok || j != i {
			t.Fatalf("value %d hashes as %d, %v", i, j, ok)
		}
	}
}

// TestStringBoxesInSpace checks that a small document's strings take their boxes from its
// DocSpace until the space's headers run out, and that ParseDocumentIn then allocates only
// for the ones past them.
func TestStringBoxesInSpace(t *testing.T) {
	var space DocSpace
	body := `{"a":"xy","b":"z\"w","c":["long enough","more"]}`
	allocs := testing.AllocsPerRun(1, func() {
		space = DocSpace{}
		if _, err := ParseDocumentIn(&space, body); err != nil {
			t.Fatal(err)
		}
	})
	extra := 4 - len(space.headers) // strings boxed by the runtime
	if int(allocs) != max(extra, 0) {
		t.Errorf("%v allocations, want %d", allocs, max(extra, 0))
	}
	for i, h := range space.headers {
		if want := []string{"xy", "z\"w", "long enough", "more"}[i]; h != want {
			t.Errorf("header %d = %q, want %q", i, h, want)
		}
	}
}
