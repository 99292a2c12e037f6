// Package swar looks at eight bytes of a string at once (SIMD within a register). The
// parsers scan text for a few stop bytes: a word at a time is several times faster than a
// byte at a time, and unlike a library search it costs no call or setup for the short runs
// that templates and JSON bodies are made of.
package swar

import "math/bits"

const (
	Ones     = 0x0101010101010101 // 1 in every byte
	HighBits = 0x8080808080808080 // the top bit of every byte
)

// Load8 is s[i:i+8] as a little-endian word (the compiler makes it one load).
func Load8(s string, i int) uint64 {
	b := s[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// Marks marks with its top bit every byte of w that equals c, and maybe some bytes after
// the first of those: the lowest mark is always the first match. (It is the classic test
// for a zero byte, of w xor c in every byte: a byte is marked when subtracting 1 borrows
// from it, which only a zero byte or, above it, the borrow it started can cause.)
func Marks(w uint64, c byte) uint64 {
	x := w ^ Ones*uint64(c)
	return (x - Ones) &^ x & HighBits
}

// First is the index in its word of the first byte a non-zero set of marks shows.
func First(marks uint64) int { return bits.TrailingZeros64(marks) / 8 }
