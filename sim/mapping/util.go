package mapping

import (
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/apigw-playground/playground/sim/jv"
)

// util is $util. Every method takes one String; another argument type means Velocity finds
// no method (found is false, it prints empty), and null behaves as the Java method does.
type util struct{}

// theUtil is the $util every render binds. Its methods take a pointer so that a call
// through jv.Object reaches them directly (a value receiver needs a wrapper per call).
var theUtil util

// AppendCall implements jv.Appender for escapeJavaScript of a String, the call templates
// print most.
func (*util) AppendCall(dst []byte, name string, args []any) ([]byte, bool) {
	if name != "escapeJavaScript" || len(args) != 1 {
		return dst, false
	}
	s, ok := args[0].(string)
	if !ok {
		return dst, false
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
	return string(appendEscapedJavaScript(make([]byte, 0, len(s)+len(s)/4+8), s, i))
}

// AppendEscapeJavaScript appends EscapeJavaScript(s) to dst.
func AppendEscapeJavaScript(dst []byte, s string) []byte {
	i := javaScriptEscapeIndex(s)
	if i < 0 {
		return append(dst, s...)
	}
	return appendEscapedJavaScript(dst, s, i)
}

// appendEscapedJavaScript appends s escaped, i being the index of its first byte to escape:
// the runs between bytes to escape are copied whole.
func appendEscapedJavaScript(b []byte, s string, i int) []byte {
	for i >= 0 {
		b = append(b, s[:i]...)
		c, n := s[i], 1
		switch {
		case c >= utf8.RuneSelf:
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
				b = appendUnit(b, uint16(r1))
				b = appendUnit(b, uint16(r2))
			} else {
				b = appendUnit(b, uint16(r))
			}
		case javaScriptShortEscapes[c] != 0:
			b = append(b, '\\', javaScriptShortEscapes[c])
		default: // another control character
			b = appendUnit(b, uint16(c))
		}
		s = s[i+n:]
		i = javaScriptEscapeIndex(s)
	}
	return append(b, s...)
}

// javaScriptShortEscapes maps the ASCII bytes escapeJavaScript writes as a backslash and a
// letter to that letter.
var javaScriptShortEscapes = [utf8.RuneSelf]byte{'\b': 'b', '\t': 't', '\n': 'n', '\f': 'f', '\r': 'r', '\'': '\'', '"': '"', '\\': '\\', '/': '/'}

// javaScriptEscaped marks the bytes escapeJavaScript changes: controls, quotes, backslash,
// slash, and every byte of a non-ASCII character.
var javaScriptEscaped = func() (t [256]bool) {
	for c := range t {
		t[c] = c < 0x20 || c >= utf8.RuneSelf || javaScriptShortEscapes[c&0x7f] != 0 && c < utf8.RuneSelf
	}
	return t
}()

// javaScriptEscapeIndex is the index of the first byte EscapeJavaScript changes, or -1.
func javaScriptEscapeIndex(s string) int {
	for i := 0; i < len(s); i++ {
		if javaScriptEscaped[s[i]] {
			return i
		}
	}
	return -1
}

func appendUnit(b []byte, u uint16) []byte {
	return append(b, '\\', 'u', upperHex[u>>12], upperHex[u>>8&0xf], upperHex[u>>4&0xf], upperHex[u&0xf])
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
