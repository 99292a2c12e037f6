package swar

import "testing"

// Below's lowest mark is the first byte under the bound, for every bound it takes, every
// byte value at every position, with bytes at or above the bound before it (0x80 and up
// among them, which are never under it) and, after it, bytes under the bound (where a
// borrow may mark more).
func TestBelow(t *testing.T) {
	for _, bound := range []byte{1, ' ', '0', 0x7f, 0x80} {
		for _, above := range []byte{bound, bound + 1, 0x80, 0xff} {
			for b := range 256 {
				for at := range 8 {
					var word [8]byte
					for j := range word {
						switch {
						case j < at:
							word[j] = above
						case j == at:
							word[j] = byte(b)
						default:
							word[j] = bound - 1
						}
					}
					first := at
					if byte(b) >= bound {
						first = at + 1 // the bytes after it, or none
					}
					m := Below(Load8(string(word[:]), 0), bound)
					if first == 8 && m != 0 || first < 8 && (m == 0 || First(m) != first) {
						t.Fatalf("bound %#x, % x: marks %#x, want the first at %d", bound, word, m, first)
					}
				}
			}
		}
	}
}
