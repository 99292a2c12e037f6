package vtl

import (
	"strconv"
	"strings"
	"unsafe"

	"github.com/apigw-playground/playground/sim/internal/swar"
	"github.com/apigw-playground/playground/sim/jv"
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
	// afterChain is true right after a reference ending in a property:
	// there "##" is text, not a comment.
	afterChain bool
	// refState is true where Velocity 1.7's lexer is still in its reference state: right
	// after a reference, and after a #set written there (its ")" returns to that state).
	refState bool
	// modBelow is true when a reference or "$" was written right after a property
	// ($a.b$c, $a.b$#end): Velocity's lexer keeps the property state under it and returns
	// there when it ends, so that "(" and "[" after it mean what they mean after $a.b.
	modBelow bool

	// Nodes come from chunks that grow as the template does: few allocations per kind.
	refs     arena[refExpr]
	refNodes arena[refNode]
	texts    arena[textNode]
	consts   arena[constExpr]
	binExprs arena[binExpr]
	ifs      arena[ifNode]
	loops    arena[foreachNode]
	sets     arena[setNode]
	exprs    sliceArena[expr] // #if conditions, call arguments, indexes
	blocks   sliceArena[[]node]
	parts    sliceArena[refPart]
	lists    sliceArena[node]
	stack    []node // nodes of the blocks being parsed
}

// syntaxError aborts parsing; Parse recovers it into an *Error.
type syntaxError struct{ err *Error }

func (p *parser) fail(at int, format string, args ...any) {
	panic(syntaxError{p.t.errorAt(p.base+at, format, args...)})
}

// enter is called for every reference and expression: the failure is a call of its own
// so that enter stays small enough to inline.
func (p *parser) enter(at int) {
	p.depth++
	if p.depth > maxParseDepth {
		p.tooDeep(at)
	}
}

//go:noinline
func (p *parser) tooDeep(at int) {
	p.fail(at, "nesting deeper than %d levels", maxParseDepth)
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

func isIdentStart(c byte) bool { return charClasses[c]&letter != 0 }

// isIdentChar includes '-': Velocity 1.7 reads $foo-bar as one reference.
func isIdentChar(c byte) bool { return charClasses[c]&(letter|digit|dash) != 0 }

func isWordChar(c byte) bool { return charClasses[c]&(letter|digit) != 0 }

// charClasses sorts the bytes identifiers, operators and spaces are made of (letter
// includes '_'): the scanners ask at every character of a name, and one load costs less
// than the comparisons.
var charClasses = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_':
			t[c] = letter
		case c >= '0' && c <= '9':
			t[c] = digit
		case c == '-':
			t[c] = dash
		}
		if strings.IndexByte("|&=!<>+-*/%", byte(c)) >= 0 {
			t[c] |= operatorChar
		}
		if strings.IndexByte(" \t\n\r", byte(c)) >= 0 {
			t[c] |= space
		}
	}
	return t
}()

const (
	letter uint8 = 1 << iota
	digit
	dash
	operatorChar // starts a binary operator's symbol
	space        // the whitespace skipped between the parts of directives and expressions
)

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isDirective reports whether Velocity treats name as a directive; any other #name is text
// (a call of an undefined macro prints its own source on API Gateway). A switch rather than
// a map: hashing the name would cost more. hash switches on the same names.
func isDirective(name string) bool {
	switch name {
	case "set", "if", "elseif", "else", "end", "foreach", "define", "macro", "break", "stop",
		"evaluate", "parse", "include":
		return true
	}
	return false
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

// take returns the text collected so far, as a piece of output (see storeShort): one of
// at most shortText bytes can be read shortText bytes wide from its start. The usual run,
// the template's own text with room after it, is that already; a run at the template's
// end, or one with escapes, is copied into a buffer of that width.
func (a *textRun) take() string {
	t := a.src[a.start:a.end]
	if a.buffered || a.start+shortText > len(a.src) {
		t = a.copied()
	}
	a.start, a.end = 0, 0
	return t
}

// copied is take's text when it is not the template's own with room after it.
//
//go:noinline
func (a *textRun) copied() string {
	if a.buffered {
		a.buffered = false
		return padded(a.buf)
	}
	return padded([]byte(a.src[a.start:a.end]))
}

// padded returns b as a string that can be read shortText bytes wide from its start.
func padded(b []byte) string {
	if len(b) > shortText || len(b) == 0 {
		return string(b)
	}
	buf := make([]byte, shortText)
	copy(buf, b)
	return unsafe.String(&buf[0], len(b))
}

// textEnd is the index of the first '$', '#' or '\\' in src from i on, or len(src): where
// plain text ends. Templates are mostly text, so it looks at eight bytes at a time.
func textEnd(src string, i int) int {
	for ; i+8 <= len(src); i += 8 {
		w := swar.Load8(src, i)
		if m := swar.Marks(w, '$') | swar.Marks(w, '#') | swar.Marks(w, '\\'); m != 0 {
			return i + swar.First(m)
		}
	}
	for i < len(src) && src[i] != '$' && src[i] != '#' && src[i] != '\\' {
		i++
	}
	return i
}

// fuseText adds n to the nodes being parsed after the text collected before it. An #if
// (and a reference, see pushRef) takes that text as its prefix and prints it first: a
// template is mostly text and references taking turns, and one node for both saves a
// dispatch per pair at every render. Before any other node the text is a node of its own.
func (p *parser) fuseText(text *textRun, n node) {
	if n, ok := n.(*ifNode); ok {
		n.prefix = text.take()
	} else {
		p.flushText(text)
	}
	p.stack = append(p.stack, n)
}

// pushRef adds a node printing reference r after the text collected before it (see
// fuseText).
func (p *parser) pushRef(text *textRun, r *refExpr) {
	n := p.refNodes.alloc()
	n.prefix = text.take()
	n.ref = r
	p.stack = append(p.stack, n)
}

// flushText adds the text collected so far as a node of its own.
func (p *parser) flushText(text *textRun) {
	if t := text.take(); t != "" {
		n := p.texts.alloc()
		n.text = t
		p.stack = append(p.stack, n)
	}
}

// endNodes returns the nodes parsed since mark, with the text collected after the last,
// and takes them off the stack. The stale entries above the stack's length point into the
// template being built, so they keep nothing else alive and need no clearing.
func (p *parser) endNodes(mark int, text *textRun) []node {
	p.flushText(text)
	nodes := p.lists.copyOf(p.stack[mark:])
	p.stack = p.stack[:mark]
	return nodes
}

// parseNodes parses template text up to the end or, inside a block, up to the #end,
// #else or #elseif that closes it.
func (p *parser) parseNodes(inBlock bool) ([]node, terminator) {
	mark := len(p.stack)
	text := textRun{src: p.src}
	// prefixed handles a run of "$", "#" and escape prefixes at p.pos (see prefixRun).
	prefixed := func() bool {
		ok, n := p.prefixRun(&text)
		if n != nil {
			p.fuseText(&text, n)
		}
		p.boundary = p.boundary || ok
		return ok
	}
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if p.boundary {
			p.boundary = false
			if (c == ' ' || c == '\t') && p.setIndent() {
				continue
			}
		}
		afterChain := p.afterChain
		if afterChain && c != '#' {
			p.afterChain = false
		}
		switch c {
		case '$':
			p.modBelow = afterChain || p.refState && p.modBelow
			p.refState = false
			if next := p.peek(1); (next == '{' || next == '!') && p.formalAroundReference() {
				p.flushText(&text)
				p.boundary = true
				continue
			}
			if r := p.reference(); r != nil {
				p.pushRef(&text, r)
				p.boundary = true
				if !formalRef(r) {
					if p.modBelow && p.peek(0) == '(' {
						p.afterGluedReference(p.pos)
					}
					p.refState = p.afterReference(lastPart(r), &text)
				} else {
					// "$a.b${c}": the "}" returns to the property state.
					p.afterChain, p.modBelow = p.modBelow, false
				}
				continue
			}
			if prefixed() {
				continue
			}
			at := p.pos
			p.pos++
			bang := p.peek(0) == '!'
			if bang {
				p.pos++
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
			if p.modBelow && p.peek(0) == '}' {
				// "$}" after a property: the "}" ends the "$" and the property state resumes.
				p.pos++
				text.add(at, p.pos)
				p.afterChain = true
				continue
			}
			p.endsInLiteral(at)
			if p.peek(0) == '{' {
				// "${" that starts no reference leaves Velocity 1.7's lexer in its
				// reference state, where "[" is a syntax error.
				if p.peek(1) == '[' {
					p.fail(p.pos+1, "unexpected \"[\" after %s", p.src[at:p.pos+1])
				}
				p.pos++
				text.add(at, p.pos)
				p.refState, p.boundary = true, true
				continue
			}
			switch {
			case !bang:
				text.add(at, at+1)
			case p.peek(0) == '#' && p.peek(1) != '[' && p.peek(1) != '(' || p.peek(0) == '[' || p.peek(0) == '}':
				text.add(at, at+2) // "$!" glued to a token of the reference state keeps its "!"
			default:
				text.add(at, at+1) // Velocity drops the ! of a "$!" that starts no reference
			}
			// A "#**" comment keeps the lexer in the reference state the "$" opened; after a
			// property, the "$" ends and the property state resumes.
			p.refState = strings.HasPrefix(p.src[p.pos:], "#**")
			p.afterChain = p.modBelow
		case '\\':
			p.modBelow = (afterChain || p.refState && p.modBelow) && strings.HasPrefix(strings.TrimLeft(p.src[p.pos:], "\\"), "$")
			p.refState = false
			n := 0
			for p.pos+n < len(p.src) && p.src[p.pos+n] == '\\' {
				n++
			}
			start := p.pos
			if p.peek(n) == '$' && !refStart(p.src[p.pos+n+1:]) {
				if prefixed() {
					continue
				}
			}
			p.pos += n
			switch {
			case p.peek(0) == '$':
				if r := p.reference(); r != nil {
					text.add(start, start+n/2)
					if n%2 == 1 {
						p.fuseText(&text, &escapedRefNode{r.text})
					} else {
						p.pushRef(&text, r)
					}
					p.boundary = true
					if !formalRef(r) {
						p.refState = p.afterReference(lastPart(r), &text)
					} else {
						p.afterChain, p.modBelow = p.modBelow, false
					}
					continue
				}
			case p.peek(0) == '#':
				if name, width := p.directiveName(); isDirective(name) && name != "evaluate" {
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
			if next := p.peek(1); next == '$' || next == '\\' {
				if prefixed() {
					continue
				}
			}
			term, n, litStart := p.hash(inBlock)
			if term.name != "" {
				return p.endNodes(mark, &text), term
			}
			if n != nil {
				p.fuseText(&text, n)
			}
			if litStart >= 0 {
				text.add(litStart, p.litEnd)
			}
		default:
			inMod := afterChain || p.refState && p.modBelow && identRun(p.src[p.pos:]) == 0
			p.modBelow = false
			if inMod && c == '(' {
				p.afterGluedReference(p.pos) // back in the property state, "(" opens arguments
			}
			if inMod {
				if j := identRun(p.src[p.pos:]); j > 0 {
					text.add(p.pos, p.pos+j) // a word in the property state keeps it
					p.pos += j
					p.afterChain, p.boundary = true, true
					continue
				}
			}
			if inMod && c == '{' {
				at := p.pos
				p.refState = p.afterReference(partProperty, &text)
				if p.pos > at {
					continue
				}
			}
			if (p.refState || inMod) && c == '[' {
				p.fail(p.pos, "unexpected \"[\" here (Velocity 1.7 reads it as an index of the reference before)")
			}
			if p.refState && readAfterReference(c) {
				at := p.pos
				p.refState = p.afterReference(partNone, &text)
				if p.pos > at {
					continue
				}
			}
			p.refState = false
			j := textEnd(p.src, p.pos+1)
			text.add(p.pos, j)
			p.pos = j
		}
	}
	return p.endNodes(mark, &text), terminator{}
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
	afterChain, refState := p.afterChain, p.refState
	// A directive after "$a.b$c" returns to the property state when it ends.
	toMod := p.modBelow && (afterChain || refState)
	p.afterChain, p.refState, p.modBelow = false, false, false
	switch p.peek(1) {
	case '#':
		if afterChain && p.afterChainHash() {
			start = p.pos // the first "#" vanished; what follows is a directive or a comment
			if p.peek(1) != '#' {
				break
			}
		} else if afterChain {
			p.pos += 2
			p.litEnd = p.pos
			return terminator{}, nil, start
		}
		// A line comment ends with its line break: "\n", "\r" or "\r\n".
		if j := strings.IndexAny(p.src[p.pos:], "\r\n"); j >= 0 {
			p.pos += j + 1
			if p.src[p.pos-1] == '\r' && p.peek(0) == '\n' {
				p.pos++
			}
		} else {
			p.commentToEnd(start)
		}
		p.boundary = true
		return terminator{}, nil, -1
	case '*':
		if j := strings.Index(p.src[p.pos+2:], "*#"); j >= 0 {
			p.pos += 2 + j + 2
		} else {
			p.commentToEnd(start)
		}
		p.afterChain, p.refState = afterChain, refState
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
			p.refState = refState
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
		if j := digitsToken(p.src[p.pos:]); j > 0 {
			// "#1" is a token of its own: spaces after it before a #set are dropped.
			p.pos += j
			p.boundary = true
		}
		p.litEnd = p.pos
		return terminator{}, nil, start
	}
	p.pos += 1 + width
	// The directives isDirective lists, less #evaluate, in one switch: a directive's name
	// is compared once.
	switch name {
	case "end", "else", "elseif":
		if !inBlock {
			p.fail(start, "#%s without a matching #if, #foreach or #define", name)
		}
		if name != "elseif" {
			p.eatNewline()
		}
		p.boundary = true
		p.afterChain = toMod
		return terminator{name, start}, nil, -1
	case "set":
		n := p.set(start)
		if n == nil {
			p.litEnd = p.pos
			return terminator{}, nil, start
		}
		// The #set's ")" returns to the lexer state it was written in.
		p.refState, p.afterChain = refState, afterChain
		return terminator{}, n, -1
	case "if":
		p.afterChain = toMod // where the body starts
		return terminator{}, p.ifDirective(start), -1
	case "foreach":
		p.afterChain = toMod
		return terminator{}, p.foreach(start), -1
	case "define":
		return terminator{}, p.define(start), -1
	case "macro":
		p.macroDefinition(start)
		return terminator{}, nil, -1
	case "break":
		n := &breakNode{pos: p.base + start}
		argsAt := p.pos
		if args := p.lineDirectiveArgs(start, name); args.n == 1 {
			n.scope = args.values[0]
			n.text = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(p.src[argsAt:p.pos]), ")"))
			n.text = strings.TrimSpace(strings.TrimPrefix(n.text, "("))
		}
		p.boundary = true
		return terminator{}, n, -1
	case "stop":
		p.lineDirectiveArgs(start, name)
		p.boundary = true
		return terminator{}, stopNode{}, -1
	case "parse", "include":
		p.macroCall(start, width)
		p.boundary = true
		return terminator{}, &failNode{p.base + start, "#" + name + " is not supported: API Gateway mapping templates cannot load other templates"}, -1
	}
	// Any other name prints like a call of a macro that does not exist; so does #evaluate:
	// API Gateway has no such directive.
	if p.macroCall(start, width) {
		p.eatNewline() // the line break after a call is a token of its own in Velocity 1.7
	}
	p.litEnd = p.pos
	p.boundary = true
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

// lineDirectiveArgs parses the optional arguments of #break or #stop: Velocity 1.7 looks
// for their "(" past spaces and line breaks, and rejects a bare word among them.
func (p *parser) lineDirectiveArgs(start int, name string) argList {
	i := p.pos
	for i < len(p.src) && (p.src[i] == ' ' || p.src[i] == '\t' || p.src[i] == '\n' || p.src[i] == '\r') {
		i++
	}
	if i == len(p.src) || p.src[i] != '(' {
		return argList{}
	}
	p.pos = i
	args := p.directiveArgs()
	if args.word >= 0 {
		p.fail(start, "Invalid arg #%d in directive #%s", args.word, name)
	}
	return args
}

// argList is what the arguments of a directive or macro call parse to. A value, not a
// slice: no directive reads more than three arguments, and a slice would be an allocation.
type argList struct {
	n      int     // how many arguments there are
	values [3]expr // the first three; nil for a bare word
	word   int     // the index of the first bare word, or -1
}

// directiveArgs parses "(arg arg, arg)" at p.pos as Velocity 1.7 parses the arguments of
// #foreach and of macro calls: words, references and literals separated by spaces or
// commas. Anything else is a syntax error.
func (p *parser) directiveArgs() argList {
	args := argList{word: -1}
	open := p.pos
	p.pos++
	for {
		p.skipSpace()
		var value expr
		switch c := p.peek(0); {
		case c == ')':
			p.pos++
			return args
		case c == ',':
			p.pos++
			continue
		case p.pos >= len(p.src):
			p.fail(open, "unclosed ( : expected )")
		case isIdentStart(c) && !p.literalWord():
			for p.pos < len(p.src) && isWordChar(p.src[p.pos]) {
				p.pos++
			}
			if args.word < 0 {
				args.word = args.n
			}
		default:
			value = p.parameter(false)
		}
		if args.n < len(args.values) {
			args.values[args.n] = value
		}
		args.n++
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
	src, i := p.src, p.pos
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	if i == len(src) {
		return
	}
	switch src[i] {
	case '\n':
		p.pos = i + 1
	case '\r':
		p.pos = i + 1
		if i+1 < len(src) && src[i+1] == '\n' {
			p.pos++
		}
	}
}

// skipSpace skips whitespace, line breaks included, as Velocity does between the parts
// of a directive's arguments.
func (p *parser) skipSpace() {
	src, i := p.src, p.pos
	for i < len(src) && charClasses[src[i]]&space != 0 {
		i++
	}
	p.pos = i
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

// toParen skips the whitespace (line breaks included) between a directive's name and
// its "(", and stops on the "(".
func (p *parser) toParen(name string) {
	p.skipSpace()
	if p.peek(0) != '(' {
		p.fail(p.pos, "expected ( after #%s, found %s", name, p.describe())
	}
}

// openParen consumes the "(" after a directive name.
func (p *parser) openParen(name string) {
	p.toParen(name)
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
	n := p.sets.alloc()
	n.pos, n.target, n.value = p.base+start, target, value
	return n
}

func (p *parser) ifDirective(start int) node {
	p.enter(start)
	defer p.leave()
	n := p.ifs.alloc()
	// The branches gather here and move to the arenas at the end: most #if have one.
	var condBuf [2]expr
	var blockBuf [2][]node
	conds, blocks := condBuf[:0], blockBuf[:0]
	p.openParen("if")
	for {
		cond := p.expression()
		p.expect(')', ") closing the condition")
		p.eatNewline()
		p.boundary = true
		body, term := p.parseNodes(true)
		conds = append(conds, cond)
		blocks = append(blocks, body)
		switch term.name {
		case "":
			p.fail(start, "#if without #end")
		case "end":
			n.conds, n.blocks = p.exprs.copyOf(conds), p.blocks.copyOf(blocks)
			n.loopTest = loopTestOf(conds)
			return n
		case "else":
			body, term := p.parseNodes(true)
			if term.name != "end" {
				if term.name == "" {
					p.fail(start, "#if without #end")
				}
				p.fail(term.pos, "#%s after #else", term.name)
			}
			n.conds, n.blocks, n.elseBlock = p.exprs.copyOf(conds), p.blocks.copyOf(blocks), body
			n.loopTest = loopTestOf(conds)
			return n
		case "elseif":
			p.openParen("elseif")
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
	p.toParen("foreach")
	args := p.directiveArgs()
	p.eatNewline()
	p.boundary = true
	body := p.block(start, "foreach")
	// Velocity 1.7 takes the first and third arguments whatever the second is: it refuses
	// more than three when parsing, renders nothing with two, and fails with fewer only when
	// the loop is rendered. The loop variable is the name of the first argument's first
	// token: $a.b and $a[0] loop over $a, a literal binds a name no reference can spell, and
	// a bare word is a parse error.
	switch {
	case args.n > 0 && args.values[0] == nil: // a bare word
		p.fail(start, "Invalid arg #0 in directive #foreach: the loop variable must be a $name")
	case args.n > 3:
		p.fail(start, "Invalid arg #3 in directive #foreach: #foreach takes ($item in value)")
	case args.n < 2:
		return &failNode{p.base + start, "java.lang.ArrayIndexOutOfBoundsException: Index 2 out of bounds for length " + strconv.Itoa(args.n+1) + " (#foreach takes ($item in value))"}
	case args.n == 2 || args.values[2] == nil:
		return p.loop(start, -1, nil, body)
	}
	slot := -1
	if r, ok := args.values[0].(*refExpr); ok {
		slot = r.slot
	} else {
		slot = p.slot("#foreach " + strconv.Itoa(start)) // not a name a reference can have
	}
	return p.loop(start, slot, args.values[2], body)
}

func (p *parser) define(start int) node {
	p.openParen("define")
	slot := p.loopVariable("#define")
	p.expect(')', ") closing #define")
	p.eatNewline()
	p.boundary = true
	return &defineNode{slot: slot, body: p.block(start, "define")}
}

// macroDefinition parses and drops #macro(...) ... #end: API Gateway disables inline
// macros, so a definition prints nothing and defines nothing.
func (p *parser) macroDefinition(start int) {
	p.toParen("macro")
	p.skipParens(start)
	p.eatNewline()
	p.boundary = true
	p.block(start, "macro")
}

// reference parses $name, $!name, ${name}, $!{name} with its chain at p.pos (which holds
// '$'). It returns nil, consuming nothing, when the text there is not a reference.
func (p *parser) reference() *refExpr {
	src, start := p.src, p.pos
	if start >= len(src) || src[start] != '$' {
		return nil
	}
	i := start + 1
	silent := false
	if i < len(src) && src[i] == '!' {
		silent = true
		i++
	}
	formal := false
	if i < len(src) && src[i] == '{' {
		formal = true
		i++
	}
	if i >= len(src) || !isIdentStart(src[i]) {
		return nil
	}
	j := i + 1
	for j < len(src) && isIdentChar(src[j]) {
		j++
	}
	r := p.refs.alloc() // zeroed: set only what differs
	r.pos, r.silent, r.name = p.base+start, silent, src[i:j]
	r.slot = p.slot(r.name)
	p.pos = j
	p.enter(start)
	r.parts = p.chain()
	if formal {
		if p.peek(0) != '}' {
			p.fail(p.pos, "expected } closing ${%s, found %s", r.name, p.describe())
		}
		p.pos++
	}
	r.text = p.src[start:p.pos]
	r.analyze(p.t)
	p.leave()
	return r
}

// chain parses the properties, method calls and indexes after a reference's name. The
// parts go straight to their arena (see grow): most references have one or two.
func (p *parser) chain() []refPart {
	var parts []refPart
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if n := len(parts); (c == '$' || c == '\\') && n > 0 && parts[n-1].kind == partProperty {
			// Velocity 1.7's lexer glues a "$" run after a property to the next token:
			// "$a.b$(1)" calls b(1) and "$a.b$[0]" indexes $a.b.
			end := p.morePrefix()
			if end > p.pos && end < len(p.src) && (p.src[end] == '[' || p.src[end] == '(' && !(p.top && end+1 == len(p.src))) {
				p.pos = end
				if c = p.src[end]; c == '(' {
					parts[n-1].kind = partMethod
					parts[n-1].args = p.arguments()
					continue
				}
			}
		}
		if c == '.' && p.pos+1 < len(p.src) && isIdentStart(p.src[p.pos+1]) {
			src, i := p.src, p.pos+1
			k := i + 1
			for k < len(src) && isIdentChar(src[k]) {
				k++
			}
			part := refPart{pos: p.base + i, name: src[i:k]}
			p.pos = k
			// A "(" ending the template opens no call: Velocity 1.7 then reads a
			// property and the "(" as text.
			if p.peek(0) == '(' && !(p.top && p.pos+1 == len(p.src)) {
				part.kind = partMethod
				part.args = p.arguments()
			} else {
				part.kind, part.name = partProperty, jv.Intern(part.name)
			}
			parts = p.parts.grow(parts, part)
			continue
		}
		if c == '[' {
			at := p.pos
			p.pos++
			p.skipSpace()
			idx := p.parameter(false)
			p.expect(']', "] closing the index")
			parts = p.parts.grow(parts, refPart{kind: partIndex, pos: p.base + at, args: p.exprs.copyOf([]expr{idx})})
			continue
		}
		break
	}
	return parts[:len(parts):len(parts)]
}
