package swar

import (
	"strings"
	"testing"
)

// The first mark is the first match for every byte value and position, including bytes
// right after a match (where a borrow may mark more) and the 0x00 and 0x80 edges.
func TestFirstMatch(t *testing.T) {
	for _, c := range []byte{0, '"', '#', '$', '\\', 0x7f, 0x80, 0xff} {
		for at := 0; at < 8; at++ {
			for _, fill := range []byte{0, 1, c - 1, c + 1, 0x80, 0xff} {
				if fill == c {
					continue
				}
				b := []byte(strings.Repeat(string(fill), 8))
				b[at] = c
				if at+1 < 8 {
					b[at+1] = c // a second match right after must not hide the first
				}
				m := Marks(Load8(string(b), 0), c)
				if m == 0 || First(m) != at {
					t.Fatalf("byte %#x at %d in % x: marks %#x", c, at, b, m)
				}
			}
		}
		if m := Marks(Load8(strings.Repeat(string(c+1), 8), 0), c); m != 0 {
			t.Fatalf("byte %#x: marks %#x in a word without it", c, m)
		}
	}
}
