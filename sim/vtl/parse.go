package vtl

import (
	"strconv"
	"strings"
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

	// Nodes come from chunks that grow as the template does: few allocations per kind.
	refs     arena[refExpr]
	refNodes arena[refNode]
	texts    arena[textNode]
	consts   arena[constExpr]
	binExprs arena[binExpr]
	ifs      arena[ifNode]
	conds    sliceArena[expr]
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

// isDirective reports whether Velocity treats name as a directive; any other #name is text
// (a call of an undefined macro prints its own source on API Gateway). A switch rather than
// a map: it is asked at every '#' of a template, and hashing the name costs more.
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
		afterChain := p.afterChain
		if afterChain && c != '#' {
			p.afterChain = false
		}
		switch c {
		case '$':
			if p.formalAroundReference() {
				flush()
				p.boundary = true
				continue
			}
			if r := p.reference(); r != nil {
				flush()
				p.stack = append(p.stack, p.refNode(r))
				p.boundary = true
				if formal := r.text[1] == '{' || r.text[1] == '!' && r.text[2] == '{'; !formal {
					p.afterReference(r, &text)
				} else if afterChain {
					p.afterFormalInChain()
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
			if strings.HasPrefix(p.src[p.pos:], "#[[") {
				text.add(p.pos+1, p.pos+2) // Velocity 1.7 reads "$#[[x]]#" as "[x"
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
			if p.peek(0) == '$' && p.dropsBeforeDirective(true) {
				continue // "\\$#end": backslashes and "$" vanish before the directive
			}
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
			j := p.pos + 1
			for j < len(p.src) && p.src[j] != '$' && p.src[j] != '#' && p.src[j] != '\\' {
				j++
			}
			text.add(p.pos, j)
			p.pos = j
		}
	}
	flush()
	return done(), terminator{}
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
		if j := digitsToken(p.src[p.pos:]); j > 0 {
			// "#1" is a token of its own: spaces after it before a #set are dropped.
			p.pos += j
			p.boundary = true
		}
		p.litEnd = p.pos
		return terminator{}, nil, start
	}
	if !isDirective(name) {
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
	args := make([]directiveArg, 0, 3) // #foreach($item in $list)
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
	return &setNode{pos: p.base + start, target: target, value: value}
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
			n.conds, n.blocks = p.conds.copyOf(conds), p.blocks.copyOf(blocks)
			return n
		case "else":
			body, term := p.parseNodes(true)
			if term.name != "end" {
				if term.name == "" {
					p.fail(start, "#if without #end")
				}
				p.fail(term.pos, "#%s after #else", term.name)
			}
			n.conds, n.blocks, n.elseBlock = p.conds.copyOf(conds), p.blocks.copyOf(blocks), body
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
	// Velocity 1.7 takes the first and third arguments whatever the second is, fails
	// with fewer than two or more than three, and renders nothing with two.
	if len(args) > 0 {
		if r, ok := args[0].value.(*refExpr); !ok || len(r.parts) > 0 {
			p.fail(start, "Invalid arg #0 in directive #foreach: the loop variable must be a $name")
		}
	}
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
	start := p.pos
	if p.peek(0) != '$' {
		return nil
	}
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
	p.leave()
	return r
}
