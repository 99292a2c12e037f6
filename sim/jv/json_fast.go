package jv

import (
	"unsafe"

	"github.com/apigw-playground/playground/sim/internal/swar"
)

// The fast parse of standard JSON.
//
// Almost every body a client sends is standard JSON, for which json-smart's permissive
// rules and RFC 8259 agree. The permissive parser reads a character at a time because
// permissive input decides its meaning late (`1 2` is a string, `{"a":true x}` an error,
// `[1,,2]` a list of two); standard JSON needs no such care, so parseStandard reads it with
// index arithmetic and tight loops. It accepts only what it is sure the permissive parser
// reads the same way, and gives up at the first thing it is not sure about — anything
// non-standard, anything that may be an error — so that parseJSON reads the whole text
// again permissively: results never depend on which parser produced them, and errors
// always come from the permissive one. It builds containers with the same code
// (finishObject, finishArray, key, scanEscaped) in the same order, so even allocation and
// key sharing are the same.

// parseStandard parses a body that is a standard JSON object or array starting at in[i],
// ignoring what follows it as json-smart does; ok is false when it gave up.
func (p *jsonParser) parseStandard(i int) (v any, ok bool) {
	v, next := p.standardContainer(i, 0)
	return v, next >= 0
}

// containerStart finds where a body's value starts and whether it is an object or array,
// skipping the whitespace json-smart skips there.
func containerStart(text string) (start int, container bool) {
	start = skipJSONSpace(text, 0)
	return start, start < len(text) && (text[start] == '{' || text[start] == '[')
}

// gaveUp is the index the fast parse's functions return when they give up.
const gaveUp = -1

// skipJSONSpace skips the whitespace standard JSON allows, which every rule of json-smart
// skips too. json-smart skips other control characters in some places and keeps them in
// others, so those make the fast parse give up.
func skipJSONSpace(in string, i int) int {
	for i < len(in) && in[i] <= ' ' && (in[i] == ' ' || in[i] == '\n' || in[i] == '\r' || in[i] == '\t') {
		i++
	}
	return i
}

// pendingSlots is how many values (keys count) the containers being read keep in the
// parser itself, together: the nested containers of a usual body. A container that does
// not fit moves to the parser's stack (see collection).
const pendingSlots = 32

// collection is where a container being read keeps its values until it ends: in
// p.pending[mark:top] or, once they did not fit there, on p.stack from spilled (and then
// the containers inside it take pending from mark). The pending slots sit in the parser,
// which lives on the goroutine's stack and is cleared once per parse, where each
// container's own array would be cleared for every container; and unlike the pooled stack
// they cost no trip to the pool.
type collection struct {
	mark, top int
	spilled   int // < 0 while the values are in pending
}

// add appends v to the container's values.
func (p *jsonParser) add(c *collection, v any) {
	if c.top < len(p.pending) {
		p.pending[c.top] = v
		c.top++
	} else {
		p.spill(c, v)
	}
}

// spill appends v to the values of a container that did not fit in pending: they, and the
// next ones, go to the stack.
func (p *jsonParser) spill(c *collection, v any) {
	if c.spilled < 0 {
		p.openStack()
		c.spilled = len(p.stack)
		p.stack = append(p.stack, p.pending[c.mark:c.top]...)
		c.top = len(p.pending) // the next values come here too
	}
	p.stack = append(p.stack, v)
}

// items is the container's values.
func (p *jsonParser) items(c *collection) []any {
	if c.spilled >= 0 {
		return p.stack[c.spilled:]
	}
	return p.pending[c.mark:c.top]
}

// standardContainer reads the object or array whose opening bracket is in[i] and returns
// it with the index after its closing bracket, or gaveUp. Its values go to pending from
// mark on (see collection). Whitespace is skipped where standard JSON allows it, after a
// check for the usual case that there is none.
func (p *jsonParser) standardContainer(i, mark int) (any, int) {
	in := p.in
	end := byte('}')
	if in[i] == '[' {
		end = ']'
	}
	if p.depth++; p.depth > maxJSONDepth {
		return nil, gaveUp
	}
	c := collection{mark: mark, top: mark, spilled: -1}
	// Whether an object's first keys all differ, so that finishObject need not look them
	// up: a key is compared with the others only when the bit of seen that a hash of its
	// word picks (see keyWord) was set before; the top bit of seen says that two keys were
	// alike. (One word less to keep across the calls for values than a separate flag.)
	var seen uint64
	pairs := 0
	if i = skipJSONSpace(in, i+1); i < len(in) && in[i] != end {
		for {
			if end == '}' {
				if i >= len(in) || in[i] != '"' {
					return nil, gaveUp
				}
				// The usual key is short, interned and right before its colon: the text up
				// to the first quote among its first eight bytes makes a word (see keyWord),
				// which finds its box. The box is the key's when the key has no backslash
				// (see keyBox.rawWord): then neither has the text, and that quote ends it.
				var k any
				var word uint64
				next := gaveUp // after the colon
				if start := i + 1; start+8 <= len(in) {
					w := swar.Load8(in, start)
					if quotes := swar.Marks(w, '"'); quotes != 0 {
						n := swar.First(quotes)
						if start+n+1 < len(in) && in[start+n+1] == ':' {
							word = w&((quotes^(quotes-1))>>8) | uint64(n)<<56
							if e := keyBoxes[keyIndex(word)].Load(); e != nil && e.rawWord == word {
								k, next = e.box, start+n+2
							}
						}
					}
				}
				if next < 0 {
					if k, word, next = p.standardKey(i, pairs); next < 0 {
						return nil, gaveUp
					}
				}
				if pairs < indexThreshold {
					if bit := uint64(1) << (word * 0x9e3779b97f4a7c15 >> 59); seen&bit == 0 {
						seen |= bit
					} else if repeatsKey(p.items(&c), k) {
						seen |= alike
					}
				}
				pairs++
				p.add(&c, k)
				i = next
			}
			if i >= len(in) {
				return nil, gaveUp
			}
			c0 := in[i]
			if c0 <= ' ' { // after a colon
				if i = skipJSONSpace(in, i); i >= len(in) {
					return nil, gaveUp
				}
				c0 = in[i]
			}
			// The usual values are read right here; calls cost more than the reading, since
			// every call makes this loop save and reload what it keeps in registers.
			var v any
			switch c0 {
			case '"':
				from := i + 1 // where the string's end is looked for
				if start := i + 1; start+8 <= len(in) {
					n, ok := shortPlain(swar.Load8(in, start))
					if ok {
						v, i = p.boxString(in[start:start+n]), start+n+1
						break
					}
					from += n
				}
				var s string
				if s, i = p.standardString(i, from); i < 0 {
					return nil, gaveUp
				}
				v = p.boxString(s)
			case '{', '[':
				next := c.top
				if c.spilled >= 0 {
					next = c.mark
				}
				if v, i = p.standardContainer(i, next); i < 0 {
					return nil, gaveUp
				}
			case 't', 'f', 'n':
				if v, i = p.standardWord(i, end); i < 0 {
					return nil, gaveUp
				}
			case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
				n, j := int(c0-'0'), i+1
				for ; j < len(in) && j-i < 3 && isDigit(in[j]); j++ {
					n = n*10 + int(in[j]-'0')
				}
				if n < len(smallInts) && endsToken(in, j, end) {
					v, i = smallInts[n], j
					break
				}
				fallthrough
			default:
				if v, i = p.standardNumber(i, end); i < 0 {
					return nil, gaveUp
				}
			}
			p.add(&c, v)
			// What follows the value is read once, for both of its checks.
			if i >= len(in) {
				return nil, gaveUp
			}
			after := in[i]
			if after <= ' ' {
				if i = skipJSONSpace(in, i); i >= len(in) {
					return nil, gaveUp
				}
				after = in[i]
			}
			// Unlike json-smart, no doubled or dangling commas: those are the permissive
			// parser's.
			if after != ',' {
				if after != end {
					return nil, gaveUp
				}
				break
			}
			i = skipJSONSpace(in, i+1)
		}
	} else if i >= len(in) {
		return nil, gaveUp
	}
	p.depth--
	p.pos = i + 1 // where the permissive parser would be: chunkSize looks ahead from there
	var v any
	if end == '}' {
		v = p.finishObject(p.items(&c), seen&alike == 0 && pairs <= indexThreshold)
	} else {
		v = p.finishArray(p.items(&c))
	}
	if c.spilled >= 0 {
		p.pop(c.spilled)
	}
	return v, i + 1
}

// alike is the bit of standardContainer's seen that says two keys were alike.
const alike = 1 << 63

// repeatsKey reports whether the key k is among the keys of an object's items (key, value,
// key, value, ...; the fast parse's keys are strings).
func repeatsKey(items []any, k any) bool {
	for j := 0; j < len(items); j += 2 {
		if items[j].(string) == k.(string) {
			return true
		}
	}
	return false
}

// shortPlain looks at the first eight bytes w of a string's text: n of them come before
// the first quote or backslash (all 8 when there is none), and ok says that the first of
// those is a quote, which then closes the string (the usual short string).
func shortPlain(w uint64) (n int, ok bool) {
	stops := quoteOrBackslash(w, '"')
	if stops == 0 {
		return 8, false
	}
	n = swar.First(stops)
	return n, byte(w>>(8*n)) == '"'
}

// standardKey reads the key at in[i] == '"', the nth of its object, and its colon, and
// returns it boxed (see key) with its keyWord and the index after the colon. The key is
// boxed after the colon and before the value, as the permissive parser does, so that both
// share the same boxes.
func (p *jsonParser) standardKey(i, nth int) (k any, word uint64, next int) {
	s, next := p.standardString(i, i+1)
	if next < 0 {
		return nil, 0, gaveUp
	}
	if next = skipJSONSpace(p.in, next); next >= len(p.in) || p.in[next] != ':' {
		return nil, 0, gaveUp
	}
	word = keyWord(s)
	return p.key(nth, s, word), word, next + 1
}

// standardString reads the string at in[i] == '"' and returns it with the index after it;
// its text has neither quote nor backslash before in[from].
func (p *jsonParser) standardString(i, from int) (string, int) {
	end := plainEnd(p.in, from, '"')
	if end < len(p.in) && p.in[end] == '"' {
		return p.in[i+1 : end], end + 1 // the usual string, without escapes
	}
	if s, next := p.standardEscaped(i, end); next >= 0 {
		return s, next
	}
	s, next, fault := p.scanEscaped(i, end)
	if fault != stringOK {
		return "", gaveUp
	}
	return s, next
}

// standardEscaped decodes the string whose opening quote is in[open] and whose first
// backslash is in[esc] into the text area, and returns it with the index after its closing
// quote, when its escapes are the usual ones (\" \\ \/ \b \f \n \r \t \') and it has
// no control character and fits; otherwise it returns gaveUp, and scanEscaped decodes the
// string as the permissive parser does. What it does take, it decodes as scanEscaped does
// (see unescape), with none of the cases its loop would check at every character.
func (p *jsonParser) standardEscaped(open, esc int) (string, int) {
	in := p.in
	buf := p.text.chunk[p.text.used:]
	n := esc - open - 1
	if n > len(buf) {
		return "", gaveUp
	}
	copy(buf, in[open+1:esc])
	for i := esc; i+1 < len(in); { // in[i] is a backslash
		e := unescaped[in[i+1]] // 0 for \u, \x and the escapes json-smart drops
		if e == 0 || n == len(buf) {
			return "", gaveUp
		}
		buf[n] = e
		n++
		for i += 2; i < len(in); i++ { // up to the next backslash or the closing quote
			c := in[i]
			if !ordinary[c] || c == '"' {
				if c == '"' {
					p.text.used += n
					return unsafe.String(unsafe.SliceData(buf), n), i + 1 // buf is never written again
				}
				break
			}
			if n == len(buf) {
				return "", gaveUp
			}
			buf[n] = c
			n++
		}
		if i >= len(in) || in[i] != '\\' {
			return "", gaveUp
		}
	}
	return "", gaveUp
}

// endsToken reports whether in[i] ends a bare token (number or word) inside a container
// that ends with end: json-smart reads such a token up to the next ',' or end, and it is
// only what it looks like when nothing but whitespace comes before that.
func endsToken(in string, i int, end byte) bool {
	return i < len(in) && (in[i] == ',' || in[i] == end)
}

// standardWord reads true, false or null at in[i], whose first letter is t, f or n.
func (p *jsonParser) standardWord(i int, end byte) (any, int) {
	word, v := "null", any(nil)
	switch p.in[i] {
	case 't':
		word, v = "true", true
	case 'f':
		word, v = "false", false
	}
	if len(p.in)-i < len(word) || p.in[i:i+len(word)] != word {
		return nil, gaveUp
	}
	next := skipJSONSpace(p.in, i+len(word))
	if !endsToken(p.in, next, end) {
		return nil, gaveUp
	}
	return v, next
}

// standardNumber reads a number spelled as in RFC 8259 (but, as in json-smart, leading
// zeros are fine), typed as the permissive parser types it: by the same functions. It
// gives up on anything else.
func (p *jsonParser) standardNumber(i int, end byte) (any, int) {
	in := p.in
	start := i
	if in[i] == '-' {
		i++
	}
	// Up to 9 digits always fit an int32: the usual integer is read right here, and the
	// others as the permissive parser reads them.
	n := int32(0)
	digits := i
	for ; i < len(in) && isDigit(in[i]); i++ {
		n = n*10 + int32(in[i]-'0') // may wrap past 9 digits; then unused
	}
	if i == digits {
		return nil, gaveUp
	}
	if i-digits <= 9 && endsToken(in, i, end) { // the usual integer, right before , or end
		if in[start] == '-' {
			n = -n
		}
		return n, i
	}
	integer := true
	if i < len(in) && in[i] == '.' {
		if i = digitRun(in, i+1); i < 0 {
			return nil, gaveUp
		}
		integer = false
	}
	if i < len(in) && (in[i] == 'e' || in[i] == 'E') {
		i++
		if i < len(in) && (in[i] == '+' || in[i] == '-') {
			i++
		}
		if i = digitRun(in, i); i < 0 {
			return nil, gaveUp
		}
		integer = false
	}
	next := skipJSONSpace(in, i)
	if !endsToken(in, next, end) || i-start > maxNumberLength {
		return nil, gaveUp
	}
	if integer {
		return parseInteger(in[start:i]), next
	}
	v, err := parseDecimal(in[start:i])
	if err != nil {
		return nil, gaveUp
	}
	return v, next
}

// digitRun returns the end of the digits starting at in[i], or gaveUp when there are none:
// a fraction or an exponent needs at least one.
func digitRun(in string, i int) int {
	start := i
	for i < len(in) && isDigit(in[i]) {
		i++
	}
	if i == start {
		return gaveUp
	}
	return i
}
