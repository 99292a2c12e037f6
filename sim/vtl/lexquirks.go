package vtl

import "strings"

// Velocity 1.7 tokenizes templates with a generated lexer whose states leak into what
// a template prints: whitespace before #set, a "$" before a directive, escapes before
// some directives. API Gateway prints what that lexer produces, so these functions
// reproduce it, each checked against the oracle (testdata/cases.txt).

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
			if i+1 < len(p.src) && p.src[i+1] == '*' && i == p.pos {
				return true // before a #* comment *#
			}
			save := p.pos
			p.pos = i
			name, _ := p.directiveName()
			p.pos = save
			switch name {
			case "set":
				return setAhead(p.src[i:])
			case "if", "elseif", "else", "end":
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

// afterFormalInChain fails where Velocity 1.7 does for a formal reference written right
// after a property ($a.b${c}): its lexer is then still reading a chain, and "[" or "()"
// after the "}" is a syntax error.
func (p *parser) afterFormalInChain() {
	if p.peek(0) == '[' || p.peek(0) == '(' && p.peek(1) == ')' {
		p.fail(p.pos, "unexpected %q after ${...} that follows a property (Velocity 1.7 rejects it)", p.src[p.pos:p.pos+1])
	}
}

// formalAroundReference consumes "${$ref}" or "$!{$ref}": Velocity 1.7 parses it and
// prints nothing; without the closing "}" it is a syntax error.
func (p *parser) formalAroundReference() bool {
	at := p.pos
	i := at + 1
	if i < len(p.src) && p.src[i] == '!' {
		i++
	}
	if !strings.HasPrefix(p.src[i:], "{$") || i+2 >= len(p.src) || !isIdentStart(p.src[i+2]) {
		return false
	}
	p.pos = i + 1
	if p.reference() == nil || p.peek(0) != '}' {
		p.fail(at, "expected } closing %s", p.src[at:i+2])
	}
	p.pos++
	return true
}
