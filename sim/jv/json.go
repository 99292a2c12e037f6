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
	"encoding/binary"
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

	"github.com/apigw-playground/playground/sim/internal/swar"
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
	// several per object: the keys and values of the containers being read wait on stack
	// (or, in the fast parse, in pending), and a finished container moves them into exactly
	// sized, capped pieces of a shared block (a later append by a template moves out
	// instead of overwriting a neighbour).
	stack   []any
	pending [pendingSlots]any // see collection
	pooled  *[]any            // where stack came from (see openStack)
	block   arena[any]
	maps    arena[Map]
	lists   arena[List]
	text    arena[byte]   // room for strings with escapes, decoded in place (see smallDoc)
	headers arena[string] // room for string values' boxes (see boxString and DocSpace)
	lastMap *Map          // the last finished object, whose keys records of the same shape reuse
	used    int           // the stack's high-water mark, cleared once at the end (see pop)

	doc *Document // set by ParseDocument: every container made points to it
}

// arena is a chunk of Ts that the parser hands out in order. It counts what it handed out
// instead of reslicing the chunk: storing an int needs no GC write barrier, storing a
// slice does, and the parser hands out pieces at every container.
type arena[T any] struct {
	chunk []T
	used  int
}

// room is how many Ts are left.
func (a *arena[T]) room() int { return len(a.chunk) - a.used }

// next returns the next n Ts, with capacity n; there must be room.
func (a *arena[T]) next(n int) []T {
	s := a.chunk[a.used : a.used+n : a.used+n]
	a.used += n
	return s
}

// maxBlock is the most values a block holds: a container with more takes a piece of its own.
const maxBlock = 64

// newBlock gives the parser a new block with room for n <= maxBlock values, sized by the
// text: a value takes at least about four bytes of it.
func (p *jsonParser) newBlock(n int) {
	p.block = arena[any]{chunk: make([]any, max(n, min(maxBlock, len(p.in)/4)))}
}

// one returns the next T; there must be room.
func (a *arena[T]) one() *T {
	t := &a.chunk[a.used]
	a.used++
	return t
}

// moreMaps gives the parser a new chunk of maps.
func (p *jsonParser) moreMaps() { p.maps = arena[Map]{chunk: make([]Map, p.chunkSize('{'))} }

// moreLists gives the parser a new chunk of lists.
func (p *jsonParser) moreLists() { p.lists = arena[List]{chunk: make([]List, p.chunkSize('['))} }

// chunkSize is how many maps (open '{') or lists (open '[') to allocate at once, so that a
// document's containers cost one allocation per chunk (see finishObject). Containers
// finish inner first: those still to finish are this one, the open ones (at most depth) and
// those whose opening bracket is further on (strings may hold more: a slight overcount).
func (p *jsonParser) chunkSize(open byte) int {
	return min(1+p.depth+strings.Count(p.in[p.pos:], string(open)), 64)
}

// key boxes an object's i-th key k, whose keyWord is word: with the box of the same key in
// keyBoxes, or else with the previous object's when it had the same key there (a list of
// records repeats its keys in every element, and keys too long to intern or evicted by a
// colliding one are shared this way), or else in a new box, interned when it can be.
func (p *jsonParser) key(i int, k string, word uint64) any {
	slot := keySlot(k, word)
	if e := slot.Load(); e != nil && e.word == word && (len(k) < keyWordBytes || e.key == k) {
		return e.box
	}
	if last := p.lastMap; last != nil && i < len(last.keys) && last.keys[i].(string) == k { // the parser's keys are strings
		return last.keys[i]
	}
	return storeKey(slot, k, word)
}

// keyBoxes canonicalizes boxed object keys across documents, as JSON parsers' symbol tables
// do: the requests to one API repeat the same few key names, and boxing a key costs an
// allocation per key per request. It is direct-mapped by a hash of the key; a collision
// replaces the entry. Entries hold copies, never substrings of a body, so a body is not
// kept alive by its keys. Keys are immutable strings, so sharing their boxes is invisible.
var keyBoxes [1 << keyBoxBits]atomic.Pointer[keyBox]

const keyBoxBits = 9

type keyBox struct {
	word uint64 // keyWord(key)
	// rawWord is word when the key has no backslash, and otherwise a word no key has: the
	// fast parse looks a key up by the word of its raw text up to the first quote, which
	// is the key's own word only when no backslash escapes that quote.
	rawWord uint64
	key     string
	box     any // key, boxed
}

// noRawWord is the rawWord of a key with a backslash: a word's length byte is at most 255,
// but the fast parse's words have lengths below keyWordBytes.
const noRawWord = ^uint64(0)

// maxInternedKey bounds the keys worth interning: longer names are rare and cost more to hash.
const maxInternedKey = 32

// keyWordBytes is the length from which keys no longer fit their keyWord.
const keyWordBytes = 8

// keyWord packs a key's length (up to 255) and its first (up to) seven bytes into a word, so
// that one comparison of words tells any two keys shorter than keyWordBytes apart: the usual
// key. The fast parse has the word for free from the load that found the closing quote.
func keyWord(k string) uint64 {
	w := uint64(min(len(k), 255)) << 56
	for i := range min(len(k), keyWordBytes-1) {
		w |= uint64(k[i]) << (8 * i)
	}
	return w
}

// keySlot is k's entry in keyBoxes: a hash of its word and, for a longer key, of its last
// eight bytes. Enough to tell apart the few names one API uses, and cheaper than hashing
// every byte, which matters at a few keys per request. A collision only costs a replaced
// entry.
func keySlot(k string, word uint64) *atomic.Pointer[keyBox] {
	if len(k) >= keyWordBytes {
		word ^= swar.Load8(k, len(k)-8) * 0xff51afd7ed558ccd
	}
	return &keyBoxes[keyIndex(word)]
}

// keyIndex is a key's index in keyBoxes, from its word (see keySlot).
func keyIndex(word uint64) uint64 { return word * 0x9e3779b97f4a7c15 >> (64 - keyBoxBits) }

// storeKey boxes k, and interns the box in slot unless k is empty or too long to be worth it.
func storeKey(slot *atomic.Pointer[keyBox], k string, word uint64) any {
	if len(k) == 0 || len(k) > maxInternedKey {
		return k
	}
	e := &keyBox{word: word, rawWord: word, key: strings.Clone(k)}
	if strings.IndexByte(k, '\\') >= 0 {
		e.rawWord = noRawWord
	}
	e.box = e.key
	slot.Store(e)
	return e.box
}

// internKey is k boxed as the parsers box keys, sharing the interned box when there is one.
func internKey(k string) any {
	word := keyWord(k)
	slot := keySlot(k, word)
	// A key shorter than keyWordBytes is all in its word: no need to compare the text.
	if e := slot.Load(); e != nil && e.word == word && (len(k) < keyWordBytes || e.key == k) {
		return e.box
	}
	return storeKey(slot, k, word)
}

// asciiStrings are the one-character ASCII strings, boxed once: short codes and labels are
// common JSON values, and boxing each costs an allocation.
var asciiStrings = func() (boxes [utf8.RuneSelf]any) {
	for c := range boxes {
		boxes[c] = string(rune(c))
	}
	return boxes
}()

// smallInts are the integers json-smart reads as Integer from 0 to 255, boxed once: the
// fast parse takes them from here without a call.
var smallInts = func() (boxes [256]any) {
	for n := range boxes {
		boxes[n] = int32(n)
	}
	return boxes
}()

// maxSmallDoc is the longest body tried in a smallDoc (its slots may run out, then the
// parser takes more from the heap).
const maxSmallDoc = 256

// smallDoc holds every map, list and slot of a small document in one allocation instead of
// three: most bodies, and most $input.path results, are a few small objects. The same
// allocation carries ParseDocument's Document and, in what is left of its size class, room
// for the strings with escapes (decoded there instead of in an allocation of their own).
type smallDoc struct {
	smallDocParts
	text [max(smallDocText, smallDocClass-mallocHeader-int(unsafe.Sizeof(smallDocParts{})))]byte
}

type smallDocParts struct {
	maps  [4]Map
	lists [2]List
	slots [23]any
	doc   Document
}

const (
	smallDocClass = 768 // the Go allocator's size class the parts fall in: the text area is free
	mallocHeader  = 8   // which the allocator adds to an object of this size with pointers
	smallDocText  = 32  // the least room for escaped strings (longer ones take their own)
)

// stacks recycles the parser's stack: it only holds values until their container ends.
var stacks = sync.Pool{New: func() any { s := make([]any, 0, 32); return &s }}

// maxPooledStack keeps a deeply nested body's stack out of the pool.
const maxPooledStack = 1024

// ParseJSON parses text with json-smart's permissive rules: objects become *Map in document
// order, arrays *List with JSON set, strings, bool, nil, and numbers typed as json-smart types
// them (int32, int64, *big.Int, float64, *BigDecimal). Errors are *JSONError.
func ParseJSON(text string) (any, error) {
	v, _, err := parseJSON(text, false, nil)
	return v, err
}

// ParseDocument is ParseJSON for a body that is read more than once: Root is the parsed
// value, and every *Map and *List in it points to the returned Document, so that a
// template's write to any of them marks the document changed (see Touch).
func ParseDocument(text string) (*Document, error) {
	_, doc, err := parseJSON(text, true, nil)
	return doc, err
}

// DocSpace is room for one small parsed document inside something that lives at least as
// long as the document: a request's render environment embeds one, so that parsing its
// body allocates nothing of its own. A space serves one parse only, since what it holds
// stays reachable for as long as its owner.
type DocSpace struct {
	block smallDoc
	// headers box the document's first string values (see boxString). They are here and not
	// in smallDoc, whose size class its parts fill (more headers there would take room from
	// its slots or text area, and some body would allocate more): a DocSpace's owner,
	// mapping.Env, has 16 bytes to spare in its size class (896), room for one header.
	headers [docSpaceHeaders]string
	used    bool
}

// docSpaceHeaders is how many string values a DocSpace boxes in place.
const docSpaceHeaders = 1

// ParseDocumentIn is ParseDocument taking the document's containers from space when it is
// unused and the body is small enough, and from the heap otherwise.
func ParseDocumentIn(space *DocSpace, text string) (*Document, error) {
	_, doc, err := parseJSON(text, true, space)
	return doc, err
}

// parseJSON tries the fast parse of standard JSON first (json_fast.go) and, when that gives
// up, parses the whole text again with the permissive parser, which alone reports errors.
// A small document goes in space when there is one to use (see DocSpace).
func parseJSON(text string, asDocument bool, space *DocSpace) (v any, doc *Document, err error) {
	p := &jsonParser{in: text}
	// Only a body that starts with an object or array has containers: a scalar body
	// needs neither the block nor the fast parse.
	start, container := containerStart(text)
	var small *smallDoc
	if container && len(text) <= maxSmallDoc {
		// Counting the containers first would cost every body more than the rare one with
		// more than a smallDoc holds loses: that takes chunks for the rest, one allocation
		// more at worst.
		if space != nil && !space.used {
			space.used, small = true, &space.block
			p.headers = arena[string]{chunk: space.headers[:]}
		} else {
			small = new(smallDoc)
		}
		p.startIn(small)
	}
	if asDocument {
		if small != nil {
			p.doc = &small.doc
		} else {
			p.doc = new(Document)
		}
	}
	ok := false
	if container {
		v, ok = p.parseStandard(start)
	}
	if !ok {
		p.restart(small)
		v, err = p.parsePermissive()
	}
	if p.pooled != nil && cap(p.stack) <= maxPooledStack {
		// Containers leave their values on the stack above its end; they go here, once.
		clear(p.stack[:p.used])
		*p.pooled = p.stack[:0]
		stacks.Put(p.pooled)
	}
	if err != nil {
		return nil, nil, err
	}
	if p.doc != nil {
		p.doc.Root = v
	}
	return v, p.doc, nil
}

// openStack gives the parser a stack from the pool, the first time it needs one: the fast
// parse needs none for small containers (see standardFrame).
func (p *jsonParser) openStack() {
	if p.pooled == nil {
		p.pooled = stacks.Get().(*[]any)
		p.stack = (*p.pooled)[:0]
	}
}

// pop removes the values of a finished container from the stack, down to mark.
func (p *jsonParser) pop(mark int) {
	p.used = max(p.used, len(p.stack))
	p.stack = p.stack[:mark]
}

// startIn makes the parser take its containers, slots and decoded strings from d.
func (p *jsonParser) startIn(d *smallDoc) {
	p.maps, p.lists = arena[Map]{chunk: d.maps[:]}, arena[List]{chunk: d.lists[:]}
	p.block, p.text = arena[any]{chunk: d.slots[:]}, arena[byte]{chunk: d.text[:]}
}

// restart undoes an abandoned fast parse for the permissive parser to start over: nothing it
// made was handed out, so a small document's block is cleared and used again.
func (p *jsonParser) restart(small *smallDoc) {
	p.used = max(p.used, len(p.stack))
	p.stack = p.stack[:0]
	p.depth, p.lastMap = 0, nil
	p.maps, p.lists, p.block, p.text = arena[Map]{}, arena[List]{}, arena[any]{}, arena[byte]{}
	p.headers.used = 0 // the boxes made in them were never handed out either
	if small != nil {
		*small = smallDoc{}
		p.startIn(small)
	}
}

// parsePermissive parses the text as json-smart does, from the start.
func (p *jsonParser) parsePermissive() (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			je, ok := r.(*JSONError)
			if !ok {
				panic(r)
			}
			p.used = max(p.used, len(p.stack)) // the open containers' values are still there
			v, err = nil, je
		}
	}()
	p.openStack()
	p.pos = -1
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
			return p.boxString(p.readString())
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
			list := p.finishArray(p.stack[mark:])
			p.pop(mark)
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
			return p.endObject(mark)
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
		p.stack = append(p.stack, p.key((len(p.stack)-mark)/2, key, keyWord(key)))
		p.stack = append(p.stack, p.readValue(stopValue, false))
		p.skipSpace()
		switch p.c {
		case '}':
			p.depth--
			p.read()
			return p.endObject(mark)
		case eoi:
			p.unexpectedEOF(-1, "null")
		case ',':
		default:
			p.fail(p.pos, -1, "Unexpected token %d at position %p.", p.charText())
		}
	}
}

// endObject finishes the object whose keys and values are on the stack from mark.
func (p *jsonParser) endObject(mark int) *Map {
	pairs := p.stack[mark:]
	m := p.finishObject(pairs, len(pairs) <= 2*indexThreshold && distinctKeys(pairs))
	p.pop(mark)
	return m
}

// finishArray builds a list of items (which it does not keep).
func (p *jsonParser) finishArray(items []any) *List {
	if p.lists.room() == 0 || p.block.room() < len(items) {
		return p.finishArrayAfar(items)
	}
	// The usual list, with room in the chunks: no calls (a call saves and reloads the
	// caller's registers), not even copy's.
	list := p.lists.one()
	list.JSON, list.doc = true, p.doc
	if len(items) > 0 {
		slots := p.block.next(len(items))
		for i, v := range items {
			slots[i] = v
		}
		list.Items = slots
	}
	return list
}

// finishArrayAfar is finishArray when the list or its items need a new chunk.
func (p *jsonParser) finishArrayAfar(items []any) *List {
	if p.lists.room() == 0 {
		p.moreLists()
	}
	if len(items) > maxBlock { // a piece of their own; the block stays for the next lists
		list := p.finishArray(nil)
		list.Items = make([]any, len(items))
		copy(list.Items, items)
		return list
	}
	if p.block.room() < len(items) {
		p.newBlock(len(items))
	}
	return p.finishArray(items)
}

// finishObject builds an object of pairs (key, value, key, value, …; which it does not
// keep). distinct promises that there are at most indexThreshold pairs and no two keys
// alike: the usual object, copied as it is.
func (p *jsonParser) finishObject(pairs []any, distinct bool) *Map {
	if !distinct || p.maps.room() == 0 || p.block.room() < len(pairs) {
		return p.finishObjectAfar(pairs, distinct)
	}
	// As in finishArray, no calls; the map is taken after the copy, which then has the
	// registers to itself.
	n := len(pairs) / 2
	slots := p.block.next(2 * n)
	keys, vals := slots[:n:n], slots[n:]
	// The copy walks pointers: the indexes are in bounds by construction (pairs has 2n
	// items, slots 2n places), but the compiler cannot prove it, and its checks would
	// cost a quarter of the loop.
	from, to := unsafe.Pointer(unsafe.SliceData(pairs)), unsafe.Pointer(unsafe.SliceData(slots))
	for i := range n {
		pair := (*[2]any)(unsafe.Add(from, i*2*sizeofAny))
		*(*any)(unsafe.Add(to, i*sizeofAny)) = pair[0]
		*(*any)(unsafe.Add(to, (n+i)*sizeofAny)) = pair[1]
	}
	m := p.maps.one()
	m.keys, m.vals = keys, vals
	return p.finished(m)
}

// sizeofAny is the size of an `any`, for walking slots through pointers.
const sizeofAny = int(unsafe.Sizeof(any(nil)))

// finishObjectAfar is finishObject when the map or its slots need a new chunk, or its keys
// may repeat: Put keeps Java's rule for a repeated key, the last value wins in the first
// key's place, and indexes a large object.
func (p *jsonParser) finishObjectAfar(pairs []any, distinct bool) *Map {
	if p.maps.room() == 0 {
		p.moreMaps()
	}
	var slots []any
	if len(pairs) > maxBlock {
		slots = make([]any, len(pairs))
	} else {
		if p.block.room() < len(pairs) {
			p.newBlock(len(pairs))
		}
		if distinct {
			return p.finishObject(pairs, true)
		}
		slots = p.block.next(len(pairs))
	}
	m := p.maps.one()
	n := len(pairs) / 2
	m.keys, m.vals = slots[:0:n], slots[n:n:2*n]
	for i := 0; i < len(pairs); i += 2 {
		m.Put(pairs[i], pairs[i+1])
	}
	return p.finished(m)
}

// finished completes a new map: it joins the document (if ParseDocument asked for one)
// once it is built, since Put marks a document's map changed, and there is no second walk
// over the tree; and it is the last finished map, whose keys the next may share (see key).
func (p *jsonParser) finished(m *Map) *Map {
	p.lastMap = m
	if p.doc != nil {
		m.joinDocument(p.doc)
	}
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

// readString reads the quoted string at p.pos.
func (p *jsonParser) readString() string {
	s, next, fault := p.scanString(p.pos)
	if fault != stringOK {
		p.failString(fault, next)
	}
	p.pos = next - 1
	p.read()
	return s
}

// stringFault is what is wrong with a quoted string, for the error json-smart reports.
type stringFault uint8

const (
	stringOK         stringFault = iota
	stringUnclosed               // no closing quote anywhere after the opening one
	stringEOF                    // the text, or a U+001A, ends a string with escapes
	stringEscapeEOF              // ... within a \u or \x escape
	stringEscapeChar             // a \u or \x escape has a character that is not a hex digit
	stringNoRoom                 // (not json-smart's) the buffer given to unescape is too short
)

// failString reports a malformed string as json-smart does; at is the byte index of the
// offending character (len(p.in) for the end of the text).
func (p *jsonParser) failString(fault stringFault, at int) {
	p.pos, p.c = at, eoi
	if at < len(p.in) {
		p.c = p.in[at]
	}
	switch fault {
	case stringUnclosed:
		p.unexpectedEOF(0, "null")
	case stringEOF:
		p.unexpectedEOF(-1, "null")
	case stringEscapeEOF:
		p.unexpectedEOF(0, "EOF")
	default:
		p.fail(p.pos, 0, "Unexpected unicode escape sequence %d at position %p.", p.charText())
	}
}

// scanString reads the string whose opening quote (' or ") is p.in[open]; both parsers use
// it. Like json-smart, a string without backslashes is taken verbatim (control characters
// included); one with backslashes is decoded character by character, which drops control
// characters and unknown escapes. It returns the string and the index after its closing
// quote, or what is wrong and where (see failString).
func (p *jsonParser) scanString(open int) (s string, next int, fault stringFault) {
	in := p.in
	end := plainEnd(in, open+1, in[open])
	if end < len(in) && in[end] == in[open] {
		return in[open+1 : end], end + 1, stringOK
	}
	return p.scanEscaped(open, end)
}

// quoteOrBackslash marks with its top bit every byte of w that is quote or a backslash, and
// maybe some bytes after the first of those: the lowest mark is the first one.
func quoteOrBackslash(w uint64, quote byte) uint64 {
	return swar.Marks(w, quote) | swar.Marks(w, '\\')
}

// plainEnd is the index of the first quote or backslash from in[i] on, or len(in): eight
// bytes at a time, then byte by byte for the last few. Strings are short: library searches
// would pay more for their call and setup than they save.
func plainEnd(in string, i int, quote byte) int {
	for ; i+8 <= len(in); i += 8 {
		if m := quoteOrBackslash(swar.Load8(in, i), quote); m != 0 {
			return i + swar.First(m)
		}
	}
	for i < len(in) && in[i] != quote && in[i] != '\\' {
		i++
	}
	return i
}

// scanEscaped is scanString for a string with a backslash at in[esc], or none closed. It
// decodes the string into what is left of the small document's text area when it fits
// there, and otherwise into a buffer of its own as long as the raw text (the decoded string
// is never longer): one allocation at most.
func (p *jsonParser) scanEscaped(open, esc int) (s string, next int, fault stringFault) {
	in, quote := p.in, p.in[open]
	if esc == len(in) {
		return "", len(in), stringUnclosed
	}
	// Decoding in place first spares finding the raw text's end before decoding it.
	buf := p.text.chunk[p.text.used:]
	n, next, fault := p.unescape(buf, open, esc)
	switch {
	case fault == stringOK: // it fits, even when its raw text would not
		p.text.used += n
	case fault == stringNoRoom && strings.IndexByte(in[esc:], quote) >= 0:
		buf = make([]byte, p.rawLength(open, esc))
		n, next, fault = p.unescape(buf, open, esc) // it fits: see unescape
	}
	if fault != stringOK {
		if strings.IndexByte(in[esc:], quote) < 0 {
			return "", len(in), stringUnclosed // json-smart looks for the closing quote first
		}
		return "", next, fault
	}
	return unsafe.String(unsafe.SliceData(buf), n), next, stringOK // buf is never written again
}

// rawLength is the length of the string whose opening quote is in[open] and whose first
// backslash is in[esc]: it ends at the first quote that no backslash escapes.
func (p *jsonParser) rawLength(open, esc int) int {
	in, end := p.in, esc
	for end < len(in) && in[end] == '\\' {
		end = plainEnd(in, min(end+2, len(in)), in[open])
	}
	return end - open - 1
}

// unescaped is what json-smart makes of a backslash and a character other than u or x: the
// character it stands for, or 0 when both are dropped.
var unescaped = [256]byte{'t': '\t', 'n': '\n', 'r': '\r', 'f': '\f', 'b': '\b', '\\': '\\', '/': '/', '\'': '\'', '"': '"'}

// ordinary marks the characters that unescape keeps as they are (but for the string's own
// quote): neither a backslash nor a control character it drops.
var ordinary = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= 0x20 && c != 0x7f && c != '\\'
	}
	return t
}()

// unescape decodes the string whose opening quote is p.in[open] and whose first backslash
// is p.in[esc] into buf, and returns its length n and the index after its closing quote,
// or stringNoRoom when buf is too short. No step writes more bytes than it has read (and
// than the room it asks for), so a buffer as long as the raw text is never too short. \u
// and \x escapes are UTF-16 code units, as in Java: consecutive ones may pair into one
// character, and one that cannot pair becomes U+FFFD (what Go's UTF-8 makes of an unpaired
// surrogate).
func (p *jsonParser) unescape(buf []byte, open, esc int) (n, next int, fault stringFault) {
	in, quote := p.in, p.in[open]
	// The text before the first backslash is kept as it is, copied eight bytes at a time:
	// a call to copy would make the loop below save and reload what it keeps in registers.
	prefix := in[open+1 : esc]
	if len(prefix) > len(buf) {
		return 0, esc, stringNoRoom
	}
	for ; n+8 <= len(prefix); n += 8 {
		binary.LittleEndian.PutUint64(buf[n:], swar.Load8(prefix, n))
	}
	for ; n < len(prefix); n++ {
		buf[n] = prefix[n]
	}
	var high rune // a high surrogate waiting for its low half, or 0
	for i := esc; ; i++ {
		if i >= len(in) {
			return n, len(in), stringEOF
		}
		c := in[i]
		if ordinary[c] && c != quote && high == 0 { // the usual character, kept as it is
			if n == len(buf) {
				return n, i, stringNoRoom
			}
			buf[n] = c
			n++
			continue
		}
		switch {
		case c == '\\':
			e := byte(eoi)
			if i+1 < len(in) {
				e = in[i+1]
			}
			if e == 'u' || e == 'x' {
				digits := 4
				if e == 'x' {
					digits = 2
				}
				unit, at, fault := hexUnit(in, i+2, digits)
				if fault != stringOK {
					return n, at, fault
				}
				if len(buf)-n < unitRoom(high, unit) {
					return n, i, stringNoRoom
				}
				n, high = putUnit(buf, n, high, unit)
				i += 1 + digits
				continue
			}
			c = unescaped[e] // 0: dropped
			i++
		case c == quote:
			if high != 0 { // a high surrogate still waiting stands alone
				if len(buf)-n < utf8.UTFMax-1 {
					return n, i, stringNoRoom
				}
				n += utf8.EncodeRune(buf[n:], utf8.RuneError)
			}
			return n, i + 1, stringOK
		case c < 0x20 || c == 0x7f:
			if c == eoi {
				return n, i, stringEOF
			}
			continue // dropped, as json-smart's IGNORE_CONTROL_CHAR does on this path: units go on
		}
		if high != 0 { // anything else ends a run of units: a high surrogate stands alone
			if len(buf)-n < utf8.UTFMax-1 {
				return n, i, stringNoRoom
			}
			n += utf8.EncodeRune(buf[n:], utf8.RuneError)
			high = 0
		}
		if c != 0 {
			if n == len(buf) {
				return n, i, stringNoRoom
			}
			buf[n] = c
			n++
		}
	}
}

// unitRoom is how much room putUnit may take for unit after high: what it writes, or 3 for
// a high surrogate, which may come to stand alone as U+FFFD.
func unitRoom(high, unit rune) int {
	room := utf8.RuneLen(unit) // -1 for a surrogate: 3 is room for U+FFFD or half a pair
	if room < 0 {
		room = utf8.UTFMax - 1
	}
	if high != 0 {
		room += utf8.UTFMax - 1
	}
	return room
}

// hexUnit reads the n hex digits of an escape from in[from].
func hexUnit(in string, from, n int) (unit rune, at int, fault stringFault) {
	for at = from; at < from+n; at++ {
		if at >= len(in) {
			return 0, len(in), stringEscapeEOF
		}
		c := in[at]
		unit *= 16
		switch {
		case c >= '0' && c <= '9':
			unit += rune(c - '0')
		case c >= 'A' && c <= 'F':
			unit += rune(c-'A') + 10
		case c >= 'a' && c <= 'f':
			unit += rune(c-'a') + 10
		case c == eoi:
			return 0, at, stringEscapeEOF
		default:
			return 0, at, stringEscapeChar
		}
	}
	return unit, at, stringOK
}

// putUnit writes a UTF-16 unit into buf at n, which has room for two characters; high is
// a pending high surrogate (or 0), which pairs with a low one and otherwise stands alone.
func putUnit(buf []byte, n int, high, unit rune) (int, rune) {
	if high != 0 {
		if utf16.IsSurrogate(unit) && unit >= 0xDC00 {
			return n + utf8.EncodeRune(buf[n:], utf16.DecodeRune(high, unit)), 0
		}
		n += utf8.EncodeRune(buf[n:], utf8.RuneError)
	}
	if utf16.IsSurrogate(unit) && unit < 0xDC00 {
		return n, unit
	}
	return n + utf8.EncodeRune(buf[n:], unit), 0 // a lone low surrogate writes U+FFFD
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
	v, err := parseDecimal(p.numberText(start))
	if err != nil {
		panic(err)
	}
	return v
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
func parseDecimal(s string) (any, *JSONError) {
	if len(s) > 18 {
		d, msg := parseBigDecimal(s)
		if d != nil {
			return d, nil
		}
		return nil, &JSONError{Class: numberExceptionClass, Message: msg}
	} else if validJavaDouble(s) {
		f, _ := strconv.ParseFloat(s, 64) // out of range gives ±Inf, as Java does
		return f, nil
	}
	return nil, &JSONError{Class: numberExceptionClass, Message: `For input string: "` + s + `"`}
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
		if index := x.index(); index != nil {
			m.extra = &mapExtra{index: maps.Clone(index)}
		}
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
	case nil, bool, int32, int64, *big.Int, *BigDecimal:
		return appendJava(dst, v, 0, -1) // JSON spells these as Java does
	case string:
		return appendJSONString(dst, x)
	case int:
		return strconv.AppendInt(dst, int64(x), 10)
	case float64:
		if math.IsInf(x, 0) {
			return append(dst, "null"...) // json-smart writes infinite doubles as null
		}
		return AppendDouble(dst, x)
	case *Map:
		dst = append(dst, '{')
		vals := x.Values()
		for i, k := range x.Keys() {
			if limit >= 0 && len(dst) > limit {
				break
			}
			if i > 0 {
				dst = append(dst, ',')
			}
			ks, ok := k.(string) // the usual key
			if !ok {
				ks = ToString(k)
			}
			dst = append(appendJSONString(dst, ks), ':')
			dst = appendJSONItem(dst, vals[i], depth+1, limit)
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
			dst = appendJSONItem(dst, item, depth+1, limit)
		}
		return append(dst, ']')
	}
	// Anything else (a host object) is written as its Java string, quoted.
	return appendJSONString(dst, ToString(v))
}

// appendJSONItem is appendJSON for a value in a map or list: the usual strings and
// integers are written right away, without the checks and the type switch that the
// others need.
func appendJSONItem(dst []byte, v any, depth, limit int) []byte {
	switch x := v.(type) {
	case string:
		return appendJSONString(dst, x)
	case int32:
		if uint32(x) < 10 { // ids, counts and indexes: no call
			return append(dst, '0'+byte(x))
		}
		return strconv.AppendInt(dst, int64(x), 10)
	}
	return appendJSON(dst, v, depth, limit)
}

const hexDigits = "0123456789ABCDEF"

// shortEscapes are the characters json-smart writes as a backslash and a letter (or
// themselves): the letter, or 0 for the others.
var shortEscapes = [utf8.RuneSelf]byte{'"': '"', '\\': '\\', '/': '/', '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't'}

// appendJSONString quotes s as json-smart does: \" \\ \/ \b \f \n \r \t, and \uXXXX (upper
// case) for other control characters, U+007F–U+009F and U+2000–U+20FF.
func appendJSONString(dst []byte, s string) []byte {
	// The usual string is a key or label shorter than two words that needs no escapes and
	// fits: it is checked and copied in one pass, by a function that calls nothing (and so
	// keeps all it needs in registers). Longer ones are checked a word at a time.
	if n := len(dst); len(s) < 2*8 && cap(dst)-n >= len(s)+2 {
		out := dst[n+1 : n+1+len(s)]
		for i := range len(s) {
			c := s[i]
			if !jsonPlain[c] {
				return appendJSONQuoted(dst, s)
			}
			out[i] = c
		}
		dst = dst[:n+len(s)+2]
		dst[n], dst[len(dst)-1] = '"', '"'
		return dst
	}
	return appendJSONQuoted(dst, s)
}

// appendJSONQuoted is appendJSONString for any string: a long one is checked eight bytes
// at a time and copied whole, up to the first byte that is not plain.
func appendJSONQuoted(dst []byte, s string) []byte {
	i := 0
	for i+8 <= len(s) && !jsonSpecial(swar.Load8(s, i)) {
		i += 8
	}
	for i < len(s) && jsonPlain[s[i]] {
		i++
	}
	dst = append(append(dst, '"'), s[:i]...)
	if i == len(s) {
		return append(dst, '"')
	}
	return appendJSONEscapes(dst, s[i:])
}

// jsonSpecial reports whether any of the eight bytes in w is one that appendJSONString
// does not copy as it is (see jsonPlain): a quote, backslash, slash, control character,
// DEL or non-ASCII byte.
func jsonSpecial(w uint64) bool {
	return swar.Marks(w, '"')|swar.Marks(w, '\\')|swar.Marks(w, '/')|swar.Marks(w, 0x7f)|swar.Below(w, ' ')|w&swar.HighBits != 0
}

// appendJSONEscapes is appendJSONString from the first byte of s that is not plain on:
// runs of plain bytes are copied whole, the others escaped. It ends the string.
func appendJSONEscapes(dst []byte, s string) []byte {
	for {
		c, size := s[0], 1
		switch {
		case c >= utf8.RuneSelf:
			var r rune
			r, size = utf8.DecodeRuneInString(s)
			if (r >= 0x80 && r <= 0x9f) || (r >= 0x2000 && r <= 0x20ff) {
				dst = appendUnicodeEscape(dst, r)
			} else {
				dst = append(dst, s[:size]...)
			}
		case shortEscapes[c] != 0:
			dst = append(dst, '\\', shortEscapes[c])
		default: // a control character or DEL
			dst = appendUnicodeEscape(dst, rune(c))
		}
		s = s[size:]
		i := 0
		for i < len(s) && jsonPlain[s[i]] {
			i++
		}
		dst = append(dst, s[:i]...)
		if s = s[i:]; len(s) == 0 {
			return append(dst, '"')
		}
	}
}

// jsonPlain marks the bytes appendJSONString copies as they are: ASCII that is neither a
// control character, DEL, nor one of the short escapes.
var jsonPlain = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = c >= 0x20 && c != 0x7f && shortEscapes[c] == 0
	}
	return t
}()

func appendUnicodeEscape(dst []byte, r rune) []byte {
	return append(dst, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
}
