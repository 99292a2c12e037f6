package vtl

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apigw-playground/playground/sim/jv"
)

func render(t *testing.T, src string, vars Vars, opts Options) (string, []Warning, error) {
	t.Helper()
	tmpl, err := Parse(src)
	if err != nil {
		return "", nil, err
	}
	return tmpl.Render(vars, opts)
}

func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		src       string
		line, col int
		message   string
	}{
		{"#if(true)x", 1, 1, "#if without #end"},
		{"a\n  #end", 2, 3, "#end without a matching"},
		{"#set($a = )", 1, 11, "expected a value"},
		{"#set($a = 5 -3)", 1, 13, "expected an operator"},
		{"x ${a b}", 1, 6, "expected } closing ${a"},
		{"$a.b(1", 1, 5, "unclosed ( of a method call"},
		{"#set($a = \"x)", 1, 11, "unterminated string literal"},
		{"#[[ never closed", 1, 1, "unterminated #[["},
		{"#if(true)#else#elseif(true)#end", 1, 15, "#elseif after #else"},
		{"é\n  $x.y(,)", 2, 8, "expected a value"},
		{strings.Repeat("(", 300), 1, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			src := tt.src
			if strings.HasPrefix(src, "((") {
				src = "#set($a = " + src + ")"
			}
			_, err := Parse(src)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%q) = %v, want *Error", src, err)
			}
			if tt.message == "" {
				return
			}
			if e.Line != tt.line || e.Column != tt.col || !strings.Contains(e.Message, tt.message) {
				t.Errorf("Parse(%q) = %d:%d %q, want %d:%d containing %q", src, e.Line, e.Column, e.Message, tt.line, tt.col, tt.message)
			}
		})
	}
}

func TestTemplateSizeLimit(t *testing.T) {
	if _, err := Parse(strings.Repeat("x", MaxTemplateBytes+1)); err == nil {
		t.Fatal("want an error for a template over 300 KB")
	}
	if _, err := Parse(strings.Repeat("x", MaxTemplateBytes)); err != nil {
		t.Fatal(err)
	}
}

func TestWarnings(t *testing.T) {
	tests := []struct {
		src       string
		line, col int
		message   string
	}{
		{"#set($s = 'x')\n$s.nope()", 2, 4, "java.lang.String has no method nope"},
		{"#set($s = 'x')$s.length", 1, 18, `no property "length"`},
		{"#set($l = [1])#if($l > 1)#end", 1, 22, "compares only numbers"},
		{"#set($a = 1 / 0)", 1, 13, "division by zero"},
		{"#foreach($i [1])x#end", 1, 1, "renders nothing"},
		{"a\n  #if($nope)x#end$!quiet", 2, 7, "$nope is not defined"},
		{"#set($m = {})#set($m.a.b = 1)", 1, 14, "#set does nothing: $m.a is null"},
		{"x\n $nope.escape('x')$!nope.escape('y')", 2, 2, "$nope is not defined"}, // a printed call's host
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, ws, err := render(t, tt.src, nil, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(ws) != 1 || ws[0].Line != tt.line || ws[0].Column != tt.col || !strings.Contains(ws[0].Message, tt.message) {
				t.Errorf("warnings %+v, want one at %d:%d containing %q", ws, tt.line, tt.col, tt.message)
			}
		})
	}
}

func TestRenderErrors(t *testing.T) {
	tests := []struct {
		name, src string
		opts      Options
		message   string
	}{
		{"java exception", "#set($l = [])$l.get(3)", Options{}, "IndexOutOfBoundsException"},
		{"substring", "#set($s = 'abc')$s.substring(5)", Options{}, "StringIndexOutOfBoundsException"},
		{"bad regex", "#set($s = 'abc')$s.matches('(')", Options{}, "PatternSyntaxException"},
		{"bad group", "#set($s = 'abc')$s.replaceAll('b', '$2')", Options{}, "No group 2"},
		{"output", "#foreach($i in [1..100])xxxxxxxxxx#end", Options{MaxOutputBytes: 100}, "output is larger than 100 bytes"},
		// Text fused into the next node (see fuseText) stops the render before that node runs.
		{"output before reference", "#set($l = [])xxxxxxxxxx$l.get(3)", Options{MaxOutputBytes: 5}, "output is larger than 5 bytes"},
		{"output before #if", "#set($l = [])xxxxxxxxxx#if($l.get(3))#end", Options{MaxOutputBytes: 5}, "output is larger than 5 bytes"},
		{"timeout", "#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])#end#end#end", Options{Timeout: 20 * time.Millisecond}, "render took longer"},
		{"regex timeout", "#set($s = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')$s.matches('(a+)+b')", Options{RegexTimeout: 10 * time.Millisecond}, "stopped"},
		{"parse", "#parse('x.vm')", Options{}, "#parse is not supported"},
		{"define fan-out", exponentialDefines(40), Options{Timeout: 50 * time.Millisecond}, "render took longer"},
		{"range", "#set($r = [1..20000000])", Options{}, "too large"},
		{"format width", "#set($s = '')$s.format('%999999999d', 1)", Options{}, "IllegalFormatWidthException"},
		{"string doubling", "#set($s = 'x')#foreach($i in [1..40])#set($s = \"$s$s\")#end", Options{}, "larger than"},
		{"concat doubling", "#set($s = 'x')#foreach($i in [1..40])#set($s = $s + $s)#end", Options{}, "larger than"},
		{"replace doubling", "#set($s = 'x')#foreach($i in [1..40])#set($s = $s.replace('x', 'xx'))#end", Options{}, "larger than"},
		{"list doubling", "#set($l = [1])#foreach($i in [1..40])#set($d = $l.addAll($l))#end", Options{}, "list grew"},
		{"self print", "#set($a = [])#set($b = [$a, $a])#set($d = $a.add($b))#set($d = $a.add($b))$a", Options{MaxOutputBytes: 1 << 16}, "output is larger"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := render(t, tt.src, nil, tt.opts)
			var e *Error
			if !errors.As(err, &e) || !strings.Contains(e.Message, tt.message) {
				t.Fatalf("got %q, %v; want an *Error containing %q", out, err, tt.message)
			}
			if e.Line < 1 || e.Column < 1 {
				t.Errorf("position %d:%d", e.Line, e.Column)
			}
		})
	}
}

// API Gateway stops #foreach after 1000 iterations; the engine says so in a warning.
func TestForeachLimit(t *testing.T) {
	out, ws, err := render(t, "#foreach($i in [1..2000])x#end", nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 1000 || len(ws) != 1 || !strings.Contains(ws[0].Message, "1000") {
		t.Errorf("got %d bytes, warnings %+v", len(out), ws)
	}
}

// #set on a map reached through the variables changes the caller's map.
func TestSetMutatesVariables(t *testing.T) {
	ctx := jv.NewMap(1)
	override := jv.NewMap(1)
	ctx.Put("responseOverride", override)
	out, _, err := render(t, "#set($context.responseOverride.status = 400)#set($context.x[\"k\"] = 1)done", Vars{{"context", ctx}}, Options{})
	if err != nil || out != "done" {
		t.Fatalf("got %q, %v", out, err)
	}
	if v, _ := override.Get("status"); v != int32(400) {
		t.Errorf("status = %#v, want Integer 400", v)
	}
}

// hostObject stands in for $input / $util: Velocity reaches properties through getters.
type hostObject struct{}

func (hostObject) CallMethod(name string, args []any) (any, bool, error) {
	switch {
	case name == "getBody" && len(args) == 0:
		return "the body", true, nil
	case name == "path" && len(args) == 1:
		return "path:" + jv.ToString(args[0]), true, nil
	case name == "fail":
		return nil, true, errors.New("boom")
	case name == "nothing":
		return nil, true, nil
	}
	return nil, false, nil
}

func TestHostObjects(t *testing.T) {
	out, ws, err := render(t, "$input.body|$input.path('$.a')|$input.nothing()|$input.nope()|#if($input.nothing() == '')empty#end", Vars{{"input", hostObject{}}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "the body|path:$.a|||empty"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
	if len(ws) != 1 || !strings.Contains(ws[0].Message, "nope") {
		t.Errorf("warnings %+v", ws)
	}
	if _, _, err := render(t, "$input.fail()", Vars{{"input", hostObject{}}}, Options{}); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("err = %v, want the host object's exception", err)
	}
}

func TestCachedConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				src := "#set($x = " + strings.Repeat("1", 1+i%5) + ")$x"
				tmpl, err := Cached(src)
				if err != nil {
					t.Error(err)
					return
				}
				out, _, err := tmpl.Render(nil, Options{})
				if err != nil || out != strings.Repeat("1", 1+i%5) {
					t.Errorf("got %q, %v", out, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if _, err := Cached("#if("); err == nil {
		t.Error("syntax error not reported from the cache")
	}
	if _, err := Cached("#if("); err == nil {
		t.Error("cached syntax error lost")
	}
}

// exponentialDefines chains n #define blocks that each print the next twice: 2^n renders
// of empty blocks, which only the deadline stops.
func exponentialDefines(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "#define($d%d)$d%d$d%d#end", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "#define($d%d)#end$d0", n)
	return b.String()
}

// TestBindingsFollowTheVars: a template remembers where the last caller's names bind (see
// Template.bind); renders with other names, in another order, must still bind each name.
func TestBindingsFollowTheVars(t *testing.T) {
	tmpl, err := Parse("$a|$b|$!c")
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range []struct {
		vars Vars
		want string
	}{
		{Vars{{"a", "1"}, {"b", "2"}}, "1|2|"},
		{Vars{{"a", "1"}, {"b", "2"}}, "1|2|"},
		{Vars{{"b", "x"}, {"a", "y"}}, "y|x|"},
		{Vars{{"c", "z"}}, "||z"},
		{Vars{{"a", "1"}, {"b", "2"}, {"a", "3"}}, "3|2|"},
		{Vars{{"a", "1"}, {"b", "2"}}, "1|2|"},
		{Vars{{"a", "4"}, {"c", "5"}}, "4||5"}, // the plan's first name, then another
		{Vars{{"a", "1"}, {strings.Clone("b"), "2"}}, "1|2|"},
	} {
		got, _, err := tmpl.Render(tt.vars, Options{})
		if err != nil || got != tt.want {
			t.Errorf("render %d with %v: got %q, %v; want %q", i, tt.vars, got, err, tt.want)
		}
	}
}

// TestShortcutsMatchGeneralPath pins the evaluator's shortcuts for the commonest template
// idioms — $a.b on a map and on $foreach, #if on $foreach.hasNext/.first/.last, $map.get(key),
// comparisons of Integers, a printed call on a variable — including the cases where they
// must step aside: $foreach outside a loop or replaced by #set, a #define block read inside
// and outside a loop, keys that are not strings, receivers that are not maps, Longs and
// Doubles, undefined hosts. The outputs are the oracle's (Velocity 1.7 calibrated to API
// Gateway).
func TestShortcutsMatchGeneralPath(t *testing.T) {
	tests := []struct{ src, want string }{
		{"#set($m = {'a': 1, 'n': $null})$m.a|$m.missing|$m.n|#if($m.missing)t#{else}f#end|#if($m.n)t#{else}f#end", "1|||t|t"},
		{"#foreach($i in [1, 2])$foreach.hasNext$foreach.count$foreach.index$foreach.first$foreach.last,#end", "true10truefalse,false21falsetrue,"},
		{"#foreach($i in [1])$foreach.put('k', 7)$foreach.k|[$foreach.parent]|$foreach.nope|#end", "7|[]||"},
		{"#set($l = ['x'])$l.size|$l.empty|#set($s = 'abc')$s.bytes.size()|$s.class.name", "|false|3|java.lang.String"},
		{"#foreach($i in [1])#foreach($j in [2])$foreach.parent.count$foreach.parent.hasNext#end#end", "1false"},
		{"#foreach($i in [1, 2, 3])$i#if($foreach.hasNext),#end#end", "1,2,3"},
		{"#foreach($i in [1, 2, 3])#if($foreach.first)F#elseif($foreach.last)L#{else}M#end#if($foreach.last)!#{else}-#end#end", "F-M-L!"},
		{"#if($foreach.hasNext)t#{else}f#end|#if($foreach.first)t#{else}f#end|#if($foreach.last)t#{else}f#end", "t|t|t"},
		{"#foreach($i in [1, 2])#foreach($j in ['a', 'b'])$i$j#if($foreach.hasNext)+#end#end#if($foreach.hasNext);#end#end", "1a+1b;2a+2b"},
		{"#foreach($i in [1, 2])#set($foreach.hasNext = false)$foreach.hasNext#if($foreach.hasNext),#end#end", "true,false"},
		{"#define($sep)#if($foreach.hasNext),#{else}.#end#end$sep|#foreach($i in [1, 2])$i$sep#end", ",|1,2."},
		{"#foreach($i in [1, 2])#if($!foreach.hasNext)a#end#if(${foreach.last})b#end#if($foreach.hasNext())c#end#end", "acb"},
		{"#set($foreach = 'x')#if($foreach.hasNext)t#{else}f#end", "t"},
		{"#set($m = {'a': 1, 2: 'two', 'n': $null})$m.get('a')|$m.get(2)|$m.get('zz')|$m.get($nope)|$m.get($m.n)|$m.get([1..2])|[$m.get('n')]", "1|two|||||[]"},
		{"#set($l = ['p', 'q'])$l.get(1)|$l.get('a')|#set($s = 'str')$s.get(0)|$m.get('a')", "q|||"},
		{"#set($x = 3)#if($x > 2)gt#end#if($x >= 3)ge#end#if($x < 4)lt#end#if($x <= 3)le#end#if($x == 3)eq#end#if($x != 3)ne#{else}NE#end", "gtgeltleeqNE"},
		{"#set($big = 2147483648)#if($big > 2)A#end#if(3 == 3.0)B#end#if(2 < 2147483647)C#end#if(-1 < 0)D#end#if($x == '3')E#end", "ABCD"},
		{"$nope.f('x')|$!nope.f('x')|#set($m = {})$m.f('x')|$m.get('k').f('x')|", "||||"},
		{"#set($a = 5)#set($b = 7)#if($a < $b && $b > $a)ok#end#if($a == $b || $a != $b)ok2#end#if(!($a > $b))ok3#end", "okok2ok3"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			got, _, err := render(t, tt.src, nil, Options{})
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// TestShortPieces checks that text prints exactly, whether it is stored shortText bytes
// wide (storeShort) or copied, at every fill of the buffer around the width a store needs,
// and that what a store leaves past the output's length never shows. (go test -race also
// checks that each wide load stays within the text's allocation: see textRun.take.)
func TestShortPieces(t *testing.T) {
	for size := 0; size <= 18; size++ {
		text := padded([]byte(strings.Repeat("x", size)))
		for room := 0; room <= 18; room++ {
			s := &state{out: append(make([]byte, 0, 4+room), "abcd"...)}
			if !s.storeShort(text) {
				s.writeText(text)
			}
			if got := string(s.out); got != "abcd"+text {
				t.Errorf("text of %d bytes with %d bytes of room: got %q", size, room, got)
			}
		}
	}
	// Templates whose output outgrows the first buffer while pieces of 15 to 17 bytes
	// print between references.
	var long, loop strings.Builder
	for i := 1; i <= 70; i++ {
		long.WriteString("0123456789abcdefa|")
		fmt.Fprintf(&loop, "%d,0123456789abcde", i)
	}
	for src, want := range map[string]string{
		"#set($a = 'a')" + strings.Repeat("0123456789abcdef${a}|", 70):               long.String(),
		"#foreach($i in [1..70])$i,0123456789abcde#end":                              loop.String(),
		"#set($s = \"#foreach($i in [1..5])<$i>123456789012345#end\")$s.length()|$s": "90|<1>123456789012345<2>123456789012345<3>123456789012345<4>123456789012345<5>123456789012345",
	} {
		if got, _, err := render(t, src, nil, Options{}); err != nil || got != want {
			t.Errorf("%s: got %q, %v; want %q", src, got, err, want)
		}
	}
}
