package mapping

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
)

// escapeJavaScriptByUnit is commons-lang 2.6 escapeJavaScript as its source reads, one
// UTF-16 unit at a time, with none of the word-at-a-time machinery: what the fast paths
// are checked against. (Go reads each byte that is not valid UTF-8 as U+FFFD.)
func escapeJavaScriptByUnit(s string) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		switch u {
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		case '\'', '"', '\\', '/':
			b.WriteByte('\\')
			b.WriteByte(byte(u))
		default:
			if u < 0x20 || u > 0x7f {
				fmt.Fprintf(&b, `\u%04X`, u)
			} else {
				b.WriteByte(byte(u))
			}
		}
	}
	return b.String()
}

// escapeSpecials are strings escapeJavaScript changes, one of each kind: the short escapes,
// controls with and without a letter, and characters of 2, 3 and 4 bytes, broken UTF-8
// included. 0x7f and space, which it keeps, are there as near misses.
var escapeSpecials = []string{
	"'", `"`, `\`, "/", "\b", "\t", "\n", "\f", "\r", "\x00", "\x01", "\x1f", "\x7f", " ",
	"é", "€", "\u2028", "\uFFFD", "😀", "\xff", "\xc3", "\xe2\x82", "\xed\xa0\x80",
}

// The escape of every special at every position of the first words of strings of every
// length up to three words, alone, doubled, and next to another kind, equals the escape
// unit by unit; appended to a buffer that has room and to one that has none.
func TestAppendEscapeJavaScriptPositions(t *testing.T) {
	if got := string(AppendEscapeJavaScript([]byte("x"), "")); got != "x" {
		t.Fatalf("empty string: got %q", got)
	}
	fill := "abcdefghijklmnopqrstuvwx"
	for _, special := range escapeSpecials {
		for _, next := range []string{"", special, `"`, "é", "\n"} {
			for length := 0; length <= len(fill); length++ {
				for at := 0; at <= length; at++ {
					s := fill[:at] + special + next + fill[at:length]
					want := escapeJavaScriptByUnit(s)
					if got := string(AppendEscapeJavaScript(nil, s)); got != want {
						t.Fatalf("%q: got %q, want %q", s, got, want)
					}
					if got := string(AppendEscapeJavaScript(make([]byte, 3, 1024), s)); got != "\x00\x00\x00"+want {
						t.Fatalf("%q after 3 bytes: got %q, want %q", s, got, want)
					}
					if got := EscapeJavaScript(s); got != want {
						t.Fatalf("EscapeJavaScript(%q) = %q, want %q", s, got, want)
					}
				}
			}
		}
	}
}

// Long strings of specials outgrow the room the word-at-a-time escaper keeps, again and
// again, and each kind of special fills the output at its own rate.
func TestAppendEscapeJavaScriptLong(t *testing.T) {
	for _, special := range escapeSpecials {
		for _, n := range []int{7, 8, 9, 63, 64, 65, 1000} {
			s := strings.Repeat(special, n) + "tail"
			want := escapeJavaScriptByUnit(s)
			if got := string(AppendEscapeJavaScript([]byte("x"), s)); got != "x"+want {
				t.Fatalf("%d × %q: got %q, want %q", n, special, got, want)
			}
		}
	}
}

// javaScriptMarks marks exactly the bytes to escape, every one of them, whatever is around
// them: each byte value at each position of a word filled with each other kind of byte.
func TestJavaScriptMarksExact(t *testing.T) {
	for c := 0; c < 256; c++ {
		for at := 0; at < 8; at++ {
			for _, fill := range []byte{'a', 0, '"', 0x7f, 0x80, 0xff} {
				word := []byte(strings.Repeat(string(fill), 8))
				word[at] = byte(c)
				var want uint64
				for i, b := range word {
					if javaScriptEscapes[b] != 0 {
						want |= 0x80 << (8 * i)
					}
				}
				w := uint64(0)
				for i := 7; i >= 0; i-- {
					w = w<<8 | uint64(word[i])
				}
				if got := javaScriptMarks(w); got != want {
					t.Fatalf("% x: marks %#x, want %#x", word, got, want)
				}
			}
		}
	}
}

func FuzzEscapeJavaScript(f *testing.F) {
	f.Add("O'Brien \"Bob\"")
	f.Add("tab\tnl\ncr\rff\fbs\b\x01\x7f")
	f.Add("é€\u2028😀\xff\xed\xa0\x80")
	f.Fuzz(func(t *testing.T, s string) {
		want := escapeJavaScriptByUnit(s)
		if got := string(AppendEscapeJavaScript([]byte("<"), s)); got != "<"+want {
			t.Fatalf("%q: got %q, want %q", s, got, want)
		}
		if got := EscapeJavaScript(s); got != want {
			t.Fatalf("EscapeJavaScript(%q) = %q, want %q", s, got, want)
		}
	})
}
