package jv

import (
	"unicode/utf8"
	"unsafe"
)

// Boxing string values without an allocation of their own.
//
// An `any` holding a string is two words: the string type and a pointer to a string header
// (data pointer and length). Converting a string to `any` allocates that header on the heap
// (runtime.convTstring), one allocation per string value of a body. A document parsed into a
// DocSpace instead keeps the headers of its first strings in the space (DocSpace.headers),
// and each `any` points at its header there: the string's box costs nothing but the 16 bytes
// the space already has.
//
// Why this is sound:
//   - The `any` is built by writing its two words through an *eface that points at it:
//     `any` and eface have the same layout (a type word, then a data pointer: the runtime's
//     own abi.EmptyInterface), so this is the first conversion unsafe.Pointer's rules allow.
//     For a type that is not pointer-shaped, such as string, the data word always points at
//     a value of the type, and nothing ever writes through it: interface values are
//     immutable, and the compiler itself makes them point at read-only data or the stack,
//     not only at allocations of their own.
//   - The garbage collector sees every pointer involved: the data word of an `any` is a
//     pointer wherever the `any` is stored (an interior pointer into the space keeps the
//     whole space alive), and the header sits in a field of type [n]string, whose data
//     pointers the collector scans, so the string's bytes (in the body's text or in the
//     block's text area) stay alive as long as the header does. Stack copying adjusts both
//     for the same reason, should a space ever live on a stack. The header is written with
//     an ordinary typed store, so write barriers apply as usual.
//   - A header is written once, before its box exists, and never again while the box can
//     be reached: a space serves one parse (see DocSpace), and restart reuses its headers
//     only after an abandoned fast parse, whose values were never handed out.

// eface is the layout of an `any`.
type eface struct {
	typ, data unsafe.Pointer
}

// stringType is the type word of an `any` holding a string.
var stringType = func() unsafe.Pointer {
	var v any = ""
	return (*eface)(unsafe.Pointer(&v)).typ
}()

// boxString boxes a string value of the document: a one-character ASCII string shares the
// box made at start-up, a longer one takes its header from the DocSpace while it has room
// (see above), and only then is boxed by the runtime (an allocation; none for "").
func (p *jsonParser) boxString(s string) any {
	if len(s) <= 1 {
		if len(s) == 1 && s[0] < utf8.RuneSelf {
			return asciiStrings[s[0]]
		}
		return s
	}
	if p.headers.used >= len(p.headers.chunk) {
		return s
	}
	h := &p.headers.chunk[p.headers.used]
	p.headers.used++
	*h = s
	var v any
	e := (*eface)(unsafe.Pointer(&v))
	e.typ, e.data = stringType, unsafe.Pointer(h)
	return v
}
