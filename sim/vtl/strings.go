package vtl

import (
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/apigw-playground/playground/sim/jv"
	"github.com/dlclark/regexp2/v2"
)

// Java strings are UTF-16: length() and indexes count UTF-16 code units. ASCII text
// (nearly every template) takes the byte fast path.

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func utf16Of(s string) []uint16 { return utf16.Encode([]rune(s)) }

func fromUTF16(u []uint16) string { return string(utf16.Decode(u)) }

// u16 is a string viewed as Java sees it.
type u16 struct {
	s     string
	ascii bool
	units []uint16
}

func javaString(s string) u16 {
	if isASCII(s) {
		return u16{s: s, ascii: true}
	}
	return u16{s: s, units: utf16Of(s)}
}

func (j u16) length() int {
	if j.ascii {
		return len(j.s)
	}
	return len(j.units)
}

func (j u16) slice(a, b int) string {
	if j.ascii {
		return j.s[a:b]
	}
	return fromUTF16(j.units[a:b])
}

// indexOf finds sub at or after from (UTF-16 units) and returns a UTF-16 index or -1.
func (j u16) indexOf(sub string, from int) int {
	from = max(from, 0)
	if from > j.length() {
		if sub == "" {
			return j.length()
		}
		return -1
	}
	if j.ascii {
		if i := strings.Index(j.s[from:], sub); i >= 0 {
			return i + from
		}
		return -1
	}
	su := utf16Of(sub)
	for i := from; i+len(su) <= len(j.units); i++ {
		if equalUnits(j.units[i:i+len(su)], su) {
			return i
		}
	}
	return -1
}

func (j u16) lastIndexOf(sub string, from int) int {
	if j.ascii {
		end := min(from+len(sub), len(j.s))
		if end < 0 {
			return -1
		}
		return strings.LastIndex(j.s[:end], sub)
	}
	su := utf16Of(sub)
	for i := min(from, len(j.units)-len(su)); i >= 0; i-- {
		if equalUnits(j.units[i:i+len(su)], su) {
			return i
		}
	}
	return -1
}

func equalUnits(a, b []uint16) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func strArg(v any) (string, bool) {
	s, ok := v.(string)
	return s, ok
}

func (s *state) stringMethod(x string, p *refPart, args []any) (any, bool) {
	if p.name == "format" && len(args) >= 1 {
		// static String.format(format, args...), reached through an instance
		f, ok := args[0].(string)
		if !ok {
			return nil, false
		}
		r, exc := s.javaFormat(f, args[1:])
		if exc != "" {
			return s.javaException(p, x, exc), true
		}
		return r, true
	}
	switch len(args) {
	case 0:
		switch p.name {
		case "length":
			return int32(javaString(x).length()), true
		case "isEmpty":
			return len(x) == 0, true
		case "trim":
			return strings.TrimFunc(x, func(r rune) bool { return r <= ' ' }), true
		case "toUpperCase":
			return javaUpper(x), true
		case "toLowerCase":
			return javaLower(x), true
		case "toCharArray":
			j := javaString(x)
			items := make([]any, j.length())
			for i := range items {
				items[i] = j.slice(i, i+1)
			}
			return &jv.List{Items: items}, true
		case "getBytes":
			items := make([]any, len(x))
			for i := 0; i < len(x); i++ {
				items[i] = int32(int8(x[i]))
			}
			return &jv.List{Items: items}, true
		case "toString", "intern":
			return x, true
		case "isBlank":
			return strings.TrimSpace(x) == "", true
		case "strip":
			return strings.TrimSpace(x), true
		}
	case 1:
		a := args[0]
		if p.name == "valueOf" { // static String.valueOf(Object), reached through an instance
			return s.str(a), true
		}
		if p.name == "compareTo" {
			if _, ok := a.(string); !ok && a != nil {
				// String.compareTo(Object), the bridge method, casts its argument.
				return s.javaException(p, x, "java.lang.ClassCastException: class "+javaClass(a)+" cannot be cast to class java.lang.String"), true
			}
		}
		if n, ok := intArg(a); ok {
			j := javaString(x)
			switch p.name {
			case "substring":
				if n < 0 || n > j.length() {
					return s.javaException(p, x, "java.lang.StringIndexOutOfBoundsException: begin "+strconv.Itoa(n)+", end "+strconv.Itoa(j.length())+", length "+strconv.Itoa(j.length())), true
				}
				return j.slice(n, j.length()), true
			case "codePointAt":
				if n < 0 || n >= j.length() {
					return s.javaException(p, x, "java.lang.StringIndexOutOfBoundsException: index "+strconv.Itoa(n)+", length "+strconv.Itoa(j.length())), true
				}
				r, _ := utf8.DecodeRuneInString(j.slice(n, j.length()))
				return int32(r), true
			case "charAt":
				if n < 0 || n >= j.length() {
					return s.javaException(p, x, "java.lang.StringIndexOutOfBoundsException: index "+strconv.Itoa(n)+", length "+strconv.Itoa(j.length())), true
				}
				return j.slice(n, n+1), true
			}
			return nil, false
		}
		switch p.name {
		case "equals":
			b, ok := a.(string)
			return ok && b == x, true
		}
		arg, ok := strArg(a)
		if !ok {
			return nil, false
		}
		switch p.name {
		case "indexOf":
			return int32(javaString(x).indexOf(arg, 0)), true
		case "lastIndexOf":
			j := javaString(x)
			return int32(j.lastIndexOf(arg, j.length())), true
		case "contains":
			return strings.Contains(x, arg), true
		case "startsWith":
			return strings.HasPrefix(x, arg), true
		case "endsWith":
			return strings.HasSuffix(x, arg), true
		case "equalsIgnoreCase":
			return strings.EqualFold(x, arg), true
		case "concat":
			return x + arg, true
		case "compareTo":
			return int32(compareUTF16(x, arg, false)), true
		case "compareToIgnoreCase":
			return int32(compareUTF16(x, arg, true)), true
		case "matches":
			re := s.regex(p, `\A(?:`+arg+`)\z`)
			if re == nil {
				return nil, true
			}
			ok, err := re.MatchString(x)
			if err != nil {
				return s.regexFailed(p, err), true
			}
			return ok, true
		case "split":
			return s.split(p, x, arg, 0), true
		case "getBytes":
			return s.stringMethod(x, &refPart{name: "getBytes", pos: p.pos}, nil)
		}
	case 2:
		if a, ok := intArg(args[0]); ok {
			if b, ok := intArg(args[1]); ok && p.name == "substring" {
				j := javaString(x)
				if a < 0 || b > j.length() || a > b {
					return s.javaException(p, x, "java.lang.StringIndexOutOfBoundsException: begin "+strconv.Itoa(a)+", end "+strconv.Itoa(b)+", length "+strconv.Itoa(j.length())), true
				}
				return j.slice(a, b), true
			}
			return nil, false
		}
		a, ok1 := strArg(args[0])
		if !ok1 {
			return nil, false
		}
		if n, ok := intArg(args[1]); ok {
			j := javaString(x)
			switch p.name {
			case "indexOf":
				return int32(j.indexOf(a, n)), true
			case "lastIndexOf":
				return int32(j.lastIndexOf(a, n)), true
			case "split":
				return s.split(p, x, a, n), true
			case "startsWith":
				if n < 0 || n > j.length() {
					return false, true
				}
				return strings.HasPrefix(j.slice(n, j.length()), a), true
			}
			return nil, false
		}
		b, ok2 := strArg(args[1])
		if !ok2 {
			return nil, false
		}
		switch p.name {
		case "replace":
			return strings.ReplaceAll(x, a, b), true
		case "replaceAll", "replaceFirst":
			return s.replace(p, x, a, b, p.name == "replaceAll"), true
		}
	}
	return nil, false
}

func compareUTF16(a, b string, fold bool) int {
	if fold {
		a, b = strings.ToLower(strings.ToUpper(a)), strings.ToLower(strings.ToUpper(b))
	}
	ua, ub := utf16Of(a), utf16Of(b)
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			return int(ua[i]) - int(ub[i])
		}
	}
	return len(ua) - len(ub)
}

// Regular expressions follow java.util.regex, which regexp2 matches closely; compiled
// patterns are cached because templates repeat the same few.
var regexCache struct {
	sync.Mutex
	m map[regexKey]*regexp2.Regexp
}

type regexKey struct {
	pattern string
	timeout time.Duration
}

const maxCachedRegexps = 256

func (s *state) regex(p *refPart, pattern string) *regexp2.Regexp {
	key := regexKey{pattern, s.opts.RegexTimeout}
	regexCache.Lock()
	re := regexCache.m[key]
	regexCache.Unlock()
	if re != nil {
		return re
	}
	re, err := regexp2.Compile(pattern)
	if err != nil {
		s.fail(p.pos, "Invocation of method '%s' threw exception java.util.regex.PatternSyntaxException: %v", p.name, err)
		return nil
	}
	re.MatchTimeout = s.opts.RegexTimeout
	regexCache.Lock()
	if regexCache.m == nil || len(regexCache.m) >= maxCachedRegexps {
		regexCache.m = map[regexKey]*regexp2.Regexp{}
	}
	regexCache.m[key] = re
	regexCache.Unlock()
	return re
}

func (s *state) regexFailed(p *refPart, err error) any {
	s.fail(p.pos, "regular expression in %s() stopped: %v (limit %v)", p.name, err, s.opts.RegexTimeout)
	return nil
}

// split is String.split(regex, limit): no leading empty string for a zero-width match
// at the start, and with limit 0 trailing empty strings are dropped.
func (s *state) split(p *refPart, x, pattern string, limit int) any {
	re := s.regex(p, pattern)
	if re == nil {
		return nil
	}
	n := -1
	if limit > 0 {
		n = limit - 1
	}
	var parts []any
	idx := 0
	if n != 0 {
		matches, err := re.FindAllStringIndex(x, -1)
		if err != nil {
			return s.regexFailed(p, err)
		}
		for _, m := range matches {
			if n >= 0 && len(parts) >= n {
				break
			}
			if m[1] == 0 && m[0] == 0 {
				continue
			}
			parts = append(parts, x[idx:m[0]])
			idx = m[1]
		}
	}
	if idx == 0 && len(parts) == 0 {
		return &jv.List{Items: []any{x}}
	}
	parts = append(parts, x[idx:])
	if limit == 0 {
		for len(parts) > 0 && parts[len(parts)-1] == "" {
			parts = parts[:len(parts)-1]
		}
	}
	return &jv.List{Items: parts}
}

// replace is replaceAll/replaceFirst with Java's replacement syntax ($1, ${name}, \x).
func (s *state) replace(p *refPart, x, pattern, repl string, all bool) any {
	re := s.regex(p, pattern)
	if re == nil {
		return nil
	}
	var replErr string
	count := -1
	if !all {
		count = 1
	}
	out, err := re.ReplaceFunc(x, func(m regexp2.Match) string {
		r, e := expandJava(repl, &m, re)
		if e != "" && replErr == "" {
			replErr = e
		}
		return r
	}, -1, count)
	if err != nil {
		return s.regexFailed(p, err)
	}
	if replErr != "" {
		return s.javaException(p, x, replErr)
	}
	return out
}

func expandJava(repl string, m *regexp2.Match, re *regexp2.Regexp) (string, string) {
	var b strings.Builder
	groups := m.GroupCount() - 1
	for i := 0; i < len(repl); i++ {
		c := repl[i]
		switch c {
		case '\\':
			i++
			if i >= len(repl) {
				return "", "java.lang.IllegalArgumentException: character to be escaped is missing"
			}
			b.WriteByte(repl[i])
		case '$':
			i++
			if i >= len(repl) {
				return "", "java.lang.IllegalArgumentException: Illegal group reference: group index is missing"
			}
			if repl[i] == '{' {
				j := strings.IndexByte(repl[i:], '}')
				if j < 0 {
					return "", "java.lang.IllegalArgumentException: named capturing group is missing trailing '}'"
				}
				name := repl[i+1 : i+j]
				g := m.GroupByName(name)
				if g == nil || re.GroupNumberFromName(name) < 0 {
					return "", "java.lang.IllegalArgumentException: No group with name {" + name + "}"
				}
				b.WriteString(g.String())
				i += j
				continue
			}
			if repl[i] < '0' || repl[i] > '9' {
				return "", "java.lang.IllegalArgumentException: Illegal group reference"
			}
			n := int(repl[i] - '0')
			if n > groups {
				return "", "java.lang.IndexOutOfBoundsException: No group " + strconv.Itoa(n)
			}
			for i+1 < len(repl) && repl[i+1] >= '0' && repl[i+1] <= '9' && n*10+int(repl[i+1]-'0') <= groups {
				i++
				n = n*10 + int(repl[i]-'0')
			}
			b.WriteString(m.GroupByNumber(n).String())
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), ""
}

// javaUpper and javaLower follow Java's String.toUpperCase/toLowerCase where they differ
// from Go's: special casings that change length (ß → SS, ﬁ → FI, İ → i̇) and the Greek
// final sigma.
func javaUpper(x string) string {
	if isASCII(x) {
		return strings.ToUpper(x)
	}
	var b strings.Builder
	for _, r := range x {
		if sp, ok := upperSpecial[r]; ok {
			b.WriteString(sp)
		} else {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

var upperSpecial = map[rune]string{
	'ß': "SS", 'ŉ': "ʼN", 'ﬀ': "FF", 'ﬁ': "FI", 'ﬂ': "FL", 'ﬃ': "FFI", 'ﬄ': "FFL", 'ﬅ': "ST", 'ﬆ': "ST",
}

func javaLower(x string) string {
	if isASCII(x) {
		return strings.ToLower(x)
	}
	rs := []rune(x)
	var b strings.Builder
	for i, r := range rs {
		switch {
		case r == 'İ':
			b.WriteString("i\u0307")
		case r == 'Σ' && i > 0 && unicode.IsLetter(rs[i-1]) && (i+1 == len(rs) || !unicode.IsLetter(rs[i+1])):
			b.WriteRune('ς')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
