package swar

import "testing"

// LoadTail and LoadShort hold the bytes from i in order, lowest first, and zeros above
// them, for every start of the last word in strings of every length up to two words.
func TestLoadTail(t *testing.T) {
	const text = "\x80bcdef\xff\x00ijklmno\x7f"
	for n := 1; n <= len(text); n++ {
		s := text[:n]
		for i := max(0, n-7); i < n; i++ {
			var want uint64
			for j := n - 1; j >= i; j-- {
				want = want<<8 | uint64(s[j])
			}
			if got := LoadTail(s, i); got != want {
				t.Fatalf("LoadTail(%q, %d) = %#x, want %#x", s, i, got, want)
			}
			if got := LoadShort(s, i); got != want {
				t.Fatalf("LoadShort(%q, %d) = %#x, want %#x", s, i, got, want)
			}
		}
	}
}

func TestFirstBytes(t *testing.T) {
	want := []uint64{0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xff_ffffffff, 0xffff_ffffffff, 0xffffff_ffffffff, ^uint64(0), ^uint64(0)}
	for n, w := range want {
		if got := FirstBytes(n); got != w {
			t.Errorf("FirstBytes(%d) = %#x, want %#x", n, got, w)
		}
	}
}

// The sums Low7 allows are exact: for every byte value v&Low7 can hold and every c, the
// top bit of v^c + Low7 says v != c and that of v + 0x80-c says v >= c, whatever the other
// bytes of the word are.
func TestLow7Exact(t *testing.T) {
	for v := 0; v < 0x80; v++ {
		for c := 0; c < 0x80; c++ {
			for _, other := range []uint64{0, Low7} {
				for at := 0; at < 8; at++ {
					shift := 8 * uint(at)
					w := other&^(0xff<<shift) | uint64(v)<<shift
					differs := (w^Ones*uint64(c)+Low7)>>shift&0x80 != 0
					atLeast := (w+Ones*uint64(0x80-c))>>shift&0x80 != 0
					if differs != (v != c) || atLeast != (v >= c) {
						t.Fatalf("byte %#x at %d vs %#x in %#x: differs %v, at least %v", v, at, c, w, differs, atLeast)
					}
				}
			}
		}
	}
}
