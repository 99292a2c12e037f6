package mapping

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/apigw-playground/playground/sim/internal/swar"
	"github.com/apigw-playground/playground/sim/jv"
)

// util is $util. Every method takes one String; another argument type means Velocity finds
// no method (found is false, it prints empty), and null behaves as the Java method does.
type util struct{}

// theUtil is the $util every render binds. Its methods take a pointer so that a call
// through jv.Object reaches them directly (a value receiver needs a wrapper per call).
var theUtil util

// AppendCall implements jv.Appender for escapeJavaScript of a String, the call templates
// print most. A string of a word or more goes straight to AppendEscapeJavaScript's word
// loop, a call level sooner.
func (*util) AppendCall(dst []byte, name string, arg any) ([]byte, bool) {
	s, ok := arg.(string)
	if !ok || name != "escapeJavaScript" {
		return dst, false
	}
	if len(s) >= 8 {
		return appendEscapedWords(dst, s), true
	}
	return AppendEscapeJavaScript(dst, s), true
}

// CallMethod implements jv.Object.
func (*util) CallMethod(name string, args []any) (any, bool, error) {
	if len(args) != 1 {
		return nil, false, nil
	}
	s, ok := args[0].(string)
	if !ok && args[0] != nil {
		return nil, false, nil
	}
	isNull := args[0] == nil
	switch name {
	case "escapeJavaScript":
		if isNull {
			return nil, true, nil // commons-lang returns null for null
		}
		return EscapeJavaScript(s), true, nil
	case "parseJson":
		if isNull {
			return nil, true, errors.New("java.lang.NullPointerException")
		}
		v, err := jv.ParseJSON(s)
		if err != nil {
			return nil, true, err
		}
		return v, true, nil
	case "urlEncode":
		if isNull {
			return nil, true, errors.New("java.lang.NullPointerException")
		}
		return URLEncode(s), true, nil
	case "urlDecode":
		if isNull {
			return nil, true, errors.New("java.lang.NullPointerException")
		}
		v, err := URLDecode(s)
		return v, true, err
	case "base64Encode":
		if isNull {
			return nil, true, errors.New("java.lang.NullPointerException")
		}
		return base64.StdEncoding.EncodeToString([]byte(s)), true, nil
	case "base64Decode":
		if isNull {
			return nil, true, errors.New("java.lang.NullPointerException")
		}
		v, err := Base64Decode(s)
		return v, true, err
	}
	return nil, false, nil
}

const upperHex = "0123456789ABCDEF"

// EscapeJavaScript is commons-lang 2.6 StringEscapeUtils.escapeJavaScript, which API
// Gateway documents by its effect ("'" becomes "\'", which is not valid JSON): per UTF-16
// unit, \b \t \n \f \r and \' \" \\ \/ get a backslash, other control characters and
// everything above U+007F become \uXXXX with upper-case hex (a character outside the BMP
// becomes its two surrogates). U+007F itself is left alone.
func EscapeJavaScript(s string) string {
	i := javaScriptEscapeIndex(s)
	if i < 0 {
		return s
	}
	b := append(make([]byte, 0, len(s)+len(s)/4+escapeRoom), s[:i]...)
	return string(AppendEscapeJavaScript(b, s[i:]))
}

// AppendEscapeJavaScript appends EscapeJavaScript(s) to dst. Templates escape short
// values with a few specials in them (names, header values, bodies full of quotes): a
// string shorter than a word goes byte by byte, a longer one a word at a time
// (appendEscapedWords). Unlike append, it may leave scratch bytes in dst's capacity past
// what it appends.
func AppendEscapeJavaScript(dst []byte, s string) []byte {
	if len(s) >= 8 {
		return appendEscapedWords(dst, s)
	}
	for i := 0; i < len(s); i++ {
		switch e := javaScriptEscapes[s[i]]; e {
		case 0:
			dst = append(dst, s[i])
		case unitEscape:
			return appendEscapedWords(dst, s[i:])
		default:
			dst = append(dst, byte(e), byte(e>>8))
		}
	}
	return dst
}

// escapeRoom is the spare capacity escapeWords needs before each word it reads: escaped,
// the word's 8 bytes take at most 48 (eight controls as \u00XX; seven, and a character
// outside the BMP as two \uXXXX, take 54), and its 8-byte stores reach up to 8 bytes past
// what they write.
const escapeRoom = 48 + 8

// appendEscapedWords is AppendEscapeJavaScript a word at a time. The work is done by
// escapeWords; here is only what it leaves: too little room in dst (escapeGrowing).
func appendEscapedWords(dst []byte, s string) []byte {
	b := dst[:cap(dst)] // written up to len(dst); escapeWords's 8-byte stores may reach past it
	n, i := escapeWords(b, len(dst), s, 0)
	if i < len(s) {
		return escapeGrowing(b[:n], s, i)
	}
	return b[:n]
}

// escapeGrowing appends the escaped s[i:] to b, growing it as escapeWords needs room.
func escapeGrowing(b []byte, s string, i int) []byte {
	n := len(b)
	for {
		b = slices.Grow(b[:n], len(s)-i+escapeRoom)
		b = b[:cap(b)]
		if n, i = escapeWords(b, n, s, i); i == len(s) {
			return b[:n]
		}
	}
}

// escapeWords escapes s from i into b from n, and returns where both stopped: at the end of
// s, or when b has less than escapeRoom left. Each word of s is stored whole into b; a
// special byte in it gets its backslash written in its place, and the word from that byte
// on is stored again after the backslash, the byte replaced by its letter. A word of plain
// bytes thus costs a load, a few operations and a store, a special two stores more, and
// there is no copy call for the runs between specials.
func escapeWords(b []byte, n int, s string, i int) (int, int) {
	d := n - i // how far b runs ahead of s: byte p of s goes to b[p+d] unless escaped
words:
	for i < len(s) && len(b)-(i+d) >= escapeRoom {
		var w, marks uint64
		k := len(s) - i // how many bytes of s the word holds
		if k >= 8 {
			w, k = swar.Load8(s, i), 8
			marks = javaScriptMarks(w)
		} else {
			// swar.LoadTail, written out: as a call it would make this loop spill what it
			// keeps in registers.
			if len(s) >= 8 { // the last 8 bytes of s, without those before i
				w = swar.Load8(s, len(s)-8) >> (64 - 8*uint(k)&63)
			} else {
				w = swar.LoadShort(s, i)
			}
			marks = javaScriptMarks(w) & swar.FirstBytes(k) // the zeros above are no controls
		}
		binary.LittleEndian.PutUint64(b[i+d:], w)
		for ; marks != 0; marks &= marks - 1 {
			j := swar.First(marks)
			rest := w >> (8 * uint(j) & 63) // byte j of the word and those after it
			j += i                          // its index in s
			c := byte(rest)
			switch e := javaScriptEscapes[c]; {
			case e != unitEscape: // a backslash and a letter
				b[j+d] = '\\'
				d++
				binary.LittleEndian.PutUint64(b[j+d:], rest&^0xff|uint64(e>>8))
			case c >= utf8.RuneSelf: // its character may go on into the next word
				n, i = putRune(b, j+d, s, j)
				for i < len(s) && s[i] >= utf8.RuneSelf && len(b)-n >= escapeRoom {
					n, i = putRune(b, n, s, i) // and so may the next, directly after it
				}
				d = n - i
				continue words
			default: // another control: \u00XX, and the bytes after it
				putUnit(b, j+d, uint16(c))
				d += 5
				binary.LittleEndian.PutUint64(b[j+d+1:], rest>>8)
			}
		}
		i += k
	}
	return i + d, i
}

// putRune writes the character at s[i:] (one U+FFFD for a byte that does not start valid
// UTF-8) at b[n:] as one \uXXXX per UTF-16 unit, and returns the indexes after both.
func putRune(b []byte, n int, s string, i int) (int, int) {
	// A two-byte character (Latin letters with accents, Greek, Cyrillic...) is decoded here,
	// without the call utf8 makes for every character outside ASCII.
	if c := s[i]; c >= 0xc2 && c < 0xe0 && i+1 < len(s) && s[i+1]&0xc0 == 0x80 {
		return putUnit(b, n, uint16(c&0x1f)<<6|uint16(s[i+1]&0x3f)), i + 2
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
		n = putUnit(b, n, uint16(r1))
		return putUnit(b, n, uint16(r2)), i + size
	}
	return putUnit(b, n, uint16(r)), i + size
}

// javaScriptEscapes says what escapeJavaScript does with each byte: 0 keeps it, unitEscape
// writes its character as \uXXXX (controls, and every character outside ASCII), and any
// other value is the backslash and letter it becomes, as a little-endian pair to store
// at once.
var javaScriptEscapes = func() (t [256]uint16) {
	for c := range t {
		if c < 0x20 || c >= utf8.RuneSelf {
			t[c] = unitEscape
		}
	}
	for c, letter := range map[byte]byte{'\b': 'b', '\t': 't', '\n': 'n', '\f': 'f', '\r': 'r', '\'': '\'', '"': '"', '\\': '\\', '/': '/'} {
		t[c] = uint16(letter)<<8 | '\\'
	}
	return t
}()

// unitEscape marks in javaScriptEscapes the bytes written as \uXXXX.
const unitEscape = 1

// javaScriptMarks marks with its top bit exactly the bytes of w that escapeJavaScript
// changes: every byte of a non-ASCII character, controls, quotes, backslash and slash. The
// top bits of plain are those of the bytes that pass every test on their low seven bits
// (see swar.Low7): at least 0x20, and none of the four specials. (Written out rather than
// as calls to keep it within the inliner's budget.)
func javaScriptMarks(w uint64) uint64 {
	v := w & swar.Low7
	plain := (v + swar.Ones*(0x80-0x20)) &
		(v ^ swar.Ones*'\'' + swar.Low7) & (v ^ swar.Ones*'"' + swar.Low7) &
		(v ^ swar.Ones*'\\' + swar.Low7) & (v ^ swar.Ones*'/' + swar.Low7)
	return (w | ^plain) & swar.HighBits
}

// javaScriptEscapeIndex is the index of the first byte EscapeJavaScript changes, or -1.
func javaScriptEscapeIndex(s string) int {
	for i := 0; i < len(s); i += 8 {
		var w uint64
		if len(s)-i >= 8 {
			w = swar.Load8(s, i)
		} else {
			w = swar.LoadTail(s, i)
		}
		if marks := javaScriptMarks(w) & swar.FirstBytes(len(s)-i); marks != 0 {
			return i + swar.First(marks)
		}
	}
	return -1
}

// putUnit writes the UTF-16 unit u as \uXXXX at b[n:], with one 8-byte store (the two
// bytes after it are garbage for the next write to cover), and returns the index after it.
// The four hex digits are made in one word: each nibble in a byte of its own, '0' added to
// all, and 'A'-'9'-1 more to those above 9 (which adding 6 carries into bit 4).
func putUnit(b []byte, n int, u uint16) int {
	x := uint64(u)
	x = x>>12 | x>>8&0xf<<8 | x>>4&0xf<<16 | x&0xf<<24
	x += swar.Ones*'0' + (x+swar.Ones*6)>>4&(swar.Ones&0xffffffff)*('A'-'9'-1)
	binary.LittleEndian.PutUint64(b[n:], '\\'|'u'<<8|x<<16)
	return n + 6
}

// URLEncode is java.net.URLEncoder.encode(s, "UTF-8"): application/x-www-form-urlencoded,
// letters, digits and . - * _ kept, space as +, every other byte of the UTF-8 form as %XX
// (upper case). AWS-recorded: {"some": "value"} → %7B%22some%22%3A+%22value%22%7D.
func URLEncode(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			c == '.', c == '-', c == '*', c == '_':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(upperHex[c>>4])
			b.WriteByte(upperHex[c&0xf])
		}
	}
	return b.String()
}

// URLDecode is java.net.URLDecoder.decode(s, "UTF-8"): + is a space, %XX a byte, and each
// run of escaped bytes is read as UTF-8 (see javaUTF8). Its errors carry Java's messages.
func URLDecode(s string) (string, error) {
	if !strings.ContainsAny(s, "+%") {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		switch s[i] {
		case '+':
			b.WriteByte(' ')
			i++
		case '%':
			var bytes []byte
			for i+2 < len(s) && s[i] == '%' {
				hex := s[i+1 : i+3]
				v, err := strconv.ParseUint(hex, 16, 8)
				if err != nil {
					bad := 0
					for bad < len(hex) && strings.IndexByte("0123456789abcdefABCDEF", hex[bad]) >= 0 {
						bad++
					}
					return "", errors.New(`java.lang.IllegalArgumentException: URLDecoder: Illegal hex characters in escape (%) pattern - Error at index ` + strconv.Itoa(bad) + ` in: "` + hex + `"`)
				}
				bytes = append(bytes, byte(v))
				i += 3
			}
			if i < len(s) && s[i] == '%' {
				return "", errors.New("java.lang.IllegalArgumentException: URLDecoder: Incomplete trailing escape (%) pattern")
			}
			b.WriteString(javaUTF8(bytes))
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String(), nil
}

// javaUTF8 is new String(bytes, UTF_8): each malformed sequence — the longest prefix of a
// valid sequence, or else one byte — becomes one U+FFFD.
func javaUTF8(p []byte) string {
	if utf8.Valid(p) {
		return string(p)
	}
	var b strings.Builder
	for len(p) > 0 {
		r, size := utf8.DecodeRune(p)
		if r != utf8.RuneError || size > 1 {
			b.Write(p[:size])
			p = p[size:]
			continue
		}
		b.WriteRune(utf8.RuneError)
		p = p[validPrefix(p):]
	}
	return b.String()
}

// validPrefix is how many bytes at the start of p begin a well-formed UTF-8 sequence that
// is cut short (at least 1).
func validPrefix(p []byte) int {
	lead := p[0]
	var n int
	lo, hi := byte(0x80), byte(0xBF)
	switch {
	case lead >= 0xC2 && lead <= 0xDF:
		n = 2
	case lead >= 0xE0 && lead <= 0xEF:
		n = 3
		if lead == 0xE0 {
			lo = 0xA0
		} else if lead == 0xED {
			hi = 0x9F
		}
	case lead >= 0xF0 && lead <= 0xF4:
		n = 4
		if lead == 0xF0 {
			lo = 0x90
		} else if lead == 0xF4 {
			hi = 0x8F
		}
	default:
		return 1
	}
	i := 1
	for ; i < n && i < len(p); i++ {
		if p[i] < lo || p[i] > hi {
			break
		}
		lo, hi = 0x80, 0xBF
	}
	return i
}

// Base64Decode is java.util.Base64.getDecoder().decode(s) read as UTF-8 (see javaUTF8):
// the basic alphabet, padding optional but exact when present, nothing else allowed. The
// checks run in Java's order so that errors carry Java's messages.
func Base64Decode(s string) (string, error) {
	fail := func(msg string) (string, error) {
		return "", errors.New("java.lang.IllegalArgumentException: " + msg)
	}
	// Java reads the String as ISO-8859-1 bytes: one unit per character, '?' past U+00FF.
	units := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xff {
			r = '?'
		}
		units = append(units, byte(r))
	}
	if len(units) == 1 {
		return fail("Input byte[] should at least have 2 bytes for base64 bytes")
	}
	out := make([]byte, 0, len(units)*3/4)
	bits, shift, sp := 0, 18, 0
	for sp < len(units) {
		c := units[sp]
		sp++
		v := base64Value(c)
		if v < 0 {
			if c != '=' {
				return fail("Illegal base64 character " + strconv.FormatInt(int64(int8(c)), 16))
			}
			if shift == 6 && (sp == len(units) || units[sp] != '=') || shift == 18 {
				return fail("Input byte array has wrong 4-byte ending unit")
			}
			if shift == 6 {
				sp++
			}
			break
		}
		bits |= v << shift
		shift -= 6
		if shift < 0 {
			out = append(out, byte(bits>>16), byte(bits>>8), byte(bits))
			bits, shift = 0, 18
		}
	}
	switch shift {
	case 6:
		out = append(out, byte(bits>>16))
	case 0:
		out = append(out, byte(bits>>16), byte(bits>>8))
	case 12:
		return fail("Last unit does not have enough valid bits")
	}
	if sp < len(units) {
		return fail("Input byte array has incorrect ending byte at " + strconv.Itoa(sp))
	}
	return javaUTF8(out), nil
}

func base64Value(c byte) int {
	switch {
	case c >= 'A' && c <= 'Z':
		return int(c - 'A')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 26
	case c >= '0' && c <= '9':
		return int(c-'0') + 52
	case c == '+':
		return 62
	case c == '/':
		return 63
	}
	return -1
}
