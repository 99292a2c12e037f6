package vtl

import "strings"

// Velocity 1.7 tokenizes templates with a generated lexer whose states leak into what
// a template prints: whitespace before #set, a "$" before a directive, escapes before
// some directives, text right after a method call or a property. API Gateway prints what
// that lexer produces, so these functions reproduce it, each checked against the oracle
// (testdata/cases.txt, lexquirks_test.go and testdata/vtl/hand-lexer.jsonl). The parser
// tracks three of the lexer's states: the reference state after $a.b() (refState), the
// property state after $a.b (afterChain) and a property state saved under a reference
// glued to it (modBelow).

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

// dropsBeforeDirective reports whether a literal "$" run (dollar) or "#" ending at p.pos
// vanishes, as Velocity 1.7's lexer loses it: a "$" run right before #set, #if, #elseif,
// #else or #end (tokens of their own there), either before spaces and a #set(. The
// spaces go too.
func (p *parser) dropsBeforeDirective(dollar bool) bool {
	if dollar && p.peek(0) == '#' {
		switch name, _ := p.directiveName(); name {
		case "set":
			if setAhead(p.src[p.pos:]) {
				return true
			}
		case "if", "elseif", "else", "end":
			return true
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

// partNone stands for the last part of a reference that has none.
const partNone = partKind(255)

// lastPart returns the kind of r's last part, or partNone.
func lastPart(r *refExpr) partKind {
	if n := len(r.parts); n > 0 {
		return r.parts[n-1].kind
	}
	return partNone
}

// formalRef reports whether r is written ${...} or $!{...}.
func formalRef(r *refExpr) bool {
	return r.text[1] == '{' || r.text[1] == '!' && r.text[2] == '{'
}

// afterReference mimics how Velocity 1.7's lexer, still in its reference state, reads
// text right after a reference $a.b... (last is the kind of its last part, or
// partNone): "##" after a property is text; a word is text, and a chain after the word
// (".name", ".name(...)", "[...]") is parsed and vanishes; "{word}" reads as "{". It
// reports whether the lexer is still in its reference state afterwards.
func (p *parser) afterReference(last partKind, text *textRun) bool {
	if !readAfterReference(p.peek(0)) {
		// The usual case, text such as a quote or a line break: nothing below applies.
		p.afterChain = last == partProperty
		return true
	}
	for {
		j := identRun(p.src[p.pos:])
		if j == 0 {
			break
		}
		text.add(p.pos, p.pos+j)
		p.pos += j
		last = partNone
		if parts := p.chain(); len(parts) > 0 {
			last = parts[len(parts)-1].kind
		}
	}
	p.afterChain = last == partProperty
	for p.peek(0) == '{' && (p.peek(1) == '{' || p.peek(1) == ' ' || p.peek(1) == '\t') {
		// "{" is a token of its own in the reference state, which goes on after it.
		text.add(p.pos, p.pos+1)
		p.pos++
		p.boundary = true
	}
	if p.peek(0) == '{' && p.peek(1) == '[' {
		p.fail(p.pos+1, "unexpected \"[\" after %s{ (Velocity 1.7 reads it as an index)", p.src[max(p.pos-8, 0):p.pos])
	}
	if p.afterChain && p.peek(0) == '{' && p.peek(1) == '(' {
		p.afterGluedReference(p.pos + 1) // "$a.b{(": the "(" opens arguments there too
	}
	if p.peek(0) == '}' {
		// A "}" after a reference is a token of its own: spaces after it before a #set
		// are dropped.
		text.add(p.pos, p.pos+1)
		p.pos++
		p.afterChain = false
		return false
	}
	if last == partProperty && p.peek(0) == '{' && p.peek(1) == '$' && p.peek(2) == '{' {
		// "$a.b{${c}": the "{" keeps the property state the formal reference returns to.
		text.add(p.pos, p.pos+1)
		p.pos++
		return false
	}
	if d := skipBackslashes(p.src, p.pos+1); p.peek(0) == '{' && d < len(p.src) && p.src[d] == '$' &&
		identRun(strings.TrimPrefix(p.src[d+1:], "!")) > 0 {
		// "{$ref}" (or "{\\$ref}") right after a reference reads as "{"; without the "}"
		// it is an error.
		at := p.pos
		p.pos = d
		if r := p.reference(); r == nil || p.peek(0) != '}' {
			p.fail(at, "expected } after {$")
		}
		p.pos++
		text.add(at, at+1)
		p.boundary, p.afterChain = false, false
		return false
	}
	if p.peek(0) == '{' && isIdentStart(p.peek(1)) {
		j := bracedWord(p.src[p.pos:])
		if j == 0 {
			p.fail(p.pos, "expected } after {%s", p.src[p.pos+1:p.pos+1+identRun(p.src[p.pos+1:])])
		}
		text.add(p.pos, p.pos+1)
		p.pos += j
		p.boundary, p.afterChain = false, false
		return false
	}
	return true
}

// readAfterReference reports whether c starts text that Velocity 1.7's lexer reads its
// own way right after a reference (see afterReference): a word, "{" or "}".
func readAfterReference(c byte) bool { return c == '{' || c == '}' || isIdentStart(c) }

// digitsToken returns the length of a run of digits at the start of s that is not
// followed by an identifier character, or 0.
func digitsToken(s string) int {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i < len(s) && isIdentChar(s[i]) {
		return 0
	}
	return i
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

// formalAroundReference consumes "${$ref}" or "$!{$ref}", also with "$", "$!" or
// backslash-dollar prefixes before the inner reference ("${$!ref}", "${\\$ref}"): Velocity
// 1.7 parses it and prints nothing; without the closing "}" it is a syntax error.
func (p *parser) formalAroundReference() bool {
	at := p.pos
	i := at + 1
	if i < len(p.src) && p.src[i] == '!' {
		i++
	}
	if i+1 >= len(p.src) || p.src[i] != '{' {
		return false
	}
	p.pos = i + 1
	end := p.morePrefix()
	if inner := strings.TrimPrefix(p.src[min(end+1, len(p.src)):], "!"); end == len(p.src) || p.src[end] != '$' ||
		inner == "" || !isIdentStart(inner[0]) || strings.IndexByte(p.src[i:end], '#') >= 0 {
		p.pos = at
		return false
	}
	p.pos = end
	if p.reference() == nil || p.peek(0) != '}' {
		p.fail(at, "expected } closing %s", p.src[at:i+1])
	}
	p.pos++
	return true
}

// morePrefix returns the end of the run of characters from p.pos that Velocity 1.7's
// lexer reads as prefixes of whatever token comes next (its MORE rules): "$", "$!",
// backslashes ending in "$", and a "#" that starts no comment, block or directive. The
// run stops before a "$" that starts a reference.
func (p *parser) morePrefix() int {
	i := p.pos
	for i < len(p.src) {
		switch p.src[i] {
		case '\\':
			j := skipBackslashes(p.src, i)
			if j == len(p.src) || p.src[j] != '$' {
				return i
			}
			i = j
		case '$':
			if refStart(p.src[i+1:]) {
				return i
			}
			i++
			if i < len(p.src) && p.src[i] == '!' {
				i++
			}
		case '#':
			if i+1 == len(p.src) {
				return i
			}
			switch c := p.src[i+1]; {
			case c == '#' || c == '*' || c == '[' || c == '{' || isIdentStart(c):
				return i
			}
			i++
		default:
			return i
		}
	}
	return i
}

// refStart reports whether s (the text after a "$") starts a reference: name, !name,
// {name} or !{name}.
func refStart(s string) bool {
	s = strings.TrimPrefix(s, "!")
	s = strings.TrimPrefix(s, "{")
	return s != "" && isIdentStart(s[0])
}

// prefixRun handles a run of "$", "$!", "#" and backslash-dollar prefixes at p.pos by
// what follows it, as Velocity 1.7 does: Velocity glues the run to the next token, and
// whether it prints depends on that token. It vanishes before #if, #elseif, #else, #end
// or #set (also after spaces), before a "#*" comment (not "#**") and before escape
// backslashes; in front of a reference it prints as it stands, except that leading
// backslashes escape the reference (an odd run then prints only the reference's source).
// It returns false, consuming nothing, when none of these follow; a node to add is
// returned for an escaped reference.
func (p *parser) prefixRun(text *textRun) (bool, node) {
	start := p.pos
	end := p.morePrefix()
	if end == start {
		return false, nil
	}
	rest := p.src[end:]
	switch {
	case rest != "" && rest[0] == '[' && (p.src[start] == '\\' || strings.IndexByte(p.src[start:end], '#') >= 0):
		p.fail(start, "unexpected %q (Velocity 1.7 reads the \"[\" as an index)", p.src[start:end+1])
	case strings.HasPrefix(rest, "#[["):
		// Velocity prints a #[[...]]# block as its token's text less three characters at
		// each end, and the token includes the run: "$#[[x]]#" prints "[x".
		text.add(start+3, end+3)
		p.pos = end
		p.refState = true // hash keeps it past the block
		return true, nil
	case strings.HasPrefix(rest, "#*") && !strings.HasPrefix(rest, "#**"):
		p.pos = end
		return true, nil
	case rest != "" && rest[0] == '\\':
		j := 0
		for j < len(rest) && rest[j] == '\\' {
			j++
		}
		if j >= 2 || j < len(rest) && rest[j] == '#' && identRun(rest[j+1:]) > 0 {
			p.pos = end
			return true, nil
		}
		return false, nil
	case rest != "" && rest[0] == '$':
		escapes := 0
		for p.src[start+escapes] == '\\' {
			escapes++
		}
		if escapes == 0 && p.src[end-1] != '!' && strings.IndexByte(p.src[start:end], '#') < 0 {
			return false, nil // "$$a": a literal "$" and a reference, the ordinary way
		}
		p.pos = end
		if escapes%2 == 1 {
			r := p.reference()
			return true, &escapedRefNode{r.text}
		}
		text.add(start, start+escapes/2)
		text.add(start+escapes, end)
		return true, nil
	}
	if run := p.src[start:end]; run[len(run)-1] == '#' && strings.Contains(run, "$!") && end < len(p.src) &&
		!isIdentChar(p.src[end]) {
		// A run ending in a "#" that starts nothing prints without the "!" of its "$!"s:
		// "$!# " prints "$# " (but "$!#x" stays as written).
		for i := start; i < end; {
			j := strings.Index(p.src[i:end], "$!")
			if j < 0 {
				text.add(i, end)
				break
			}
			text.add(i, i+j+1)
			i += j + 2
		}
		p.pos = end
		return true, nil
	}
	save := p.pos
	p.pos = end
	if p.dropsBeforeDirective(true) {
		// A run ending in "$" leaves Velocity's lexer in its reference state.
		p.refState = p.src[end-1] == '$' || p.src[end-1] == '!'
		return true, nil
	}
	if dollars := strings.TrimLeft(p.src[start:end], "\\"); p.src[start] == '\\' && end < len(p.src) &&
		len(dollars) >= 2 && strings.Trim(dollars, "$") == "" {
		text.add(start, end-1) // "\\$$ " prints "\\$ ": Velocity loses the last "$"
		return true, nil
	}
	p.pos = save
	return false, nil
}

// afterGluedReference fails where Velocity 1.7 does after "$a.b$c(": a reference glued
// to a property leaves the lexer reading method arguments from that "(" on, and there
// spaces, line breaks, ")", "," and ":" cannot be template text. Words, references and
// directives in between keep that state; anything else ends it.
func (p *parser) afterGluedReference(open int) {
	i := open + 1
	for i < len(p.src) {
		switch c := p.src[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ')' || c == ',' || c == ':' || c == '}':
			p.fail(i, "unexpected %q after %s (Velocity 1.7 reads it as a method argument)", c, p.src[open:i])
		case isWordChar(c) || c == '.' && i+1 < len(p.src) && isIdentStart(p.src[i+1]):
			i++
		case c == '\\' && skipBackslashes(p.src, i) < len(p.src) && p.src[skipBackslashes(p.src, i)] == '$':
			i = skipBackslashes(p.src, i) // an escaped reference
		case c == '$' && refStart(p.src[i+1:]):
			i += 1 + len(p.src[i+1:]) - len(strings.TrimLeft(p.src[i+1:], "!{"))
			i += identRun(p.src[i:])
			if i < len(p.src) && p.src[i] == '}' {
				i++
			}
		case c == '#':
			j := directiveEnd(p.src, i)
			if j < 0 {
				return
			}
			i = j
		default:
			return
		}
	}
}

// directiveEnd returns where the #end, #else, #if(...), #elseif(...) or #set(...) at
// src[i] ends, with the spaces and line break Velocity 1.7's token takes after it, or -1
// for anything else.
func directiveEnd(src string, i int) int {
	name := identRun(src[i+1:])
	j := i + 1 + name
	word := src[i+1 : j]
	if name == 0 && i+1 < len(src) && src[i+1] == '{' {
		name = bracedWord(src[i+1:])
		if name == 0 {
			return -1
		}
		word, j = src[i+2:i+name], i+1+name
	}
	switch word {
	case "end", "else":
	case "if", "elseif", "set":
		for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
			j++
		}
		if j == len(src) || src[j] != '(' {
			return -1
		}
		depth := 0
		for ; j < len(src); j++ {
			if src[j] == '(' {
				depth++
			} else if src[j] == ')' {
				if depth--; depth == 0 {
					break
				}
			}
		}
		if j == len(src) {
			return -1
		}
		j++
	default:
		return -1
	}
	k := j
	for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
		k++
	}
	if strings.HasPrefix(src[k:], "\r\n") {
		return k + 2
	}
	if k < len(src) && (src[k] == '\n' || src[k] == '\r') {
		return k + 1
	}
	return j
}

// commentToEnd consumes a comment that runs to the end of the template. Velocity 1.7's
// lexer still reads "$", "$!", "#", "#*" and "#[[" as token prefixes inside comments, so
// a comment whose text ends with one of them ends the template midway through a token:
// a syntax error.
func (p *parser) commentToEnd(start int) {
	p.pos = len(p.src)
	if !p.top {
		return
	}
	text := p.src[start+2:]
	if strings.HasSuffix(text, "#[[") || strings.HasSuffix(text, "#*") && !strings.HasSuffix(text, "#**") ||
		strings.HasSuffix(text, "$!") || strings.HasSuffix(text, "#") || strings.HasSuffix(text, "$") {
		p.fail(len(p.src)-1, "the template ends inside a comment with %q (Velocity reads it as the start of a token)", text[max(len(text)-3, 0):])
	}
}

// afterChainHash reads "##" right after a property ($a.b##), where Velocity 1.7's lexer is
// in its property state and "##" starts no comment: the first "#" ends the reference,
// so "###" starts a comment at its second "#" and "##if", "##else", "##elseif" and
// "##end" (also braced) are those directives. It returns true, having dropped the first
// "#", in those cases; false when "##" is text. "##" ending the template and "##set" are
// errors.
func (p *parser) afterChainHash() bool {
	rest := p.src[p.pos+2:]
	word := rest[:identRun(rest)]
	if j := bracedWord(rest); j > 0 {
		word = rest[1 : j-1] // "##{end}"
	}
	switch {
	case rest == "" && p.top, word == "set":
		p.fail(p.pos, "unexpected %q after a property (Velocity 1.7 rejects it)", "##"+word)
	case strings.HasPrefix(rest, "#"), word == "if", word == "elseif", word == "else", word == "end":
		p.pos++
		return true
	}
	return false
}

// skipBackslashes returns the index of the first character at or after i in s that is
// not a backslash.
func skipBackslashes(s string, i int) int {
	for i < len(s) && s[i] == '\\' {
		i++
	}
	return i
}
