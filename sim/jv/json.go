package jv

// JSON the way API Gateway's $input sees it.
//
// API Gateway reads bodies with Jayway JsonPath over json-smart in its PERMISSIVE mode, and
// writes $input.json results with json-smart's JSONValue.toJSONString. Both differ from
// encoding/json in ways a template author can see: `a=b` is a valid body (the string "a=b"),
// keys and strings need no quotes, commas may be doubled or dangle, trailing data is ignored,
// numbers become Integer, Long, BigInteger, Double or BigDecimal by their spelling, and the
// writer escapes `/` and some Unicode ranges. The parser below follows json-smart 2.2 (the
// version the oracle runs) decision by decision, checked against the oracle; it shares no
// code with it.

import (
	"maps"
	"math"
	"math/big"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// JSONError is a body that json-smart refuses. Class is the Java exception class, Message its
// message, so callers can reproduce API Gateway's "Could not process payload<Class>: <Message>".
type JSONError struct {
	Class   string
	Message string
}

func (e *JSONError) Error() string {
	if e.Message == "" {
		return e.Class // Java prints an exception without a message as its class alone
	}
	return e.Class + ": " + e.Message
}

const (
	parseExceptionClass  = "net.minidev.json.parser.ParseException"
	numberExceptionClass = "java.lang.NumberFormatException"
)

// BigDecimal is java.math.BigDecimal, which json-smart 2.2 uses for a decimal literal longer
// than 18 characters: value = Unscaled × 10^-Scale. It prints like Java's toString.
type BigDecimal struct {
	Unscaled *big.Int
	Scale    int
}

// String is Java's BigDecimal.toString: plain notation unless the exponent is positive or the
// adjusted exponent is below -6, otherwise scientific with an explicit exponent sign.
func (d *BigDecimal) String() string {
	digits := new(big.Int).Abs(d.Unscaled).String()
	sign := ""
	if d.Unscaled.Sign() < 0 {
		sign = "-"
	}
	adjusted := -d.Scale + len(digits) - 1
	if d.Scale >= 0 && adjusted >= -6 {
		if d.Scale == 0 {
			return sign + digits
		}
		if len(digits) > d.Scale {
			return sign + digits[:len(digits)-d.Scale] + "." + digits[len(digits)-d.Scale:]
		}
		return sign + "0." + strings.Repeat("0", d.Scale-len(digits)) + digits
	}
	mantissa := digits[:1]
	if len(digits) > 1 {
		mantissa += "." + digits[1:]
	}
	exp := "E"
	if adjusted >= 0 {
		exp += "+"
	}
	return sign + mantissa + exp + strconv.Itoa(adjusted)
}

// JavaString lets the printer in print.go show a BigDecimal as Java does.
func (d *BigDecimal) JavaString() string { return d.String() }

// Float64 is the nearest double, for arithmetic and comparisons.
func (d *BigDecimal) Float64() float64 {
	f, _ := strconv.ParseFloat(d.Unscaled.String()+"e"+strconv.Itoa(-d.Scale), 64)
	return f
}

// parseBigDecimal is new BigDecimal(String) over json-smart's number spellings,
// [-]digits[.digits][E[+-]digits]; a refusal carries BigDecimal's message.
func parseBigDecimal(s string) (*BigDecimal, string) {
	mant, exp, hasExp := strings.Cut(strings.ToUpper(s), "E")
	e := int64(0)
	if hasExp {
		digits := strings.TrimLeft(exp, "+-")
		if digits == "" || len(exp)-len(digits) > 1 {
			return nil, "" // BigDecimal's NumberFormatException has no message here
		}
		digits = strings.TrimLeft(digits, "0")
		if len(digits) > 10 {
			return nil, "Too many nonzero exponent digits."
		}
		e, _ = strconv.ParseInt("0"+digits, 10, 64)
		if exp[0] == '-' {
			e = -e
		}
		if e > math.MaxInt32 || e < math.MinInt32 {
			return nil, "Exponent overflow."
		}
	}
	scale := int64(0)
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		scale = int64(len(mant) - i - 1)
		mant = mant[:i] + mant[i+1:]
	}
	if scale -= e; scale > math.MaxInt32 || scale < math.MinInt32 {
		return nil, "Scale out of range."
	}
	u, ok := new(big.Int).SetString(mant, 10)
	if !ok {
		return nil, ""
	}
	return &BigDecimal{Unscaled: u, Scale: int(scale)}, ""
}

// eoi is json-smart's end-of-input marker; like json-smart, a literal U+001A in the text
// outside quotes also ends the input.
const eoi = 0x1A

// maxStop mirrors json-smart's stop tables: characters from '~' up never stop a token.
const maxStop = 126

type stopSet uint8

const (
	stopEOIOnly stopSet = iota // top level
	stopKey                    // ':'
	stopValue                  // ',' '}'
	stopArray                  // ',' ']'
)

func (s stopSet) has(c byte) bool {
	switch s {
	case stopKey:
		return c == ':'
	case stopValue:
		return c == ',' || c == '}'
	case stopArray:
		return c == ',' || c == ']'
	}
	return false
}

// maxJSONDepth bounds nesting so that a hostile body cannot exhaust the stack; json-smart
// 2.2 has no limit (it would throw StackOverflowError far later).
const maxJSONDepth = 1000

type jsonParser struct {
	in    string
	pos   int // byte index of c; len(in) at the end
	c     byte
	depth int

	// A body is parsed on every request, so a document costs a few allocations rather than
	// several per object: the keys and values of the containers being read wait on stack,
	// and a finished container moves them into exactly sized, capped pieces of a shared
	// block (a later append by a template moves out instead of overwriting a neighbour).
	stack    []any
	block    []any
	maps     []Map
	lists    []List
	lastKeys []any // the last finished object's keys, reused by records of the same shape
	used     int   // the stack's high-water mark, cleared once at the end
}

// take returns room for n values with capacity n, from the shared block while it lasts.
func (p *jsonParser) take(n int) []any {
	if n > len(p.block) {
		if n > 64 {
			return make([]any, n)
		}
		// Sized by the text: a value takes at least about four bytes of it.
		p.block = make([]any, max(n, min(64, len(p.in)/4)))
	}
	s := p.block[:n:n]
	p.block = p.block[n:]
	return s
}

func (p *jsonParser) newMap() *Map { return nextFromChunk(&p.maps, p.chunkSize('{')) }

func (p *jsonParser) newList() *List { return nextFromChunk(&p.lists, p.chunkSize('[')) }

// chunkSize is how many maps (open '{') or lists (open '[') to allocate at once. Containers
// finish inner first: those still to finish are this one, the open ones (at most depth) and
// those whose opening bracket is further on (strings may hold more: a slight overcount).
// It is only called when a chunk runs out, through nextFromChunk's closure.
func (p *jsonParser) chunkSize(open byte) func() int {
	return func() int { return min(1+p.depth+strings.Count(p.in[p.pos:], string(open)), 64) }
}

// nextFromChunk hands out the next element of *chunk, allocating a new chunk of size()
// elements when it is used up, so a document's containers cost one allocation per chunk.
func nextFromChunk[T any](chunk *[]T, size func() int) *T {
	if len(*chunk) == 0 {
		*chunk = make([]T, size())
	}
	v := &(*chunk)[0]
	*chunk = (*chunk)[1:]
	return v
}

// key boxes an object's i-th key, sharing the box with the previous object when it had the
// same key there (a list of records repeats its keys in every element), or else with an
// earlier document (see internKey).
func (p *jsonParser) key(i int, k string) any {
	if i < len(p.lastKeys) {
		if prev, ok := p.lastKeys[i].(string); ok && prev == k {
			return p.lastKeys[i]
		}
	}
	return internKey(k)
}

// keyBoxes canonicalizes boxed object keys across documents, as JSON parsers' symbol tables
// do: the requests to one API repeat the same few key names, and boxing a key costs an
// allocation per key per request. It is direct-mapped by a hash of the key; a collision
// replaces the entry. Entries hold copies, never substrings of a body, so a body is not
// kept alive by its keys. Keys are immutable strings, so sharing their boxes is invisible.
var keyBoxes [512]atomic.Value

// maxInternedKey bounds the keys worth interning: longer names are rare and cost more to hash.
const maxInternedKey = 32

func internKey(k string) any {
	if len(k) == 0 || len(k) > maxInternedKey {
		return k
	}
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(k); i++ {
		h = (h ^ uint32(k[i])) * 16777619
	}
	slot := &keyBoxes[h%uint32(len(keyBoxes))]
	if box := slot.Load(); box != nil && box.(string) == k {
		return box
	}
	var box any = strings.Clone(k)
	slot.Store(box)
	return box
}

// asciiStrings are the one-character ASCII strings, boxed once: short codes and labels are
// common JSON values, and boxing each costs an allocation.
var asciiStrings = func() (boxes [utf8.RuneSelf]any) {
	for c := range boxes {
		boxes[c] = string(rune(c))
	}
	return boxes
}()

// boxString boxes a string value, sharing the box of a one-character ASCII string.
func boxString(s string) any {
	if len(s) == 1 && s[0] < utf8.RuneSelf {
		return asciiStrings[s[0]]
	}
	return s
}

// maxSmallDoc is the longest body tried in a smallDoc (its slots may run out, then the
// parser takes more from the heap).
const maxSmallDoc = 256

// smallDoc holds every map, list and slot of a small document in one allocation instead of
// three: most bodies, and most $input.path results, are a few small objects.
type smallDoc struct {
	maps  [4]Map
	lists [2]List
	slots [24]any
}

// stacks recycles the parser's stack: it only holds values until their container ends.
var stacks = sync.Pool{New: func() any { s := make([]any, 0, 32); return &s }}

// maxPooledStack keeps a deeply nested body's stack out of the pool.
const maxPooledStack = 1024

// ParseJSON parses text with json-smart's permissive rules: objects become *Map in document
// order, arrays *List with JSON set, strings, bool, nil, and numbers typed as json-smart types
// them (int32, int64, *big.Int, float64, *BigDecimal). Errors are *JSONError.
func ParseJSON(text string) (v any, err error) {
	stack := stacks.Get().(*[]any)
	p := &jsonParser{in: text, pos: -1, stack: (*stack)[:0]}
	if len(text) <= maxSmallDoc {
		if strings.Count(text, "{") <= len(smallDoc{}.maps) && strings.Count(text, "[") <= len(smallDoc{}.lists) {
			d := new(smallDoc)
			p.maps, p.lists, p.block = d.maps[:], d.lists[:], d.slots[:]
		}
	}
	defer func() {
		r := recover()
		if cap(p.stack) <= maxPooledStack {
			// Containers leave their values on the stack above its end; they go here, once.
			if r != nil {
				clear(p.stack[:cap(p.stack)])
			} else {
				clear(p.stack[:p.used])
			}
			*stack = p.stack[:0]
			stacks.Put(stack)
		}
		if r != nil {
			je, ok := r.(*JSONError)
			if !ok {
				panic(r)
			}
			v, err = nil, je
		}
	}()
	p.read()
	return p.readValue(stopEOIOnly, true), nil
}

func (p *jsonParser) read() {
	p.pos++
	if p.pos >= len(p.in) {
		p.pos = len(p.in)
		p.c = eoi
		return
	}
	p.c = p.in[p.pos]
}

// javaPos converts a byte offset to the UTF-16 index that json-smart reports.
func (p *jsonParser) javaPos(bytePos int) int {
	if bytePos < 0 {
		return bytePos
	}
	if bytePos > len(p.in) {
		bytePos = len(p.in)
	}
	n := 0
	for _, r := range p.in[:bytePos] {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func (p *jsonParser) fail(bytePos, delta int, format string, detail string) {
	msg := strings.Replace(format, "%p", strconv.Itoa(p.javaPos(bytePos)+delta), 1)
	panic(&JSONError{Class: parseExceptionClass, Message: strings.Replace(msg, "%d", detail, 1)})
}

func (p *jsonParser) unexpectedChar(delta int) {
	p.fail(p.pos, delta, "Unexpected character (%d) at position %p.", p.charText())
}

func (p *jsonParser) unexpectedEOF(delta int, detail string) {
	p.fail(p.pos, delta, "Unexpected End Of File position %p: %d", detail)
}

func (p *jsonParser) charText() string {
	if p.c == eoi {
		return "\x1a"
	}
	r, _ := utf8.DecodeRuneInString(p.in[p.pos:])
	return string(r)
}

func (p *jsonParser) skipSpace() {
	for p.c <= ' ' && p.c != eoi {
		p.read()
	}
}

func (p *jsonParser) skipNQ(stop stopSet) {
	for p.c != eoi && !(p.c < maxStop && stop.has(p.c)) {
		p.read()
	}
}

// readNQ reads an unquoted token up to a stop character, trimmed as Java's String.trim does.
func (p *jsonParser) readNQ(stop stopSet) string {
	start := p.pos
	p.skipNQ(stop)
	return trimJava(p.in[start:p.pos])
}

func trimJava(s string) string {
	if len(s) > 0 && s[0] > ' ' && s[len(s)-1] > ' ' {
		return s // the usual token; a byte above ' ' starts or ends a rune above ' '
	}
	return strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
}

// readValue is json-smart's readFirst (top) and readMain (nested).
func (p *jsonParser) readValue(stop stopSet, top bool) any {
	for {
		switch p.c {
		case ' ', '\r', '\n', '\t':
			p.read()
			continue
		case ':', '}', ']':
			p.unexpectedChar(0)
		case '{':
			return p.readObject()
		case '[':
			return p.readArray()
		case '"', '\'':
			return boxString(p.readString())
		case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			return p.readNumber(stop)
		case eoi:
			if !top && p.pos >= len(p.in) {
				p.unexpectedEOF(-1, "EOF")
			}
		}
		word := p.readNQ(stop)
		switch word {
		case "null":
			return nil
		case "true":
			return true
		case "false":
			return false
		case "NaN":
			return math.NaN()
		}
		return word
	}
}

func (p *jsonParser) enter() {
	p.depth++
	if p.depth > maxJSONDepth {
		panic(&JSONError{Class: parseExceptionClass, Message: "Malicious payload, having non natural depths, parsing stoped on " + string(p.c) + " at position " + strconv.Itoa(p.javaPos(p.pos)) + "."})
	}
}

func (p *jsonParser) readArray() any {
	p.enter()
	mark := len(p.stack)
	p.read()
	for {
		switch p.c {
		case ' ', '\r', '\n', '\t', ',':
			p.read()
		case ']':
			p.depth--
			p.read()
			list := p.newList()
			list.JSON = true
			if n := len(p.stack) - mark; n > 0 {
				list.Items = p.take(n)
				copy(list.Items, p.stack[mark:])
			}
			p.used = max(p.used, len(p.stack))
			p.stack = p.stack[:mark]
			return list
		case ':', '}':
			p.unexpectedChar(0)
		case eoi:
			p.unexpectedEOF(-1, "EOF")
		default:
			p.stack = append(p.stack, p.readValue(stopArray, false))
		}
	}
}

func (p *jsonParser) readObject() any {
	p.enter()
	mark := len(p.stack)
	for {
		p.read()
		switch p.c {
		case ' ', '\r', '\n', '\t', ',':
			continue
		case ':', ']', '[', '{':
			p.unexpectedChar(0)
		case '}':
			p.depth--
			p.read()
			return p.finishObject(mark)
		}
		var key string
		if p.c == '"' || p.c == '\'' {
			key = p.readString()
		} else {
			key = p.readNQ(stopKey)
		}
		p.skipSpace()
		if p.c != ':' {
			if p.c == eoi {
				p.unexpectedEOF(-1, "null")
			}
			p.unexpectedChar(-1)
		}
		// json-smart's readNoEnd: the colon must be followed by something.
		p.read()
		if p.c == eoi && p.pos >= len(p.in) {
			p.unexpectedEOF(-1, "EOF")
		}
		p.stack = append(p.stack, p.key((len(p.stack)-mark)/2, key))
		p.stack = append(p.stack, p.readValue(stopValue, false))
		p.skipSpace()
		switch p.c {
		case '}':
			p.depth--
			p.read()
			return p.finishObject(mark)
		case eoi:
			p.unexpectedEOF(-1, "null")
		case ',':
		default:
			p.fail(p.pos, -1, "Unexpected token %d at position %p.", p.charText())
		}
	}
}

// finishObject builds the object whose keys and values are on the stack from mark. Put keeps
// Java's rule for a repeated key: the last value wins, in the first key's place.
func (p *jsonParser) finishObject(mark int) *Map {
	pairs := p.stack[mark:]
	m := p.newMap()
	n := len(pairs) / 2
	m.keys = p.take(n)[:0]
	m.vals = p.take(n)[:0]
	if n <= indexThreshold && distinctKeys(pairs) { // the usual small object: no lookups
		for i := 0; i < len(pairs); i += 2 {
			m.keys = append(m.keys, pairs[i])
			m.vals = append(m.vals, pairs[i+1])
		}
	} else {
		for i := 0; i < len(pairs); i += 2 {
			m.Put(pairs[i], pairs[i+1])
		}
	}
	p.lastKeys = m.keys
	p.used = max(p.used, len(p.stack))
	p.stack = p.stack[:mark]
	return m
}

// distinctKeys reports whether the keys of pairs (key, value, key, value, …; keys are the
// parser's strings) are all different.
func distinctKeys(pairs []any) bool {
	for i := 2; i < len(pairs); i += 2 {
		k := pairs[i].(string)
		for j := 0; j < i; j += 2 {
			if pairs[j].(string) == k {
				return false
			}
		}
	}
	return true
}

// readString reads a quoted string. Like json-smart, a string without backslashes is taken
// verbatim (control characters included); one with backslashes is decoded character by
// character, which drops control characters and unknown escapes.
func (p *jsonParser) readString() string {
	quote := p.c
	// One pass up to the closing quote or a backslash: keys and values are short, and a
	// plain loop beats two library searches there.
	end := p.pos + 1
	for end < len(p.in) && p.in[end] != quote && p.in[end] != '\\' {
		end++
	}
	if end == len(p.in) || p.in[end] == '\\' && strings.IndexByte(p.in[end:], quote) < 0 {
		p.fail(len(p.in), 0, "Unexpected End Of File position %p: %d", "null")
	}
	if p.in[end] == quote {
		raw := p.in[p.pos+1 : end]
		p.pos = end
		p.read()
		return raw
	}
	var sb strings.Builder
	sb.Grow(min(len(p.in)-p.pos, 64)) // most strings with escapes are short: one allocation
	var units []uint16
	flush := func() {
		if len(units) > 0 {
			sb.WriteString(string(utf16.Decode(units)))
			units = units[:0]
		}
	}
	for {
		p.read()
		switch c := p.c; {
		case c == eoi:
			p.unexpectedEOF(-1, "null")
		case c == quote:
			flush()
			p.read()
			return sb.String()
		case c == '\\':
			p.read()
			switch p.c {
			case 'u':
				units = append(units, p.readUnicode(4))
				continue
			case 'x':
				units = append(units, p.readUnicode(2))
				continue
			}
			flush()
			switch p.c {
			case 't':
				sb.WriteByte('\t')
			case 'n':
				sb.WriteByte('\n')
			case 'r':
				sb.WriteByte('\r')
			case 'f':
				sb.WriteByte('\f')
			case 'b':
				sb.WriteByte('\b')
			case '\\', '/', '\'', '"':
				sb.WriteByte(p.c)
			}
		case c < 0x20 || c == 0x7f:
			// dropped, as json-smart's IGNORE_CONTROL_CHAR does on this path
		default:
			flush()
			sb.WriteByte(c)
		}
	}
}

func (p *jsonParser) readUnicode(n int) uint16 {
	var v uint16
	for i := 0; i < n; i++ {
		p.read()
		c := p.c
		v *= 16
		switch {
		case c >= '0' && c <= '9':
			v += uint16(c - '0')
		case c >= 'A' && c <= 'F':
			v += uint16(c-'A') + 10
		case c >= 'a' && c <= 'f':
			v += uint16(c-'a') + 10
		case c == eoi:
			p.unexpectedEOF(0, "EOF")
		default:
			p.fail(p.pos, 0, "Unexpected unicode escape sequence %d at position %p.", p.charText())
		}
	}
	return v
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// readNumber follows json-smart: digits, then optional fraction and exponent; if anything but
// a stop character follows, the whole token is an unquoted string instead.
func (p *jsonParser) readNumber(stop stopSet) any {
	start := p.pos
	p.read()
	for isDigit(p.c) {
		p.read()
	}
	notNumber := func() bool {
		p.skipSpace()
		if p.c != eoi && p.c < maxStop && !stop.has(p.c) {
			p.skipNQ(stop)
			return true
		}
		return false
	}
	if p.c != '.' && p.c != 'e' && p.c != 'E' {
		if notNumber() {
			return trimJava(p.in[start:p.pos])
		}
		return parseInteger(p.numberText(start))
	}
	if p.c == '.' {
		p.read()
		for isDigit(p.c) {
			p.read()
		}
	}
	if p.c == 'e' || p.c == 'E' {
		p.read()
		if p.c != '+' && p.c != '-' && !isDigit(p.c) {
			p.skipNQ(stop)
			return trimJava(p.in[start:p.pos])
		}
		p.read()
		for isDigit(p.c) {
			p.read()
		}
	}
	if notNumber() {
		return trimJava(p.in[start:p.pos])
	}
	return parseDecimal(p.numberText(start))
}

// maxNumberLength bounds number literals: converting n digits to a big number costs n²
// (a 10 MB body of digits would take minutes). json-smart 2.2 has no limit; later versions
// refuse literals past 1000 characters too.
const maxNumberLength = 1000

func (p *jsonParser) numberText(start int) string {
	s := trimJava(p.in[start:p.pos])
	if len(s) > maxNumberLength {
		p.fail(start, 0, "Number of %d characters at position %p is too long (the limit is 1000).", strconv.Itoa(len(s)))
	}
	return s
}

// parseInteger types an integer literal as json-smart does: Integer when it fits, else Long,
// else BigInteger (decided by length first, as json-smart does). "-" alone reads as 0.
func parseInteger(s string) any {
	digits := strings.TrimPrefix(s, "-")
	maxLen := 19
	if len(digits) != len(s) {
		maxLen = 20
	}
	if digits == "" {
		return int32(0)
	}
	if n, ok := smallInt(digits); ok {
		if len(digits) != len(s) {
			n = -n
		}
		return n
	}
	if len(s) <= maxLen {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			if n >= math.MinInt32 && n <= math.MaxInt32 {
				return int32(n)
			}
			return n
		}
	}
	b, _ := new(big.Int).SetString(s, 10)
	return b
}

// smallInt reads up to 9 decimal digits, which always fit an int32: the common case,
// without strconv.
func smallInt(digits string) (int32, bool) {
	if len(digits) > 9 {
		return 0, false
	}
	n := int32(0)
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int32(c-'0')
	}
	return n, true
}

// parseDecimal types a decimal literal: Double, or BigDecimal past 18 characters.
func parseDecimal(s string) any {
	if len(s) > 18 {
		d, msg := parseBigDecimal(s)
		if d != nil {
			return d
		}
		panic(&JSONError{Class: numberExceptionClass, Message: msg})
	} else if validJavaDouble(s) {
		f, _ := strconv.ParseFloat(s, 64) // out of range gives ±Inf, as Java does
		return f
	}
	panic(&JSONError{Class: numberExceptionClass, Message: `For input string: "` + s + `"`})
}

// validJavaDouble checks the shape Double.parseDouble needs: a digit in the mantissa and, with
// an exponent, a digit in it.
func validJavaDouble(s string) bool {
	mant, exp, hasExp := strings.Cut(strings.ToUpper(s), "E")
	if hasExp && strings.TrimLeft(exp, "+-") == "" {
		return false
	}
	return strings.ContainsAny(mant, "0123456789")
}

// CopyJSON returns a deep copy of the maps and lists in v (other values are immutable and
// shared). $input.path hands out copies of the parsed body, because Java re-parses the
// body for every call and a template may change what it got. The copy takes a handful of
// allocations for the whole value: map and list headers and all their slots come from three
// shared arrays (every slice capped, so a later append moves out instead of overwriting a
// neighbour). It reads Map's fields directly; keep it in step with value.go.
func CopyJSON(v any) any {
	var c jsonCopier
	c.count(v)
	if c.maps == 0 && c.lists == 0 {
		return v
	}
	if d := (smallDoc{}); c.maps <= len(d.maps) && c.lists <= len(d.lists) && c.nslots <= len(d.slots) {
		small := new(smallDoc)
		c.mapArena, c.listArena, c.slots = small.maps[:], small.lists[:], small.slots[:]
	} else {
		c.mapArena = make([]Map, c.maps)
		c.listArena = make([]List, c.lists)
		c.slots = make([]any, c.nslots)
	}
	return c.copy(v)
}

type jsonCopier struct {
	maps, lists, nslots int
	mapArena            []Map
	listArena           []List
	slots               []any
}

func (c *jsonCopier) count(v any) {
	switch x := v.(type) {
	case *Map:
		c.maps++
		c.nslots += 2 * len(x.keys)
		for _, item := range x.vals {
			c.count(item)
		}
	case *List:
		c.lists++
		c.nslots += len(x.Items)
		for _, item := range x.Items {
			c.count(item)
		}
	}
}

// take returns the next n slots, with capacity n.
func (c *jsonCopier) take(n int) []any {
	s := c.slots[:n:n]
	c.slots = c.slots[n:]
	return s
}

func (c *jsonCopier) copy(v any) any {
	switch x := v.(type) {
	case *Map:
		m := &c.mapArena[0]
		c.mapArena = c.mapArena[1:]
		m.keys = c.take(len(x.keys))
		copy(m.keys, x.keys)
		m.vals = c.take(len(x.vals))
		for i, item := range x.vals {
			m.vals[i] = c.copy(item)
		}
		m.index = maps.Clone(x.index)
		return m
	case *List:
		l := &c.listArena[0]
		c.listArena = c.listArena[1:]
		l.JSON = x.JSON
		l.Items = c.take(len(x.Items))
		for i, item := range x.Items {
			l.Items[i] = c.copy(item)
		}
		return l
	}
	return v
}

// ToJSON is json-smart's JSONValue.toJSONString: compact JSON, keys always quoted.
func ToJSON(v any) string {
	buf := AppendJSON(make([]byte, 0, 64), v)
	return unsafe.String(unsafe.SliceData(buf), len(buf)) // buf is never written again
}

// AppendJSON appends ToJSON(v) to dst.
func AppendJSON(dst []byte, v any) []byte {
	return appendJSON(dst, v, 0, -1)
}

// AppendJSONLimit is AppendJSON that stops once dst is longer than limit bytes (ok is then
// false): a template can make a list hold itself, or the same big list many times.
func AppendJSONLimit(dst []byte, v any, limit int) (_ []byte, ok bool) {
	dst = appendJSON(dst, v, 0, limit)
	return dst, len(dst) <= limit
}

// maxJSONPrintDepth is deeper than any parsed body can be (maxJSONDepth), so only a value
// that contains itself reaches it — where Java would overflow its stack.
const maxJSONPrintDepth = maxJSONDepth + 100

// appendJSON writes v at nesting depth; past maxJSONPrintDepth or past limit (when
// limit >= 0) it writes "...".
func appendJSON(dst []byte, v any, depth, limit int) []byte {
	if depth > maxJSONPrintDepth || limit >= 0 && len(dst) > limit {
		return append(dst, "..."...)
	}
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...)
	case string:
		return appendJSONString(dst, x)
	case bool:
		return strconv.AppendBool(dst, x)
	case int32:
		return strconv.AppendInt(dst, int64(x), 10)
	case int64:
		return strconv.AppendInt(dst, x, 10)
	case int:
		return strconv.AppendInt(dst, int64(x), 10)
	case *big.Int:
		return x.Append(dst, 10)
	case float64:
		if math.IsInf(x, 0) {
			return append(dst, "null"...) // json-smart writes infinite doubles as null
		}
		return AppendDouble(dst, x)
	case *BigDecimal:
		return append(dst, x.String()...)
	case *Map:
		dst = append(dst, '{')
		for i, k := range x.Keys() {
			if limit >= 0 && len(dst) > limit {
				break
			}
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, ToString(k))
			dst = append(dst, ':')
			dst = appendJSON(dst, x.Values()[i], depth+1, limit)
		}
		return append(dst, '}')
	case *List:
		dst = append(dst, '[')
		for i, item := range x.Items {
			if limit >= 0 && len(dst) > limit {
				break
			}
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSON(dst, item, depth+1, limit)
		}
		return append(dst, ']')
	}
	// Anything else (a host object) is written as its Java string, quoted.
	return appendJSONString(dst, ToString(v))
}

const hexDigits = "0123456789ABCDEF"

// appendJSONString quotes s as json-smart does: \" \\ \/ \b \f \n \r \t, and \uXXXX (upper
// case) for other control characters, U+007F–U+009F and U+2000–U+20FF.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch c {
			case '"':
				dst = append(dst, '\\', '"')
			case '\\':
				dst = append(dst, '\\', '\\')
			case '/':
				dst = append(dst, '\\', '/')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				if c < 0x20 || c == 0x7f {
					dst = appendUnicodeEscape(dst, rune(c))
				} else {
					dst = append(dst, c)
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r >= 0x80 && r <= 0x9f) || (r >= 0x2000 && r <= 0x20ff) {
			dst = appendUnicodeEscape(dst, r)
		} else {
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return append(dst, '"')
}

func appendUnicodeEscape(dst []byte, r rune) []byte {
	return append(dst, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
}
