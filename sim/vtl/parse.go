package vtl

import (
	"math/big"
	"strconv"
	"strings"
	"unicode/utf16"
)

// MaxTemplateBytes is API Gateway's limit on a mapping template's size (300 KB).
const MaxTemplateBytes = 300 * 1024

// maxParseDepth bounds directive and expression nesting so hostile input such as
// "((((...": an error, never a stack overflow.
const maxParseDepth = 256

// parser reads Velocity 1.7 template syntax straight from the text: the lexical states of
// Velocity's generated lexer become the parser's call stack.
type parser struct {
	src  string
	pos  int
	base int // offset of src inside the template (interpolated strings are parsed apart)
	t    *Template
	// boundary is true right after a construct that ends a Velocity token (a directive,
	// reference, comment, escape) or at the start: there, spaces and tabs in front of a
	// #set belong to the #set token and are dropped, as Velocity 1.7's lexer does.
	boundary bool
	depth    int
	litEnd   int  // end of the literal text hash returned
	top      bool // parsing the template itself, not an interpolated string
	// afterChain is true right after a reference ending in a property or method:
	// there "##" is text, not a comment.
	afterChain bool

	// Nodes come from chunks that grow as the template does: few allocations per kind.
	refs     arena[refExpr]
	refNodes arena[refNode]
	texts    arena[textNode]
	consts   arena[constExpr]
	binExprs arena[binExpr]
	parts    sliceArena[refPart]
	lists    sliceArena[node]
	stack    []node // nodes of the blocks being parsed
}

// sliceArena copies short slices into shared chunks: one allocation for many slices.
type sliceArena[T any] struct{ chunk []T }

func (a *sliceArena[T]) copyOf(xs []T) []T {
	if len(xs) == 0 {
		return nil
	}
	if cap(a.chunk)-len(a.chunk) < len(xs) {
		a.chunk = make([]T, 0, max(min(max(8, 2*cap(a.chunk)), 128), len(xs)))
	}
	start := len(a.chunk)
	a.chunk = append(a.chunk, xs...)
	return a.chunk[start:len(a.chunk):len(a.chunk)]
}

// arena hands out pointers into chunks of T.
type arena[T any] struct{ chunk []T }

func (a *arena[T]) alloc() *T {
	if len(a.chunk) == cap(a.chunk) {
		a.chunk = make([]T, 0, min(max(4, 2*cap(a.chunk)), 64))
	}
	a.chunk = a.chunk[:len(a.chunk)+1]
	return &a.chunk[len(a.chunk)-1]
}

func (p *parser) text(t string) *textNode {
	n := p.texts.alloc()
	n.text = t
	return n
}

func (p *parser) refNode(r *refExpr) *refNode {
	n := p.refNodes.alloc()
	n.ref = r
	return n
}

func (p *parser) constant(v any) *constExpr {
	c := p.consts.alloc()
	c.v = v
	return c
}

// syntaxError aborts parsing; Parse recovers it into an *Error.
type syntaxError struct{ err *Error }

func (p *parser) fail(at int, format string, args ...any) {
	panic(syntaxError{p.t.errorAt(p.base+at, format, args...)})
}

func (p *parser) enter(at int) {
	p.depth++
	if p.depth > maxParseDepth {
		p.fail(at, "nesting deeper than %d levels", maxParseDepth)
	}
}

func (p *parser) leave() { p.depth-- }

// slot returns the variable slot for name, creating it on first use.
func (p *parser) slot(name string) int {
	// Templates use few distinct names: a scan beats a map here.
	for i, n := range p.t.names {
		if n == name {
			return i
		}
	}
	p.t.names = append(p.t.names, name)
	return len(p.t.names) - 1
}

// terminator is a directive that closes the block being parsed.
type terminator struct {
	name string // "", "end", "else", "elseif"
	pos  int
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// isIdentChar includes '-': Velocity 1.7 reads $foo-bar as one reference.
func isIdentChar(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9' || c == '-'
}

func isWordChar(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// directives are the names Velocity treats as directives; any other #name is text (a
// call of an undefined macro prints its own source on API Gateway).
var directives = map[string]bool{
	"set": true, "if": true, "elseif": true, "else": true, "end": true, "foreach": true,
	"define": true, "macro": true, "break": true, "stop": true, "evaluate": true,
	"parse": true, "include": true,
}

func (p *parser) peek(i int) byte {
	if p.pos+i < len(p.src) {
		return p.src[p.pos+i]
	}
	return 0
}

// textRun collects literal text. Most text is one stretch of the source, kept as a
// substring without copying; escapes that drop characters switch to a buffer.
type textRun struct {
	src        string
	start, end int
	buf        []byte
	buffered   bool
}

func (a *textRun) add(i, j int) {
	if i == j {
		return
	}
	if !a.buffered {
		if a.start == a.end {
			a.start, a.end = i, j
			return
		}
		if a.end == i {
			a.end = j
			return
		}
		a.buf = append(a.buf[:0], a.src[a.start:a.end]...)
		a.buffered = true
	}
	a.buf = append(a.buf, a.src[i:j]...)
}

func (a *textRun) take() (string, bool) {
	var t string
	if a.buffered {
		t = string(a.buf)
	} else {
		t = a.src[a.start:a.end]
	}
	a.start, a.end, a.buffered = 0, 0, false
	return t, t != ""
}

// parseNodes parses template text up to the end or, inside a block, up to the #end,
// #else or #elseif that closes it.
func (p *parser) parseNodes(inBlock bool) ([]node, terminator) {
	mark := len(p.stack)
	done := func() []node {
		nodes := p.lists.copyOf(p.stack[mark:])
		clear(p.stack[mark:])
		p.stack = p.stack[:mark]
		return nodes
	}
	text := textRun{src: p.src}
	flush := func() {
		if t, ok := text.take(); ok {
			p.stack = append(p.stack, p.text(t))
		}
	}
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if p.boundary {
			p.boundary = false
			if (c == ' ' || c == '\t') && p.setIndent() {
				continue
			}
		}
		if p.afterChain && c != '#' {
			p.afterChain = false
		}
		switch c {
		case '$':
			if r := p.reference(); r != nil {
				flush()
				p.stack = append(p.stack, p.refNode(r))
				p.boundary = true
				if formal := r.text[1] == '{' || r.text[1] == '!' && r.text[2] == '{'; !formal {
					p.afterReference(r, &text)
				}
				continue
			}
			at := p.pos
			p.pos++
			bang := p.peek(0) == '!'
			if bang {
				p.pos++
			}
			if p.dropsBeforeDirective(true) {
				continue
			}
			if p.peek(0) == '\\' {
				// Backslashes after a literal "$" escape nothing when a reference follows.
				j := p.pos
				for j < len(p.src) && p.src[j] == '\\' {
					j++
				}
				if j < len(p.src) && p.src[j] == '$' {
					text.add(at, j)
					p.pos = j
					continue
				}
			}
			if p.peek(0) == '#' {
				if name, width := p.directiveName(); name != "" {
					// "$#foreach(...)" and other word directives after a "$" are text.
					p.macroCall(p.pos, width)
					text.add(at, p.pos)
					p.boundary = true
					continue
				}
			}
			p.endsInLiteral(at)
			switch {
			case !bang:
				text.add(at, at+1)
			case p.peek(0) == '{' || p.peek(0) == '#':
				text.add(at, at+2)
			default:
				text.add(at, at+1) // Velocity drops the ! of a "$!" that starts no reference
			}
		case '\\':
			n := 0
			for p.pos+n < len(p.src) && p.src[p.pos+n] == '\\' {
				n++
			}
			start := p.pos
			p.pos += n
			switch {
			case p.peek(0) == '$':
				if r := p.reference(); r != nil {
					text.add(start, start+n/2)
					flush()
					if n%2 == 1 {
						p.stack = append(p.stack, &escapedRefNode{r.text})
					} else {
						p.stack = append(p.stack, p.refNode(r))
					}
					p.boundary = true
					continue
				}
			case p.peek(0) == '#':
				if name, width := p.directiveName(); directives[name] && name != "evaluate" {
					if n%2 == 1 {
						text.add(start, start+n/2)
						text.add(p.pos, p.pos+1+width)
						p.pos += 1 + width
					} else if halvesEscapes(name, p.peek(1) == '{') {
						text.add(start, start+n/2)
					} else {
						text.add(start, p.pos)
					}
					p.boundary = true
					continue
				}
			}
			text.add(start, p.pos)
			p.boundary = true
		case '#':
			term, n, litStart := p.hash(inBlock)
			if term.name != "" {
				flush()
				return done(), term
			}
			if n != nil {
				flush()
				p.stack = append(p.stack, n)
			}
			if litStart >= 0 {
				text.add(litStart, p.litEnd)
			}
		default:
			j := strings.IndexAny(p.src[p.pos:], "$#\\")
			if j < 0 {
				j = len(p.src) - p.pos
			}
			text.add(p.pos, p.pos+j)
			p.pos += j
		}
	}
	flush()
	return done(), terminator{}
}

// halvesEscapes reports whether an even run of backslashes before #name prints as half
// as many. In Velocity 1.7 it depends on the token: #if, #elseif, #else and #end (either
// form) and the plain #foreach-style words halve; #set and the braced #{foreach}-style
// words keep every backslash.
func halvesEscapes(name string, braced bool) bool {
	switch name {
	case "if", "elseif", "else", "end":
		return true
	case "set":
		return false
	}
	return !braced
}

// dropsBeforeDirective reports whether a literal "$", "$!" or "#" ending at p.pos
// vanishes, as Velocity 1.7's lexer loses it: right before a directive, or before spaces
// and a #set(.
func (p *parser) dropsBeforeDirective(dollar bool) bool {
	if dollar {
		// Any run of "$", "$!" and backslashes ending in #set, #if, #elseif, #else or
		// #end vanishes (those are tokens of their own in Velocity's lexer).
		i := p.pos
		for i < len(p.src) && (p.src[i] == '$' || p.src[i] == '!' || p.src[i] == '\\') {
			i++
		}
		if i < len(p.src) && p.src[i] == '#' {
			save := p.pos
			p.pos = i
			name, _ := p.directiveName()
			p.pos = save
			switch name {
			case "set", "if", "elseif", "else", "end":
				return true
			}
		}
	}
	i := p.pos
	for i < len(p.src) && (p.src[i] == ' ' || p.src[i] == '\t') {
		i++
	}
	if i == p.pos || !setAhead(p.src[i:]) {
		return false
	}
	p.pos = i
	return true
}

// afterReference mimics how Velocity 1.7's lexer, still in its reference state, reads
// text right after a reference $a.b...: "##" after a property is text; a word after a
// method call is text but a ".word" after it vanishes; "{word}" reads as "{".
func (p *parser) afterReference(r *refExpr, text *textRun) {
	last := partKind(255)
	if n := len(r.parts); n > 0 {
		last = r.parts[n-1].kind
	}
	p.afterChain = last == partProperty
	if last == partMethod {
		if j := identRun(p.src[p.pos:]); j > 0 {
			text.add(p.pos, p.pos+j)
			p.pos += j
			for p.peek(0) == '.' {
				k := identRun(p.src[p.pos+1:])
				if k == 0 {
					break
				}
				p.pos += 1 + k
			}
			return
		}
	}
	if p.peek(0) == '}' {
		// A "}" after a reference is a token of its own: spaces after it before a #set
		// are dropped.
		text.add(p.pos, p.pos+1)
		p.pos++
		return
	}
	if p.peek(0) == '{' && p.peek(1) == '$' && p.peek(2) != '{' && !(p.peek(2) == '!' && p.peek(3) == '{') {
		// "{$ref}" right after a reference reads as "{"; without the "}" it is an error.
		at := p.pos
		p.pos++
		if r := p.reference(); r == nil || p.peek(0) != '}' {
			p.fail(at, "expected } after {$")
		}
		p.pos++
		text.add(at, at+1)
		p.boundary = false
		return
	}
	if p.peek(0) == '{' && isIdentStart(p.peek(1)) {
		j := bracedWord(p.src[p.pos:])
		if j == 0 {
			p.fail(p.pos, "expected } after {%s", p.src[p.pos+1:p.pos+1+identRun(p.src[p.pos+1:])])
		}
		text.add(p.pos, p.pos+1)
		p.pos += j
		p.boundary = false
	}
}

// identRun returns the length of the identifier at the start of s, or 0.
func identRun(s string) int {
	if s == "" || !isIdentStart(s[0]) {
		return 0
	}
	i := 1
	for i < len(s) && isIdentChar(s[i]) {
		i++
	}
	return i
}

// bracedWord returns the length of a "{word}" at the start of s, or 0.
func bracedWord(s string) int {
	if len(s) < 3 || s[0] != '{' || !isIdentStart(s[1]) {
		return 0
	}
	i := 2
	for i < len(s) && isIdentChar(s[i]) {
		i++
	}
	if i < len(s) && s[i] == '}' {
		return i + 1
	}
	return 0
}

// endsInLiteral fails when a literal "$", "$!" or "#" starting at `at` ends the whole
// template: Velocity 1.7's lexer stops with an error there.
func (p *parser) endsInLiteral(at int) {
	if p.top && p.pos >= len(p.src) {
		p.fail(at, "the template cannot end with %q (Velocity reads it as the start of a reference or directive)", p.src[at:])
	}
}

// setAhead reports whether rest starts with a #set directive and its parenthesis.
func setAhead(rest string) bool {
	if strings.HasPrefix(rest, "#{set}") {
		rest = rest[6:]
	} else if strings.HasPrefix(rest, "#set") {
		rest = rest[4:]
	} else {
		return false
	}
	rest = strings.TrimLeft(rest, " \t")
	return strings.HasPrefix(rest, "(")
}

// setIndent skips the spaces and tabs in front of a #set at a token boundary.
func (p *parser) setIndent() bool {
	i := p.pos
	for i < len(p.src) && (p.src[i] == ' ' || p.src[i] == '\t') {
		i++
	}
	if setAhead(p.src[i:]) {
		p.pos = i
		return true
	}
	return false
}

// directiveName reads the name after '#' at p.pos: #name or #{name}. width counts the
// characters after '#'.
func (p *parser) directiveName() (name string, width int) {
	i := p.pos + 1
	if i < len(p.src) && p.src[i] == '{' {
		j := i + 1
		for j < len(p.src) && isWordChar(p.src[j]) {
			j++
		}
		if j < len(p.src) && p.src[j] == '}' && j > i+1 && isIdentStart(p.src[i+1]) {
			return p.src[i+1 : j], j + 1 - (p.pos + 1)
		}
		return "", 0
	}
	if i >= len(p.src) || !isIdentStart(p.src[i]) {
		return "", 0
	}
	j := i
	for j < len(p.src) && isWordChar(p.src[j]) {
		j++
	}
	return p.src[i:j], j - i
}

// hash handles text starting with '#': a comment, an unparsed block, a directive, or a
// literal '#'. It returns a block terminator, a node, or the start of literal text that
// ends at p.litEnd (-1 for none).
func (p *parser) hash(inBlock bool) (terminator, node, int) {
	start := p.pos
	afterChain := p.afterChain
	p.afterChain = false
	switch p.peek(1) {
	case '#':
		if afterChain {
			p.pos += 2
			p.litEnd = p.pos
			return terminator{}, nil, start
		}
		if j := strings.IndexByte(p.src[p.pos:], '\n'); j >= 0 {
			p.pos += j + 1
		} else {
			p.pos = len(p.src)
		}
		p.boundary = true
		return terminator{}, nil, -1
	case '*':
		if j := strings.Index(p.src[p.pos+2:], "*#"); j >= 0 {
			p.pos += 2 + j + 2
		} else {
			p.pos = len(p.src)
		}
		p.afterChain = afterChain
		p.boundary = true
		return terminator{}, nil, -1
	case '[':
		if p.peek(2) == '[' {
			j := strings.Index(p.src[p.pos+3:], "]]#")
			if j < 0 {
				p.fail(start, "unterminated #[[ block: expected ]]#")
			}
			lit := p.pos + 3
			p.litEnd = p.pos + 3 + j
			p.pos += 3 + j + 3
			p.boundary = true
			return terminator{}, nil, lit
		}
	}
	name, width := p.directiveName()
	if name == "" {
		p.pos++
		if p.dropsBeforeDirective(false) {
			return terminator{}, nil, -1
		}
		p.endsInLiteral(start)
		p.litEnd = p.pos
		return terminator{}, nil, start
	}
	if !directives[name] {
		if p.macroCall(start, width) {
			// The line break after a call is a token of its own in Velocity 1.7.
			save := p.pos
			p.eatNewline()
			p.litEnd = p.pos
			if p.pos == save {
				p.litEnd = save
			}
		} else {
			p.litEnd = p.pos
		}
		p.boundary = true
		return terminator{}, nil, start
	}
	p.pos += 1 + width
	switch name {
	case "end", "else", "elseif":
		if !inBlock {
			p.fail(start, "#%s without a matching #if, #foreach or #define", name)
		}
		if name != "elseif" {
			p.eatNewline()
		}
		p.boundary = true
		return terminator{name, start}, nil, -1
	case "set":
		n := p.set(start)
		if n == nil {
			p.litEnd = p.pos
			return terminator{}, nil, start
		}
		return terminator{}, n, -1
	case "if":
		return terminator{}, p.ifDirective(start), -1
	case "foreach":
		return terminator{}, p.foreach(start), -1
	case "define":
		return terminator{}, p.define(start), -1
	case "macro":
		p.macroDefinition(start)
		return terminator{}, nil, -1
	case "break":
		n := &breakNode{}
		if p.peek(0) == '(' {
			args := p.directiveArgs()
			if len(args) == 1 && args[0].value != nil {
				n.scope = args[0].value
			}
		}
		p.boundary = true
		return terminator{}, n, -1
	case "stop":
		p.boundary = true
		return terminator{}, stopNode{}, -1
	case "parse", "include":
		p.pos = start
		p.macroCall(start, width)
		p.boundary = true
		return terminator{}, &unsupportedNode{p.base + start, name}, -1
	}
	// #evaluate: API Gateway has no such directive, so it prints like any unknown call.
	p.macroCall(start, width)
	p.litEnd = p.pos
	return terminator{}, nil, start
}

// macroCall consumes #name or #name(args) of a macro that does not exist; its source
// text is what API Gateway prints for it.
func (p *parser) macroCall(start, width int) (withArgs bool) {
	p.pos = start + 1 + width
	i := p.pos
	for i < len(p.src) && (p.src[i] == ' ' || p.src[i] == '\t' || p.src[i] == '\n' || p.src[i] == '\r') {
		i++
	}
	if i < len(p.src) && p.src[i] == '(' {
		p.pos = i
		p.directiveArgs()
		return true
	}
	return false
}

// directiveArg is one argument of a directive or macro call: a bare word or a value.
type directiveArg struct {
	word  string
	value expr
}

// directiveArgs parses "(arg arg, arg)" at p.pos as Velocity 1.7 parses the arguments of
// #foreach and of macro calls: words, references and literals separated by spaces or
// commas. Anything else is a syntax error.
func (p *parser) directiveArgs() []directiveArg {
	open := p.pos
	p.pos++
	var args []directiveArg
	for {
		p.skipSpace()
		switch c := p.peek(0); {
		case c == ')':
			p.pos++
			return args
		case c == ',':
			p.pos++
		case p.pos >= len(p.src):
			p.fail(open, "unclosed ( : expected )")
		case isIdentStart(c) && !p.literalWord():
			j := p.pos
			for j < len(p.src) && isWordChar(p.src[j]) {
				j++
			}
			args = append(args, directiveArg{word: p.src[p.pos:j]})
			p.pos = j
		default:
			args = append(args, directiveArg{value: p.parameter(false)})
		}
	}
}

// literalWord reports whether the word at p.pos is true or false.
func (p *parser) literalWord() bool {
	for _, w := range [...]string{"true", "false"} {
		if strings.HasPrefix(p.src[p.pos:], w) && (p.pos+len(w) == len(p.src) || !isWordChar(p.src[p.pos+len(w)])) {
			return true
		}
	}
	return false
}

// skipParens consumes a balanced (...) group, stepping over string literals.
func (p *parser) skipParens(start int) {
	depth := 0
	for p.pos < len(p.src) {
		switch c := p.src[p.pos]; c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				p.pos++
				return
			}
		case '"', '\'':
			j := strings.IndexByte(p.src[p.pos+1:], c)
			if j < 0 {
				p.fail(p.pos, "unterminated string literal")
			}
			p.pos += j + 1
		}
		p.pos++
	}
	p.fail(start, "unclosed ( : expected )")
}

// eatNewline drops spaces and tabs and the line break after a directive, only when the
// line ends there: Velocity 1.7's directive tokens include them.
func (p *parser) eatNewline() {
	i := p.pos
	for i < len(p.src) && (p.src[i] == ' ' || p.src[i] == '\t') {
		i++
	}
	switch {
	case strings.HasPrefix(p.src[i:], "\r\n"):
		p.pos = i + 2
	case i < len(p.src) && (p.src[i] == '\n' || p.src[i] == '\r'):
		p.pos = i + 1
	}
}

// skipSpace skips whitespace, line breaks included, as Velocity does between the parts
// of a directive's arguments.
func (p *parser) skipSpace() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) expect(c byte, what string) {
	p.skipSpace()
	if p.peek(0) != c {
		p.fail(p.pos, "expected %s, found %s", what, p.describe())
	}
	p.pos++
}

// describe names what is at p.pos for an error message.
func (p *parser) describe() string {
	if p.pos >= len(p.src) {
		return "end of template"
	}
	r := p.src[p.pos:]
	if len(r) > 12 {
		r = r[:12] + "…"
	}
	return strconv.Quote(r)
}

// openParen consumes the '(' after a directive name.
func (p *parser) openParen(name string, spacesOnly bool) {
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c == ' ' || c == '\t' || !spacesOnly && (c == '\n' || c == '\r') {
			p.pos++
			continue
		}
		break
	}
	if p.peek(0) != '(' {
		p.fail(p.pos, "expected ( after #%s, found %s", name, p.describe())
	}
	p.pos++
}

func (p *parser) set(start int) node {
	i := p.pos
	for i < len(p.src) && (p.src[i] == ' ' || p.src[i] == '\t') {
		i++
	}
	if i >= len(p.src) || p.src[i] != '(' {
		// "#set" not followed by "(" is text in Velocity.
		return nil
	}
	p.pos = i + 1
	p.skipSpace()
	if p.peek(0) != '$' {
		p.fail(p.pos, "#set needs a reference on the left, found %s", p.describe())
	}
	target := p.reference()
	if target == nil {
		p.fail(p.pos, "#set needs a reference on the left, found %s", p.describe())
	}
	if n := len(target.parts); n > 0 && target.parts[n-1].kind == partMethod {
		p.fail(target.parts[n-1].pos-p.base, "cannot assign to a method call in #set")
	}
	p.expect('=', "= in #set")
	value := p.expression()
	p.expect(')', ") closing #set")
	p.eatNewline()
	p.boundary = true
	return &setNode{pos: p.base + start, target: target, value: value}
}

func (p *parser) ifDirective(start int) node {
	p.enter(start)
	defer p.leave()
	n := &ifNode{}
	p.openParen("if", false)
	for {
		cond := p.expression()
		p.expect(')', ") closing the condition")
		p.eatNewline()
		p.boundary = true
		body, term := p.parseNodes(true)
		n.conds = append(n.conds, cond)
		n.blocks = append(n.blocks, body)
		switch term.name {
		case "":
			p.fail(start, "#if without #end")
		case "end":
			return n
		case "else":
			body, term := p.parseNodes(true)
			if term.name != "end" {
				if term.name == "" {
					p.fail(start, "#if without #end")
				}
				p.fail(term.pos, "#%s after #else", term.name)
			}
			n.elseBlock = body
			return n
		case "elseif":
			p.openParen("elseif", false)
		}
	}
}

// block parses the body of #foreach, #define or #macro up to its #end.
func (p *parser) block(start int, name string) []node {
	p.enter(start)
	defer p.leave()
	body, term := p.parseNodes(true)
	switch term.name {
	case "end":
		return body
	case "":
		p.fail(start, "#%s without #end", name)
	}
	p.fail(term.pos, "#%s inside #%s: expected #end", term.name, name)
	return nil
}

// loopVariable reads the $name of #foreach or #define.
func (p *parser) loopVariable(what string) int {
	p.skipSpace()
	at := p.pos
	r := p.reference()
	if r == nil || len(r.parts) > 0 {
		p.fail(at, "%s needs a plain $name, found %s", what, p.describe())
	}
	return r.slot
}

func (p *parser) foreach(start int) node {
	p.openParen("foreach", false)
	p.pos--
	args := p.directiveArgs()
	p.eatNewline()
	p.boundary = true
	body := p.block(start, "foreach")
	// Velocity 1.7 takes the first and third arguments whatever the second is, fails
	// with fewer than two or more than three, and renders nothing with two.
	switch {
	case len(args) > 3:
		p.fail(start, "#foreach takes ($item in value): too many arguments")
	case len(args) < 2:
		p.fail(start, "#foreach takes ($item in value): missing arguments")
	case len(args) == 2 || args[2].value == nil:
		return &foreachNode{pos: p.base + start, slot: -1, body: body}
	}
	r, ok := args[0].value.(*refExpr)
	if !ok || len(r.parts) > 0 {
		return &foreachNode{pos: p.base + start, slot: -1, body: body}
	}
	return &foreachNode{pos: p.base + start, slot: r.slot, iterable: args[2].value, body: body}
}

func (p *parser) define(start int) node {
	p.openParen("define", false)
	slot := p.loopVariable("#define")
	p.expect(')', ") closing #define")
	p.eatNewline()
	p.boundary = true
	return &defineNode{slot: slot, body: p.block(start, "define")}
}

// macroDefinition parses and drops #macro(...) ... #end: API Gateway disables inline
// macros, so a definition prints nothing and defines nothing.
func (p *parser) macroDefinition(start int) {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t' || p.src[p.pos] == '\n' || p.src[p.pos] == '\r') {
		p.pos++
	}
	if p.peek(0) != '(' {
		p.fail(p.pos, "expected ( after #macro, found %s", p.describe())
	}
	p.skipParens(start)
	p.eatNewline()
	p.boundary = true
	p.block(start, "macro")
}

// reference parses $name, $!name, ${name}, $!{name} with its chain at p.pos (which holds
// '$'). It returns nil, consuming nothing, when the text there is not a reference.
func (p *parser) reference() *refExpr {
	start := p.pos
	i := p.pos + 1
	silent := false
	if i < len(p.src) && p.src[i] == '!' {
		silent = true
		i++
	}
	formal := false
	if i < len(p.src) && p.src[i] == '{' {
		formal = true
		i++
	}
	if i >= len(p.src) || !isIdentStart(p.src[i]) {
		return nil
	}
	j := i
	for j < len(p.src) && isIdentChar(p.src[j]) {
		j++
	}
	r := p.refs.alloc()
	*r = refExpr{pos: p.base + start, silent: silent, name: p.src[i:j]}
	r.slot = p.slot(r.name)
	p.pos = j
	p.enter(start)
	defer p.leave()
	var buf [4]refPart
	parts := buf[:0]
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c == '.' && p.pos+1 < len(p.src) && isIdentStart(p.src[p.pos+1]) {
			k := p.pos + 1
			for k < len(p.src) && isIdentChar(p.src[k]) {
				k++
			}
			part := refPart{pos: p.base + p.pos + 1, name: p.src[p.pos+1 : k]}
			p.pos = k
			if p.peek(0) == '(' {
				part.kind = partMethod
				part.args = p.arguments()
			} else {
				part.kind = partProperty
				part.names = gettersFor(part.name)
			}
			parts = append(parts, part)
			continue
		}
		if c == '[' {
			at := p.pos
			p.pos++
			p.skipSpace()
			idx := p.parameter(false)
			p.expect(']', "] closing the index")
			parts = append(parts, refPart{kind: partIndex, pos: p.base + at, args: []expr{idx}})
			continue
		}
		break
	}
	if len(parts) > 0 {
		r.parts = p.parts.copyOf(parts)
	}
	if formal {
		if p.peek(0) != '}' {
			p.fail(p.pos, "expected } closing ${%s, found %s", r.name, p.describe())
		}
		p.pos++
	}
	r.text = p.src[start:p.pos]
	return r
}

// arguments parses a method call's (arg, arg) at p.pos.
func (p *parser) arguments() []expr {
	open := p.pos
	p.pos++
	p.skipSpace()
	var args []expr
	if p.peek(0) == ')' {
		p.pos++
		return args
	}
	for {
		p.skipSpace()
		args = append(args, p.parameter(true))
		p.skipSpace()
		switch p.peek(0) {
		case ',':
			p.pos++
		case ')':
			p.pos++
			return args
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
		y := p.binary(o.level + 1)
		b := p.binExprs.alloc()
		*b = binExpr{pos: p.base + at, op: o.op, x: x, y: y}
		x = b
	}
}

// operator consumes the binary operator at p.pos, if any.
func (p *parser) operator() *operatorSpec {
	rest := p.src[p.pos:]
	if rest == "" {
		return nil
	}
	switch c := rest[0]; {
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
	}
	for i := range operators {
		o := &operators[i]
		if strings.HasPrefix(rest, o.sym) {
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
		x := p.expression()
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
	case c == '$':
		if r := p.reference(); r != nil {
			return r
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
	if p.peek(0) == ']' {
		p.pos++
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
