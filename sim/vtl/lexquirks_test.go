package vtl

import (
	"errors"
	"testing"
)

// TestLexerStates pins what Velocity 1.7's lexer states make of unusual text (see
// lexquirks.go); every answer is the oracle's.
func TestLexerStates(t *testing.T) {
	tests := []struct{ src, want string }{
		{"#set($s=1)\\$$s", "$s"},
		{"#set($s=1)\\\\$$s", "\\$1"},
		{"#set($s=1)\\$!$s", "$s"},
		{"#set($a=1)#\\$a", "#\\1"},
		{"#set($a=1)#\\\\$a", "#\\\\1"},
		{"$!$m", "$!"},
		{"#$#if(true)x#end", "x"},
		{"$#$#if(true)x#end", "x"},
		{"#$#{if}(true)x#end", "x"},
		{"$$ #set($a=1)x", "x"},
		{"#$ #set($a=1)x", "x"},
		{"a$$#*x*#b", "ab"},
		{"$$#**#b", "$$b"},
		{"$#**#", "$"},
		{"#\\\\", "\\\\"},
		{"x$\\\\y", "x\\\\y"},
		{"#\\#foo", "\\#foo"},
		{"#\\#if", "#if"},
		{"$#[[y]]#", "[y"},
		{"$$#[[y]]#", "[[y"},
		{"$![x", "$![x"},
		{"$!}x", "$!}x"},
		{"$!#[x", "$#[x"},
		{"${ #set($a=1)x", "${x"},
		{"${$!a}x", "x"},
		{"${\\$a}x", "x"},
		{"${{x}}y", "${{}y"},
		{"$a.b()foo.bar()x.y", "foox"},
		{"$l[0]x.y", "x"},
		{"#set($s=\"abc\")\\$s.length()x.y", "$s.length()x"},
		{"$a #set($x=1)foo.bar.baz x.y", "foo x.y"},
		{"$ #set($b=1)x.y", "x"},
		{"$#**#x.y", "$x"},
		{"#set($s=\"abc\")$s.substring$(1)z", "bcz"},
		{"#set($m={\"k\":[5]})$m.k$[0]z", "5z"},
		{"$a.b(", "("},
		{"#evaluate('') #set($t=1)x", "#evaluate('')x"},
		{"a## x\rb", "ab"},
		{"\\$$ x", "\\$ x"},
		{"#if(true)$d.a##{end}x", "x"},
		{"$a.b${s}## c\nz", "## c\nz"},
		{"$d.a### x\ny", "y"},
		{"$a{\\$c}x", "{x"},
		{"$h.a}${d}[", "}["},
		{"#set($s=\"abc\")$s.substring$(1).length()z", "2z"},
		{"$a #set($x=1)foo{x} x.y", "foo{ x.y"},
		{"$a.b$ (1)z", "$ (1)z"},
		{"#evaluate('')\n #set($k=2)x", "#evaluate('')\nx"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			got, _, err := render(t, tt.src, nil, Options{})
			if err != nil || got != tt.want {
				t.Errorf("render(%q) = %q, %v; want %q", tt.src, got, err, tt.want)
			}
		})
	}
}

// TestLexerStateErrors: templates Velocity 1.7 rejects because of the state its lexer is
// in; each must be a syntax error with a position.
func TestLexerStateErrors(t *testing.T) {
	for _, src := range []string{
		"a###",
		"a## x $",
		"a#* x #",
		"$#set($a=1)[",
		"${[x",
		"#stop(x",
		"#break(x)",
		"$a.b$c( ",
		"$a.b$c()",
		"$d.a{()",
		"${$!a x",
		"$#[[]]#[",
		"$a.b{${c}[",
		"$a.b$$${c}[0]",
		"$d.a##",
		"$a.b$a(\\${a} #end",
		"#if(true)$d.a$#end[x]#end",
		"$a{\\$c x",
	} {
		t.Run(src, func(t *testing.T) {
			_, err := Parse(src)
			var e *Error
			if !errors.As(err, &e) || e.Line < 1 || e.Column < 1 {
				t.Errorf("Parse(%q) = %v, want a positioned syntax error", src, err)
			}
		})
	}
}
