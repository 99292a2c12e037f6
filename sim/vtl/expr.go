package vtl

import (
	"math/big"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Expressions: the arguments of #set, #if, #foreach, method calls and literals.

// arguments parses a method call's (arg, arg) at p.pos.
func (p *parser) arguments() []expr {
	open := p.pos
	p.pos++
	p.skipSpace()
	if p.peek(0) == ')' {
		p.pos++
		return nil
	}
	var buf [4]expr // most calls take one or two; the arguments move to an arena at the end
	args := buf[:0]
	for {
		p.skipSpace()
		args = append(args, p.parameter(true))
		p.skipSpace()
		switch p.peek(0) {
		case ',':
			p.pos++
		case ')':
			p.pos++
			return p.exprs.copyOf(args)
		default:
			if p.pos >= len(p.src) {
				p.fail(open, "unclosed ( of a method call")
			}
			p.fail(p.pos, "expected , or ) in a method call, found %s", p.describe())
		}
	}
}

// expression parses an operator expression (the argument of #set, #if, #foreach).
func (p *parser) expression() expr {
	p.enter(p.pos)
	defer p.leave()
	return p.binary(0)
}

// Binary operators and their precedence levels, loosest first, as in Velocity's grammar:
// || && (== !=) (< <= > >=) (+ -) (* / %). Each has a symbol and maybe a word form.
type operatorSpec struct {
	sym, word string
	op        binOp
	level     int
}

var operators = [...]operatorSpec{
	{"||", "or", opOr, 0}, {"&&", "and", opAnd, 1},
	{"==", "eq", opEq, 2}, {"!=", "ne", opNe, 2},
	{"<=", "le", opLe, 3}, {">=", "ge", opGe, 3}, {"<", "lt", opLt, 3}, {">", "gt", opGt, 3},
	{"+", "", opAdd, 4}, {"-", "", opSub, 4},
	{"*", "", opMul, 5}, {"/", "", opDiv, 5}, {"%", "", opMod, 5},
}

// binary parses operators of at least minLevel by precedence climbing; operators of one
// level associate to the left.
func (p *parser) binary(minLevel int) expr {
	x := p.unary()
	for {
		p.skipSpace()
		at := p.pos
		o := p.operator()
		if o == nil || o.level < minLevel {
			p.pos = at
			return x
		}
		opEnd := p.pos
		y := p.binary(o.level + 1)
		b := p.binExprs.alloc()
		*b = binExpr{pos: p.base + at, op: o.op, x: x, y: y, lit: p.src[opEnd:p.pos]}
		x = b
	}
}

// operator consumes the binary operator at p.pos, if any.
func (p *parser) operator() *operatorSpec {
	rest := p.src[p.pos:]
	if rest == "" {
		return nil
	}
	c := rest[0]
	switch {
	case c == '-' && len(rest) > 1 && isDigit(rest[1]):
		// Velocity's lexer reads "-3" as a negative literal, so "5 -3" is an error.
		p.fail(p.pos, "expected an operator, found %s (write \"- 3\")", p.describe())
	case c == '=' && !strings.HasPrefix(rest, "=="):
		return nil
	case isIdentStart(c):
		for i := range operators {
			o := &operators[i]
			if o.word != "" && strings.HasPrefix(rest, o.word) && (len(rest) == len(o.word) || !isWordChar(rest[len(o.word)])) {
				p.pos += len(o.word)
				return o
			}
		}
		return nil
	case charClasses[c]&operatorChar == 0:
		return nil // the usual end of an expression: ")", ",", "]"
	}
	// Symbols are one or two bytes: compared byte by byte, without a call each.
	for i := range operators {
		o := &operators[i]
		if o.sym[0] == c && (len(o.sym) == 1 || len(rest) > 1 && rest[1] == o.sym[1]) {
			p.pos += len(o.sym)
			return o
		}
	}
	return nil
}

func (p *parser) unary() expr {
	p.skipSpace()
	rest := p.src[p.pos:]
	if strings.HasPrefix(rest, "!") && !strings.HasPrefix(rest, "!=") {
		p.pos++
		p.enter(p.pos)
		defer p.leave()
		return &notExpr{p.unary()}
	}
	if strings.HasPrefix(rest, "not") && (len(rest) == 3 || !isWordChar(rest[3])) {
		p.pos += 3
		p.enter(p.pos)
		defer p.leave()
		return &notExpr{p.unary()}
	}
	if p.peek(0) == '(' {
		p.pos++
		start := p.pos
		x := p.expression()
		if b, ok := x.(*binExpr); ok {
			b.lit = p.src[start:p.pos]
		}
		p.expect(')', ")")
		return x
	}
	return p.parameter(false)
}

// parameter parses an operand: a reference, literal, list, map or range. Inside a method
// call's arguments (inCall) a bare word such as null is accepted and means null, as
// Velocity 1.7 lets it through.
func (p *parser) parameter(inCall bool) expr {
	p.skipSpace()
	start := p.pos
	c := p.peek(0)
	switch {
	case c == '$' || c == '\\' && p.peek(1) == '$':
		if r := p.reference(); r != nil {
			return r
		}
		// Velocity's lexer glues a "$", "$!" or "\$" that starts no reference to the next
		// token, so it vanishes before a value: $"x" is "x", $$1 is 1.
		if next := p.strayDollars(); next > p.pos && next < len(p.src) && startsValue(p.src[next]) {
			p.pos = next
			return p.parameter(inCall)
		}
	case c == '"' || c == '\'':
		return p.stringLiteral()
	case isDigit(c) || (c == '-' || c == '.') && (isDigit(p.peek(1)) || c == '-' && p.peek(1) == '.' && isDigit(p.peek(2))):
		return p.number()
	case c == '[':
		return p.listOrRange()
	case c == '{':
		return p.mapLiteral()
	case isIdentStart(c):
		j := p.pos
		for j < len(p.src) && isWordChar(p.src[j]) {
			j++
		}
		switch word := p.src[p.pos:j]; {
		case word == "true":
			p.pos = j
			return p.constant(true)
		case word == "false":
			p.pos = j
			return p.constant(false)
		case inCall:
			p.pos = j
			return p.constant(nil)
		}
	}
	p.pos = start
	p.fail(start, "expected a value (reference, literal, list or map), found %s", p.describe())
	return nil
}

// strayDollars returns where a run of "$", "$!" and "\$" at p.pos that starts no reference
// ends (p.pos when there is none).
func (p *parser) strayDollars() int {
	i := p.pos
	for i < len(p.src) {
		switch {
		case p.src[i] == '\\' && i+1 < len(p.src) && p.src[i+1] == '$':
			i += 2
		case p.src[i] == '$' && i+1 < len(p.src) && p.src[i+1] == '!' && !startsName(p.src, i+2):
			i += 2
		case p.src[i] == '$' && !startsName(p.src, i+1):
			i++
		default:
			return i
		}
	}
	return i
}

// startsName reports whether src[i] begins a reference's name: a letter or "{" (a "!" before
// either is the caller's business).
func startsName(src string, i int) bool {
	return i < len(src) && (isIdentStart(src[i]) || src[i] == '{')
}

// startsValue reports whether c can begin a value in an expression.
func startsValue(c byte) bool {
	return c == '$' || c == '"' || c == '\'' || c == '[' || c == '{' || c == '-' || c == '.' || isDigit(c) || isIdentStart(c)
}

func (p *parser) number() expr {
	start := p.pos
	j := p.pos
	if p.src[j] == '-' {
		j++
	}
	for j < len(p.src) && isDigit(p.src[j]) {
		j++
	}
	float := false
	if j < len(p.src) && p.src[j] == '.' && !(j+1 < len(p.src) && p.src[j+1] == '.') {
		float = true
		j++
		for j < len(p.src) && isDigit(p.src[j]) {
			j++
		}
	}
	if j < len(p.src) && (p.src[j] == 'e' || p.src[j] == 'E') {
		k := j + 1
		if k < len(p.src) && (p.src[k] == '+' || p.src[k] == '-') {
			k++
		}
		if k < len(p.src) && isDigit(p.src[k]) {
			float = true
			for k < len(p.src) && isDigit(p.src[k]) {
				k++
			}
			j = k
		}
	}
	lit := p.src[start:j]
	p.pos = j
	if float {
		f, err := strconv.ParseFloat(lit, 64)
		if err != nil {
			p.fail(start, "bad number %q", lit)
		}
		return p.constant(f)
	}
	if n, err := strconv.ParseInt(lit, 10, 32); err == nil {
		return p.constant(int32(n))
	}
	if n, err := strconv.ParseInt(lit, 10, 64); err == nil {
		return p.constant(n)
	}
	b, _ := new(big.Int).SetString(lit, 10)
	return p.constant(b)
}

// stringLiteral parses "..." or '...'. Velocity has no backslash escapes in string
// literals; a doubled quote stands for one. A double-quoted string containing $ or # is a
// little template of its own, rendered each time it is evaluated.
func (p *parser) stringLiteral() expr {
	start := p.pos
	q := p.src[p.pos]
	j := p.pos + 1
	for {
		k := strings.IndexByte(p.src[j:], q)
		if k < 0 {
			p.fail(start, "unterminated string literal")
		}
		j += k + 1
		if j < len(p.src) && p.src[j] == q {
			j++
			continue
		}
		break
	}
	p.pos = j
	body := p.src[start+1 : j-1]
	doubled := string([]byte{q, q})
	if strings.Contains(body, doubled) {
		body = strings.ReplaceAll(body, doubled, string(q))
	}
	if q == '\'' || !strings.ContainsAny(body, "$#") {
		if q == '"' && strings.Contains(body, `\u`) {
			body = p.unicodeEscapes(start, body)
		}
		return p.constant(body)
	}
	sub := &parser{src: body, base: p.base + start + 1, t: p.t, boundary: true, depth: p.depth}
	defer func() {
		p.refs, p.refNodes, p.texts, p.consts, p.binExprs = sub.refs, sub.refNodes, sub.texts, sub.consts, sub.binExprs
	}()
	sub.refs, sub.refNodes, sub.texts, sub.consts, sub.binExprs = p.refs, p.refNodes, p.texts, p.consts, p.binExprs
	p.enter(start)
	defer p.leave()
	nodes, _ := sub.parseNodes(false)
	return &interpExpr{nodes}
}

// unicodeEscapes decodes \uXXXX in a double-quoted string literal, as Velocity 1.7 does
// (it does for no other escape).
func (p *parser) unicodeEscapes(start int, s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, `\u`)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		if i+6 > len(s) {
			p.fail(start, "incomplete \\u escape in string literal")
		}
		n, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
		if err != nil {
			p.fail(start, "bad \\u escape %q in string literal", s[i:i+6])
		}
		b.WriteString(s[:i])
		b.WriteString(string(utf16.Decode([]uint16{uint16(n)})))
		s = s[i+6:]
	}
}

func (p *parser) listOrRange() expr {
	start := p.pos
	p.pos++
	p.skipSpace()
	if next := p.strayDollars(); next < len(p.src) && p.src[next] == ']' { // [], [$], [$!] (see parameter)
		p.pos = next + 1
		return &listExpr{}
	}
	p.enter(start)
	defer p.leave()
	first := p.parameter(false)
	p.skipSpace()
	if strings.HasPrefix(p.src[p.pos:], "..") {
		p.pos += 2
		p.skipSpace()
		to := p.parameter(false)
		for _, e := range []expr{first, to} {
			if !rangeOperand(e) {
				p.fail(start, "a range [a..b] takes integers or references")
			}
		}
		p.expect(']', "] closing the range")
		return &rangeExpr{pos: p.base + start, from: first, to: to}
	}
	l := &listExpr{items: []expr{first}}
	for {
		p.skipSpace()
		switch p.peek(0) {
		case ',':
			p.pos++
			l.items = append(l.items, p.parameter(false))
		case ']':
			p.pos++
			return l
		default:
			p.fail(p.pos, "expected , or ] in a list, found %s", p.describe())
		}
	}
}

func rangeOperand(e expr) bool {
	switch x := e.(type) {
	case *refExpr:
		return true
	case *constExpr:
		switch x.v.(type) {
		case int32, int64:
			return true
		}
	}
	return false
}

func (p *parser) mapLiteral() expr {
	start := p.pos
	p.pos++
	p.skipSpace()
	m := &mapExpr{}
	if p.peek(0) == '}' {
		p.pos++
		return m
	}
	p.enter(start)
	defer p.leave()
	for {
		k := p.parameter(false)
		p.expect(':', ": in a map literal")
		v := p.parameter(false)
		m.keys = append(m.keys, k)
		m.vals = append(m.vals, v)
		p.skipSpace()
		switch p.peek(0) {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return m
		default:
			p.fail(p.pos, "expected , or } in a map literal, found %s", p.describe())
		}
	}
}
