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
	left, ok := x.left.value(e, cur)
	if !ok {
		return false
	}
	if x.op == "=~" {
		return x.right.regex != nil && left != nil && x.right.regex.MatchString(jv.ToString(left))
	}
	right, ok := x.right.value(e, cur)
	if !ok {
		return false
	}
	switch x.op {
	case "==":
		return equal(left, right)
	case "!=":
		return !equal(left, right)
	}
	c, ok := order(left, right)
	if !ok {
		return false
	}
	switch x.op {
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
		return o.path.lookup(e.root)
	}
	return o.path.lookup(cur)
}

// number reads v as a number: JSON numbers, and strings that spell one (Jayway converts the
// other side to the left side's type).
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case float64:
		return x, true
	case *big.Int:
		f, _ := new(big.Float).SetInt(x).Float64()
		return f, true
	case *jv.BigDecimal:
		return x.Float64(), true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	}
	return 0, false
}

func isNumber(v any) bool {
	switch v.(type) {
	case int32, int64, float64, *big.Int, *jv.BigDecimal:
		return true
	}
	return false
}

// equal: a number on the left compares numerically; anything else by its string form.
func equal(left, right any) bool {
	if isNumber(left) {
		l, _ := number(left)
		r, ok := number(right)
		return ok && l == r
	}
	if left == nil || right == nil {
		return left == nil && right == nil
	}
	return jv.ToString(left) == jv.ToString(right)
}

// order: numbers compare numerically, strings lexically; other left types do not order.
func order(left, right any) (int, bool) {
	if isNumber(left) {
		l, _ := number(left)
		r, ok := number(right)
		switch {
		case !ok:
			return 0, false
		case l < r:
			return -1, true
		case l > r:
			return 1, true
		}
		return 0, true
	}
	if s, ok := left.(string); ok && right != nil {
		return strings.Compare(s, jv.ToString(right)), true
	}
	return 0, false
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
	switch word {
	case "true":
		return operand{literal: true}, nil
	case "false":
		return operand{literal: false}, nil
	case "null":
		return operand{literal: nil}, nil
	}
	if n, err := strconv.ParseInt(word, 10, 64); err == nil {
		return operand{literal: n}, nil
	}
	if f, err := strconv.ParseFloat(word, 64); err == nil {
		return operand{literal: f}, nil
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
