package jv

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
// (finishObject, finishArray, key, take) in the same order, so even allocation and key
// sharing are the same.

// parseStandard parses a body that is a standard JSON object or array starting at in[i],
// ignoring what follows it as json-smart does; ok is false when it gave up.
func (p *jsonParser) parseStandard(i int) (v any, ok bool) {
	v, next := p.standardValue(i, 0)
	return v, next >= 0
}

// containerStart finds where a body's value starts and whether it is an object or array,
// skipping the whitespace json-smart skips there.
func containerStart(text string) (start int, container bool) {
	start = skipJSONSpace(text, 0)
	return start, start < len(text) && (text[start] == '{' || text[start] == '[')
}

// gaveUp is the index standardValue returns when it gives up.
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

// standardValue reads the value at in[i] (no whitespace before it) inside a container that
// ends with end ('}' or ']'; 0 for the top level), and returns it with the index of the
// first character after it and its whitespace, or gaveUp.
func (p *jsonParser) standardValue(i int, end byte) (any, int) {
	in := p.in
	if i >= len(in) {
		return nil, gaveUp
	}
	switch c := in[i]; c {
	case '"':
		s, next := p.standardString(i)
		if next < 0 {
			return nil, gaveUp
		}
		return boxString(s), skipJSONSpace(in, next)
	case '{':
		return p.standardObject(i)
	case '[':
		return p.standardArray(i)
	case 't':
		return p.standardWord(i, end, "true", true)
	case 'f':
		return p.standardWord(i, end, "false", false)
	case 'n':
		return p.standardWord(i, end, "null", nil)
	default:
		if c == '-' || isDigit(c) {
			return p.standardNumber(i, end)
		}
	}
	return nil, gaveUp
}

// standardString reads the string at in[i] == '"' and returns it with the index after it.
func (p *jsonParser) standardString(i int) (string, int) {
	end := plainEnd(p.in, i)
	if end < len(p.in) && p.in[end] == '"' {
		return p.in[i+1 : end], end + 1 // the usual string, without escapes: inline
	}
	s, next, fault := p.scanEscaped(i, end)
	if fault != stringOK {
		return "", gaveUp
	}
	return s, next
}

// endsToken reports whether in[i] ends a bare token (number or word) inside a container
// that ends with end: json-smart reads such a token up to the next ',' or end, and it is
// only what it looks like when nothing but whitespace comes before that.
func endsToken(in string, i int, end byte) bool {
	return i < len(in) && (in[i] == ',' || in[i] == end)
}

// standardWord reads true, false or null.
func (p *jsonParser) standardWord(i int, end byte, word string, v any) (any, int) {
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
// zeros are fine), typed as the permissive parser types it: by the same functions.
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

// frameSlots is how many values (keys count) a container collects in its own stack frame.
// Most containers are small: theirs never touch the parser's stack, which spares the pool,
// and a store to a frame needs no write barrier. A larger container moves to the stack.
const frameSlots = 2 * indexThreshold

// standardFrame is the values of a container being read: in vals while they fit, then on
// the parser's stack from mark (mark < 0 until then).
type standardFrame struct {
	vals [frameSlots]any
	n    int
	mark int
}

// add appends v to the container's values.
func (f *standardFrame) add(p *jsonParser, v any) {
	if f.n < len(f.vals) {
		f.vals[f.n] = v
	} else {
		p.spill(f, v)
	}
	f.n++
}

// spill is what a full frame does: its values, then the next ones, go to the stack.
func (p *jsonParser) spill(f *standardFrame, v any) {
	if f.mark < 0 {
		p.openStack()
		f.mark = len(p.stack)
		p.stack = append(p.stack, f.vals[:]...)
	}
	p.stack = append(p.stack, v)
}

// standardObject reads the object at in[i] == '{'.
func (p *jsonParser) standardObject(i int) (any, int) {
	in := p.in
	f := standardFrame{mark: -1}
	for i, more := p.openStandard(i, '}'); ; i, more = nextItem(in, i, '}') {
		if !more {
			return p.endStandard(&f, i, '}')
		}
		if i >= len(in) || in[i] != '"' {
			return nil, gaveUp
		}
		key, next := p.standardString(i)
		if next < 0 {
			return nil, gaveUp
		}
		if i = skipJSONSpace(in, next); i >= len(in) || in[i] != ':' {
			return nil, gaveUp
		}
		// The key is boxed before its value is read, as the permissive parser does, so that
		// both share the same boxes (see key).
		f.add(p, p.key(f.n/2, key))
		v, next := p.standardValue(skipJSONSpace(in, i+1), '}')
		if next < 0 {
			return nil, gaveUp
		}
		f.add(p, v)
		i = next
	}
}

// standardArray reads the array at in[i] == '['.
func (p *jsonParser) standardArray(i int) (any, int) {
	f := standardFrame{mark: -1}
	for i, more := p.openStandard(i, ']'); ; i, more = nextItem(p.in, i, ']') {
		if !more {
			return p.endStandard(&f, i, ']')
		}
		v, next := p.standardValue(i, ']')
		if next < 0 {
			return nil, gaveUp
		}
		f.add(p, v)
		i = next
	}
}

// openStandard enters the container at in[i] that ends with end: its first item is at
// next, or, when it is empty (more is false), its end; next is gaveUp past maxJSONDepth.
func (p *jsonParser) openStandard(i int, end byte) (next int, more bool) {
	if p.depth++; p.depth > maxJSONDepth {
		return gaveUp, false
	}
	i = skipJSONSpace(p.in, i+1)
	return i, i >= len(p.in) || p.in[i] != end
}

// nextItem looks at what follows an item, in[next]: a comma, after which the next item is
// at i (more is true), or the container's end at i, or anything else (i is gaveUp).
// Unlike json-smart, it takes no doubled or dangling commas: those are the permissive
// parser's.
func nextItem(in string, next int, end byte) (i int, more bool) {
	switch {
	case next == len(in):
	case in[next] == ',':
		return skipJSONSpace(in, next+1), true
	case in[next] == end:
		return next, false
	}
	return gaveUp, false
}

// endStandard finishes the container whose end ('}' or ']') is in[i]; i may be gaveUp.
func (p *jsonParser) endStandard(f *standardFrame, i int, end byte) (any, int) {
	if i < 0 {
		return nil, gaveUp
	}
	p.depth--
	p.pos = i + 1 // where the permissive parser would be: chunkSize looks ahead from there
	items := f.vals[:min(f.n, len(f.vals))]
	if f.mark >= 0 {
		items = p.stack[f.mark:]
	}
	var v any
	if end == '}' {
		v = p.finishObject(items)
	} else {
		v = p.finishArray(items)
	}
	if f.mark >= 0 {
		p.pop(f.mark)
	}
	return v, skipJSONSpace(p.in, i+1)
}
