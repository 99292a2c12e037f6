package jsonpath

import (
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"github.com/apigw-playground/playground/sim/jv"
)

// expr is a compiled filter expression, [?( ... )].
type expr interface {
	match(e *evaluation, current any) bool
}

type andExpr struct{ left, right expr }
type orExpr struct{ left, right expr }
type notExpr struct{ inner expr }

// existsExpr is a bare path: true when it names a value that is not null.
type existsExpr struct{ path operand }

// compareExpr is `path op operand`. Like Jayway 2.0.0, the left side must be a path: a
// literal on the left never matches.
type compareExpr struct {
	op          string
	left, right operand
}

// operand is a path, a literal or a regex. Jayway 2.0.0 keeps every literal as its text:
// 10, true and null are the strings "10", "true" and "null" (quotes around 'text' are
// dropped, "text" keeps its double quotes), which decides how they compare (see compare).
type operand struct {
	path    *Path // @... (relative to the current element) or $... (the document root)
	rooted  bool
	literal any
	regex   *regexp.Regexp
}

func (x andExpr) match(e *evaluation, cur any) bool {
	return x.left.match(e, cur) && x.right.match(e, cur)
}
func (x orExpr) match(e *evaluation, cur any) bool {
	return x.left.match(e, cur) || x.right.match(e, cur)
}
func (x notExpr) match(e *evaluation, cur any) bool { return !x.inner.match(e, cur) }

func (x existsExpr) match(e *evaluation, cur any) bool {
	v, ok := x.path.value(e, cur)
	return ok && v != nil
}

func (x compareExpr) match(e *evaluation, cur any) bool {
	if x.left.path == nil {
		return false
	}
	model, ok := x.left.value(e, cur)
	if !ok {
		return false
	}
	if x.op == "=~" {
		return x.right.regex != nil && model != nil && x.right.regex.MatchString(jv.ToString(model))
	}
	expected, ok := x.right.value(e, cur)
	if !ok {
		return false
	}
	if model == nil && x.op != "==" && x.op != "!=" {
		return false // Jayway 2.0.0: <, <=, >, >= are false for a null on the left (oracle)
	}
	c, outcome := compare(model, expected)
	switch outcome {
	case incomparable:
		return false
	case numberFormatError:
		e.fail() // Java's NumberFormatException is not caught: the path finds nothing
		return false
	}
	switch x.op {
	case "==":
		return c == 0
	case "!=":
		return c != 0
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	case ">=":
		return c >= 0
	}
	return false
}

func (o operand) value(e *evaluation, cur any) (any, bool) {
	if o.path == nil {
		return o.literal, true
	}
	if o.rooted {
		return o.path.lookup(e, e.root)
	}
	return o.path.lookup(e, cur)
}

type outcome uint8

const (
	compared          outcome = iota
	incomparable              // Jayway's ValueCompareException: the test is false
	numberFormatError         // a string that is no number met a number: evaluation ends
)

// compare orders model against expected as Jayway 2.0.0 does: null and the string "null"
// are equal to each other and below everything; two strings compare as text; a number and
// a number or a string compare as BigDecimals of their text; a string and a boolean compare
// as booleans (Boolean.valueOf: only "true", any case, is true); anything else (maps, lists)
// does not compare.
func compare(model, expected any) (int, outcome) {
	mNull, eNull := nullish(model), nullish(expected)
	switch {
	case mNull && eNull:
		return 0, compared
	case mNull:
		return -1, compared
	case eNull:
		return 1, compared
	}
	ms, mIsString := model.(string)
	es, eIsString := expected.(string)
	mb, mIsBool := model.(bool)
	eb, eIsBool := expected.(bool)
	switch {
	case mIsString && eIsString:
		return strings.Compare(ms, es), compared
	case isNumber(model) && (isNumber(expected) || eIsString), mIsString && isNumber(expected):
		m, ok1 := toDecimal(model)
		x, ok2 := toDecimal(expected)
		if !ok1 || !ok2 {
			return 0, numberFormatError
		}
		return m.cmp(x), compared
	case mIsBool && eIsString:
		return compareBool(mb, strings.EqualFold(es, "true")), compared
	case mIsString && eIsBool:
		return compareBool(strings.EqualFold(ms, "true"), eb), compared
	case mIsBool && eIsBool:
		return compareBool(mb, eb), compared
	}
	return 0, incomparable
}

func nullish(v any) bool { return v == nil || v == "null" }

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func isNumber(v any) bool {
	switch v.(type) {
	case int32, int64, float64, *big.Int, *jv.BigDecimal:
		return true
	}
	return false
}

// decimalValue is new BigDecimal(v.toString()): an int64 when the text is an integer that
// fits, else the text itself, compared exactly.
type decimalValue struct {
	i     int64
	isInt bool
	text  string
}

func toDecimal(v any) (decimalValue, bool) {
	switch x := v.(type) {
	case int32:
		return decimalValue{i: int64(x), isInt: true}, true
	case int64:
		return decimalValue{i: x, isInt: true}, true
	}
	text := jv.ToString(v)
	if n, err := strconv.ParseInt(text, 10, 64); err == nil {
		return decimalValue{i: n, isInt: true}, true
	}
	if len(text) > 1000 || !isBigDecimalText(text) {
		// NaN, Infinity, a string that is no number — or, a choice of ours, a number text
		// too long to compare cheaply (exact comparison costs n²).
		return decimalValue{}, false
	}
	return decimalValue{text: text}, true
}

// isBigDecimalText reports whether new BigDecimal(s) accepts s:
// [+-] digits [. digits] [e|E [+-] digits], with a digit somewhere before the exponent.
func isBigDecimalText(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && isDigit(s[i]); i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && isDigit(s[i]); i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start := i
		for ; i < len(s) && isDigit(s[i]); i++ {
		}
		if i == start || i-start > 4 {
			return false // exponents past ±9999: a choice, to keep the exact comparison cheap
		}
	}
	return i == len(s)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func (a decimalValue) cmp(b decimalValue) int {
	if a.isInt && b.isInt {
		switch {
		case a.i < b.i:
			return -1
		case a.i > b.i:
			return 1
		}
		return 0
	}
	return a.rat().Cmp(b.rat())
}

func (a decimalValue) rat() *big.Rat {
	if a.isInt {
		return new(big.Rat).SetInt64(a.i)
	}
	mant, exp, _ := strings.Cut(strings.ToLower(a.text), "e")
	r, _ := new(big.Rat).SetString(strings.TrimSuffix(mant, "."))
	if e, _ := strconv.Atoi(exp); e != 0 {
		scale := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(e, -e))), nil))
		if e < 0 {
			r.Quo(r, scale)
		} else {
			r.Mul(r, scale)
		}
	}
	return r
}

// filterParser reads the inside of [?( ... )].
type filterParser struct {
	src  string
	pos  int
	path string
}

func parseFilter(src, path string) (expr, error) {
	p := &filterParser{src: src, path: path}
	e, err := p.or()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(p.src) {
		return nil, p.fail("Space not allowed in path")
	}
	return e, nil
}

func (p *filterParser) fail(msg string) error { return &Error{Path: p.path, Message: msg} }

func (p *filterParser) space() {
	for p.pos < len(p.src) && p.src[p.pos] == ' ' {
		p.pos++
	}
}

func (p *filterParser) eat(s string) bool {
	p.space()
	if strings.HasPrefix(p.src[p.pos:], s) {
		p.pos += len(s)
		return true
	}
	return false
}

func (p *filterParser) or() (expr, error) {
	left, err := p.and()
	for err == nil && p.eat("||") {
		var right expr
		right, err = p.and()
		left = orExpr{left, right}
	}
	return left, err
}

func (p *filterParser) and() (expr, error) {
	left, err := p.unary()
	for err == nil && p.eat("&&") {
		var right expr
		right, err = p.unary()
		left = andExpr{left, right}
	}
	return left, err
}

func (p *filterParser) unary() (expr, error) {
	if p.eat("!") {
		inner, err := p.unary()
		return notExpr{inner}, err
	}
	if p.eat("(") {
		inner, err := p.or()
		if err != nil {
			return nil, err
		}
		if !p.eat(")") {
			return nil, p.fail("Filter is missing a closing parenthesis")
		}
		return inner, nil
	}
	left, err := p.operand()
	if err != nil {
		return nil, err
	}
	for _, op := range []string{"==", "!=", "<=", ">=", "=~", "<", ">"} {
		if !p.eat(op) {
			continue
		}
		p.space()
		if op == "=~" {
			re, err := p.regex()
			return compareExpr{op: op, left: left, right: operand{regex: re}}, err
		}
		right, err := p.operand()
		return compareExpr{op: op, left: left, right: right}, err
	}
	if left.path == nil {
		return nil, p.fail("Filter needs a path to test: " + p.src)
	}
	return existsExpr{left}, nil
}

func (p *filterParser) operand() (operand, error) {
	p.space()
	if p.pos >= len(p.src) {
		return operand{}, p.fail("Filter ends too early: " + p.src)
	}
	switch c := p.src[p.pos]; {
	case c == '@' || c == '$':
		return p.pathOperand()
	case c == '\'' || c == '"':
		end := strings.IndexByte(p.src[p.pos+1:], c)
		if end < 0 {
			return operand{}, p.fail("String literal is not closed: " + p.src)
		}
		s := p.src[p.pos+1 : p.pos+1+end]
		if c == '"' {
			// Jayway 2.0.0 keeps double quotes as part of the text: @.x == "2" never
			// matches 2 or '2'.
			s = p.src[p.pos : p.pos+2+end]
		}
		p.pos += end + 2
		return operand{literal: s}, nil
	}
	start := p.pos
	for p.pos < len(p.src) && !strings.ContainsRune(" =!<>&|()", rune(p.src[p.pos])) {
		p.pos++
	}
	word := p.src[start:p.pos]
	if word == "true" || word == "false" || word == "null" {
		return operand{literal: word}, nil
	}
	if _, err := strconv.ParseFloat(word, 64); err == nil {
		return operand{literal: word}, nil
	}
	return operand{}, p.fail("Space not allowed in path")
}

// pathOperand reads @... or $... up to an operator, a space or a closing parenthesis
// outside brackets.
func (p *filterParser) pathOperand() (operand, error) {
	start := p.pos
	depth, parens := 0, 0
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c == '\'' || c == '"' {
			end := strings.IndexByte(p.src[p.pos+1:], c)
			if end < 0 {
				break
			}
			p.pos += end + 2
			continue
		}
		switch {
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '(':
			parens++ // a function call such as @.title.length(), which names nothing here
		case c == ')' && parens > 0:
			parens--
		case depth == 0 && strings.IndexByte(" =!<>&|)", c) >= 0:
			return p.compileOperand(start)
		}
		p.pos++
	}
	return p.compileOperand(start)
}

func (p *filterParser) compileOperand(start int) (operand, error) {
	text := p.src[start:p.pos]
	path, err := compile(text)
	if err != nil {
		return operand{}, err
	}
	return operand{path: path, rooted: text[0] == '$'}, nil
}

// regex reads /pattern/flags. Java's Pattern flags i, m, s map onto Go's; the match is
// whole-string, as Jayway's Matcher.matches() is. Go's engine has no backtracking, so a
// hostile pattern cannot hang a render (Java constructs such as lookaround do not compile).
func (p *filterParser) regex() (*regexp.Regexp, error) {
	if p.pos >= len(p.src) || p.src[p.pos] != '/' {
		return nil, p.fail("Regex must be written /pattern/: " + p.src)
	}
	end := strings.IndexByte(p.src[p.pos+1:], '/')
	if end < 0 {
		return nil, p.fail("Regex is not closed: " + p.src)
	}
	pattern := p.src[p.pos+1 : p.pos+1+end]
	p.pos += end + 2
	flags := ""
	for p.pos < len(p.src) && strings.IndexByte("imsx", p.src[p.pos]) >= 0 {
		if p.src[p.pos] != 'x' {
			flags += string(p.src[p.pos])
		}
		p.pos++
	}
	if flags != "" {
		pattern = "(?" + flags + ")" + pattern
	}
	re, err := regexp.Compile(`\A(?:` + pattern + `)\z`)
	if err != nil {
		return nil, p.fail("Invalid regex " + pattern + ": " + err.Error())
	}
	return re, nil
}
