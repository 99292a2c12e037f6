package conformance

import (
	"fmt"
	"strconv"
	"strings"
)

// Generate returns n random cases from a grammar of mapping templates, the same n cases
// for the same seed on every machine and Go version (it uses its own random source). The
// templates mix text, whitespace, indentation, every directive and every kind of
// expression over random JSON bodies, so a differential run finds what hand-written cases
// do not think of. Sizes are kept small (short ranges, shallow nesting) so that no case
// produces a large output.
func Generate(seed uint64, n int) []Case {
	g := &generator{rnd: rng(seed)}
	cases := make([]Case, n)
	for i := range cases {
		g.loopDepth, g.defined = 0, nil
		body := g.body()
		tmpl := g.template()
		cases[i] = Case{ID: fmt.Sprintf("gen-%05d", i), Template: tmpl, Body: body}
		if g.chance(5) {
			cases[i].Params = []byte(`{"path":{"id":"42"},"querystring":{"q":"a b","n":"7"},"header":{"Accept":"application/json","X-Name":"O'Brien"}}`)
			cases[i].StageVariables = []byte(`{"stage":"dev","limit":"10"}`)
			cases[i].Context = []byte(`{"requestId":"req-1","httpMethod":"POST","stage":"dev","identity":{"sourceIp":"127.0.0.1"}}`)
		}
	}
	return cases
}

// rng is splitmix64: tiny, fast and fixed forever, unlike math/rand's streams.
type rng uint64

func (r *rng) next() uint64 {
	*r += 0x9e3779b97f4a7c15
	z := uint64(*r)
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

type generator struct {
	rnd       rng
	loopDepth int
	depth     int
	defined   []string // variables #set so far, beyond the fixed ones
}

func (g *generator) intn(n int) int { return int(g.rnd.next() % uint64(n)) }

// chance is true about one time in n.
func (g *generator) chance(n int) bool { return g.intn(n) == 0 }

func pick[T any](g *generator, items ...T) T { return items[g.intn(len(items))] }

// --- bodies ---

var bodyKeys = []string{"a", "b", "name", "items", "n", "flag", "nested", "s", "price", "tags"}

func (g *generator) body() string {
	// No empty body: there $input.body is "{}" on AWS but "" in the oracle (hand-written
	// cases cover it, calibrated to AWS).
	switch g.intn(12) {
	case 0:
		return `{"a": 1}`
	case 1:
		return pick(g, `"just a string"`, `[1, 2, 3]`, `42`, `not json at all`, `[{"a": 1}, {"a": 2}]`, `null`, `{}`)
	}
	var b strings.Builder
	b.WriteString("{")
	for i, k := range g.keys() {
		if i > 0 {
			b.WriteString(pick(g, ",", ", ", ",\n  "))
		}
		fmt.Fprintf(&b, "%q: %s", k, g.jsonValue(0, k))
	}
	b.WriteString("}")
	return b.String()
}

func (g *generator) keys() []string {
	n := 1 + g.intn(len(bodyKeys))
	start := g.intn(len(bodyKeys))
	keys := make([]string, n)
	for i := range keys {
		keys[i] = bodyKeys[(start+i)%len(bodyKeys)]
	}
	return keys
}

func (g *generator) jsonValue(depth int, key string) string {
	switch key {
	case "items", "tags":
		if depth < 2 {
			return g.jsonList(depth)
		}
	case "nested":
		if depth < 2 {
			var b strings.Builder
			b.WriteString("{")
			keys := g.keys()
			for i, k := range keys[:min(len(keys), 1+g.intn(3))] {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "%q: %s", k, g.jsonValue(depth+1, k))
			}
			b.WriteString("}")
			return b.String()
		}
	}
	return g.jsonScalar()
}

func (g *generator) jsonList(depth int) string {
	n := g.intn(5)
	items := make([]string, n)
	for i := range items {
		if g.chance(3) && depth < 2 {
			items[i] = fmt.Sprintf(`{"id": %d, "name": %s}`, i+1, g.jsonScalar())
		} else {
			items[i] = g.jsonScalar()
		}
	}
	return "[" + strings.Join(items, ", ") + "]"
}

func (g *generator) jsonScalar() string {
	return pick(g, `0`, `1`, `-7`, `42`, `2147483647`, `2147483648`, `9223372036854775807`,
		`1.5`, `0.1`, `-2.50`, `1e3`, `true`, `false`, `null`, `""`, `"x"`, `"hello world"`,
		`"O'Brien"`, `"say \"hi\""`, `"a/b\\c"`, `"line\nbreak\ttab"`, `"caf\u00e9 \u2603"`, `"😀"`,
		`"<b>&amp;</b>"`, `"a,b,c"`, `"  padded  "`, `"123"`)
}

// --- templates ---

func (g *generator) template() string {
	g.depth = 0
	var b strings.Builder
	if g.chance(3) {
		b.WriteString(pick(g, "#set($body = $input.path('$'))\n", "#set( $root = $input.path('$') )\n", "#set($inputRoot = $input.path('$'))"))
	}
	g.block(&b, 2+g.intn(6))
	t := b.String()
	if g.chance(30) {
		t = g.breakTemplate(t) // some templates must fail to parse
	}
	return t
}

func (g *generator) breakTemplate(t string) string {
	switch g.intn(5) {
	case 0:
		return t + "#end"
	case 1:
		return t + "#if($a"
	case 2:
		return t + "#foreach($x in)#end"
	case 3:
		return t + "#set($ = 1)"
	default:
		return t + "${unclosed"
	}
}

func (g *generator) block(b *strings.Builder, items int) {
	g.depth++
	defer func() { g.depth-- }()
	for range items {
		g.item(b)
	}
}

func (g *generator) item(b *strings.Builder) {
	k := g.intn(20)
	if g.depth > 3 && k >= 8 {
		k = g.intn(8)
	}
	switch k {
	case 0, 1, 2:
		b.WriteString(g.text())
	case 3:
		b.WriteString(g.reference())
	case 4:
		// A formal reference lets text follow that would otherwise extend the name.
		b.WriteString("${" + g.varName() + "}" + pick(g, "text", "_x", "-y", ".z", "()", "[0]"))
	case 5:
		b.WriteString(g.lineStart())
		b.WriteString(g.reference())
	case 6:
		b.WriteString(g.special())
	case 7:
		b.WriteString(g.escape())
	case 8, 9, 10:
		g.set(b)
	case 11, 12, 13:
		g.ifDirective(b)
	case 14, 15:
		g.foreach(b)
	case 16:
		g.define(b)
	case 17:
		b.WriteString(g.comment())
	case 18:
		b.WriteString(g.lineStart() + "$!{" + g.varName() + "}" + g.lineEnd())
	default:
		b.WriteString(g.interpolatedString())
	}
}

func (g *generator) text() string {
	return pick(g, "hello", " ", "  ", "\n", "\n    ", "\t", "{", "}", "\"key\": ", ",", ":", "[", "]",
		"word ", " and ", "\"", "'", "a-b", "x.y", "100%", "$ ", "$1", "# not a directive", "a#b ", "email@x.com",
		"\r\n", "  \n", "é", "😀", ")", "(", ";", "=", "*", "\\ ")
}

// lineStart is what comes before a directive: nothing, a newline, or a newline and an
// indent, which decides how Velocity 1.7 gobbles whitespace around it.
func (g *generator) lineStart() string {
	return pick(g, "", "", "\n", "\n  ", "\n\t", " ", "\n        ")
}

func (g *generator) lineEnd() string {
	return pick(g, "", "", "\n", "  \n", " ", "\t\n", "\n\n")
}

var fixedVars = []string{"a", "b", "s", "l", "m", "undefined", "body", "root", "foreach", "velocityCount", "velocityHasNext", "d", "i", "j"}

func (g *generator) varName() string {
	if len(g.defined) > 0 && g.chance(2) {
		return g.defined[g.intn(len(g.defined))]
	}
	return pick(g, fixedVars...)
}

func (g *generator) reference() string {
	r := g.chain()
	switch g.intn(8) {
	case 0:
		return "$!" + r
	case 1:
		return "${" + r + "}"
	case 2:
		return "$!{" + r + "}"
	}
	return "$" + r
}

// chain is a reference without its $: a root with properties, method calls and indexes.
func (g *generator) chain() string {
	switch g.intn(10) {
	case 0:
		return "input.path('" + g.jsonPath() + "')" + g.suffix()
	case 1:
		return "input.json('" + g.jsonPath() + "')"
	case 2:
		return pick(g, "input.params('id')", "input.params('q')", "input.params('Accept')", "input.params('missing')",
			"input.params().header", "input.params().querystring.n", "input.body",
			"context.requestId", "context.identity.sourceIp", "context.stage", "stageVariables.stage", "stageVariables.nothing",
			"util.escapeJavaScript($s)", "util.urlEncode($s)", "util.base64Encode($s)", "util.escapeJavaScript($input.body)")
	case 3:
		if g.loopDepth > 0 {
			return pick(g, "foreach.count", "foreach.index", "foreach.hasNext", "foreach.first", "foreach.last",
				"velocityCount", "velocityHasNext", "i", "j", "foreach.parent.count")
		}
	}
	return g.varName() + g.suffix()
}

func (g *generator) suffix() string {
	switch g.intn(9) {
	case 0:
		return "." + pick(g, "a", "name", "nested", "items", "size", "empty", "x", "id")
	case 1:
		return pick(g, ".size()", ".toString()", ".isEmpty()", ".length()", ".toUpperCase()", ".trim()",
			".keySet()", ".values()", ".get(0)", ".get('a')", ".contains('a')", ".substring(1)", ".indexOf('a')",
			".replace('a', 'A')", ".replaceAll('[aeiou]', '_')", ".matches('[a-z]+')", ".split(',').size()", ".equals(1)",
			".containsKey('a')", ".startsWith('h')", ".charAt(0)", ".entrySet()", ".concat('!')", ".lastIndexOf('a')",
			".toLowerCase()", ".put('z', 26)", ".add(9)", ".remove(0)", ".intValue()", ".doubleValue()", ".compareTo(3)")
	case 2:
		return pick(g, "[0]", "[1]", "[-1]", "['a']", "[\"name\"]", "[$i]", "[0].name")
	case 3:
		return ".nested.a"
	}
	return ""
}

func (g *generator) jsonPath() string {
	return pick(g, "$", "$.a", "$.b", "$.name", "$.items", "$.items[0]", "$.items[0].name", "$.items[*].id", "$.nested",
		"$.nested.a", "$.missing", "$[\"name\"]", "$.tags", "$.tags.length()", "$..name", "$.items[-1:]", "$.items[0:2]",
		"$.n", "$.flag", "$.s", "$.price")
}

// special is a piece of syntax with a meaning of its own: unparsed blocks, macro-looking
// calls (API Gateway prints them literally), #evaluate, curly directives and #stop/#break.
func (g *generator) special() string {
	switch g.intn(10) {
	case 0:
		return "#[[ $a #if(true) raw #end ]]#"
	case 1:
		return pick(g, "#foo()", "#tryme($a)", "#evaluate('$a')", "#macro(m)x#end#m()")
	case 2:
		if g.loopDepth > 0 {
			return g.lineStart() + "#break" + g.lineEnd()
		}
	case 3:
		if g.chance(4) {
			return g.lineStart() + "#stop" + g.lineEnd()
		}
	case 4:
		return "$" + pick(g, "a-b", "_x", "a_1", "1a", "{a}b", "!", "!{", "a.", "a.1", "a(")
	case 5:
		return pick(g, "\\#if(true)x\\#end", "#{if}(true)curly#{else}no#{end}", "#if(true)a#{else}b#end", "#{set}($b = 2)$b")
	}
	if g.chance(8) {
		return pick(g, "#[[", "#", "$!{", "#end-ish") // unterminated or unbalanced: an error, or text, depending on what follows
	}
	return pick(g, "$", "$$", "##\n", "#*x*#", "\\\\", "]]#", "# ", "#1")
}

func (g *generator) escape() string {
	return pick(g, "\\$a", "\\$undefined", "\\\\$a", "\\\\\\$a", "\\$!a", "\\${a}", "\\#set($a = 9)", "\\\\#set($z = 9)$z",
		"\\#foreach", "\\$s.length()", "$\\a", "\\#end", "\\\\\\#if(true)x\\\\\\#end", "\\n")
}

func (g *generator) comment() string {
	return pick(g, "## a line comment\n", "##\n", "#* block\n comment *#", "#**# ", "\n  ## indented comment\n",
		"#* $a #if *#", "text ## trailing\n")
}

func (g *generator) set(b *strings.Builder) {
	target := pick(g, "a", "b", "s", "l", "m", "x", "y", "count")
	lhs := "$" + target
	switch g.intn(8) {
	case 0:
		lhs = "$m." + pick(g, "k", "a", "nested")
	case 1:
		lhs = "$m[" + pick(g, "'k'", "\"a\"", "$s", "1") + "]"
	case 2:
		lhs = "$m.nested.k"
	}
	rhs := g.expr(0)
	if g.loopDepth > 0 {
		// In a loop a right-hand side that reads the variables being set could double a
		// string or list on every turn; keep to values that grow at most linearly.
		rhs = pick(g, g.literal(), "$"+target+" + 1", "$foreach.count", "$i * 2", "\"item-$i\"", "$velocityCount")
	}
	b.WriteString(g.lineStart())
	fmt.Fprintf(b, pick(g, "#set(%s = %s)", "#set( %s = %s )", "#set(%s=%s)", "#{set}(%s = %s)"), lhs, rhs)
	b.WriteString(g.lineEnd())
	if !strings.Contains(lhs, ".") && !strings.Contains(lhs, "[") {
		g.defined = append(g.defined, target)
	}
}

func (g *generator) ifDirective(b *strings.Builder) {
	b.WriteString(g.lineStart())
	fmt.Fprintf(b, pick(g, "#if(%s)", "#if( %s )", "#{if}(%s)", "#if (%s)"), g.condition())
	b.WriteString(g.lineEnd())
	g.block(b, 1+g.intn(3))
	for range g.intn(3) {
		b.WriteString(g.lineStart())
		fmt.Fprintf(b, pick(g, "#elseif(%s)", "#{elseif}(%s)", "#elseif( %s )"), g.condition())
		b.WriteString(g.lineEnd())
		g.block(b, 1+g.intn(2))
	}
	if g.chance(2) {
		b.WriteString(g.lineStart())
		b.WriteString(pick(g, "#else", "#{else}", "#else "))
		b.WriteString(g.lineEnd())
		g.block(b, 1+g.intn(2))
	}
	b.WriteString(g.lineStart())
	b.WriteString(pick(g, "#end", "#{end}", "#end "))
	b.WriteString(g.lineEnd())
}

func (g *generator) foreach(b *strings.Builder) {
	if g.loopDepth >= 2 {
		b.WriteString(g.reference())
		return
	}
	v := "i"
	if g.loopDepth == 1 {
		v = "j"
	}
	b.WriteString(g.lineStart())
	fmt.Fprintf(b, pick(g, "#foreach($%s in %s)", "#foreach( $%s in %s )", "#{foreach}($%s in %s)"), v, g.iterable())
	b.WriteString(g.lineEnd())
	g.loopDepth++
	g.block(b, 1+g.intn(3))
	g.loopDepth--
	b.WriteString(g.lineStart())
	b.WriteString(pick(g, "#end", "#{end}"))
	b.WriteString(g.lineEnd())
}

func (g *generator) iterable() string {
	return pick(g, "[1..3]", "[3..1]", "[0..0]", "[-1..2]", "[\"x\", \"y\"]", "[]", "$l", "$m.keySet()", "$m.entrySet()",
		"$input.path('$.items')", "$input.path('$.tags')", "$input.path('$')", "$input.path('$.nested').keySet()",
		"$undefined", "$s.split(',')", "$m", "$m.values()", "[$a, $b]", "$input.params().keySet()")
}

func (g *generator) define(b *strings.Builder) {
	b.WriteString(g.lineStart())
	b.WriteString("#define($d)")
	g.block(b, 1+g.intn(2))
	b.WriteString("#end")
	b.WriteString(g.lineEnd())
	b.WriteString(pick(g, "$d", "[$d]", "$d.length()", "$!d", ""))
}

func (g *generator) condition() string {
	if g.chance(3) {
		return g.reference()
	}
	return g.expr(0)
}

// expr is a VTL expression; depth limits nesting.
func (g *generator) expr(depth int) string {
	if depth >= 2 {
		return g.operand()
	}
	switch g.intn(6) {
	case 0, 1:
		return g.operand()
	case 2:
		return fmt.Sprintf("%s %s %s", g.expr(depth+1), g.binaryOp(), g.expr(depth+1))
	case 3:
		return fmt.Sprintf("(%s)%s%s", g.expr(depth+1), pick(g, " * ", "+", " - ", " / ", " % "), g.operand())
	case 4:
		return pick(g, "!", "! ", "not ") + g.operand()
	default:
		return fmt.Sprintf("%s %s %s", g.operand(), pick(g, "==", "!=", "<", ">=", "eq", "ne", "gt", "le"), g.operand())
	}
}

func (g *generator) binaryOp() string {
	return pick(g, "+", "-", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||", "and", "or", "eq", "ne", "lt", "gt", "le", "ge")
}

func (g *generator) operand() string {
	if g.chance(2) {
		return g.literal()
	}
	switch g.intn(3) {
	case 0:
		return g.interpolatedString()
	case 1:
		return pick(g, "$null", "$undefined")
	}
	return g.reference()
}

// literal is a constant: a number, a string without references, a boolean, a list or a map.
func (g *generator) literal() string {
	switch g.intn(7) {
	case 0, 1:
		return pick(g, "0", "1", "-1", "2", "3", "7", "10", "-3", "100", "2147483647", "2147483648", "-2147483648",
			"9223372036854775807", "123456789012")
	case 2:
		return pick(g, "1.5", "0.1", "2.0", "-0.5", "3.14159", "100.0", "1.0E3", "10.25")
	case 3:
		return pick(g, "'single $a'", "\"double\"", "\"\"", "''", "'x'", "\"a,b,c\"", "\"#if(true)yes#end\"",
			"'O''Brien'", "\"say \"\"hi\"\"\"", "\"tab\\there\"", "\"\\$a\"", "'😀 é'")
	case 4:
		return pick(g, "true", "false")
	case 5:
		return pick(g, "[1, 2, 3]", "[]", "[\"a\", 1, true]", "[1..4]", "[[1, 2], [3]]", "[2..-1]")
	}
	return pick(g, "{}", "{\"k\": 1}", "{\"a\": 1.5, \"b\": [1, 2]}", "{'x': 'y', 'n': {'m': 1}}", "{1: \"one\"}")
}

func (g *generator) interpolatedString() string {
	parts := []string{"\""}
	for range 1 + g.intn(3) {
		if g.chance(2) {
			parts = append(parts, "$"+g.chain())
		} else {
			parts = append(parts, pick(g, "x", " ", "-", "'", "{", "}", "\\n", "é"))
		}
	}
	parts = append(parts, "\"")
	s := strings.Join(parts, "")
	if strings.Count(s, "\"") > 2 {
		return strconv.Quote("q")
	}
	return s
}

// GenerateInput returns n random cases aimed at API Gateway's own variables rather than
// at VTL syntax: random JSON bodies read through random JSONPaths with $input.path,
// $input.json and $util, so that the JSONPath engine and the Java views of JSON values meet
// many shapes. Deterministic for a seed, like Generate.
func GenerateInput(seed uint64, n int) []Case {
	g := &generator{rnd: rng(seed)}
	cases := make([]Case, n)
	for i := range cases {
		p := g.randomPath()
		quoted := "'" + p + "'"
		if strings.Contains(p, "'") {
			quoted = `"` + p + `"`
		}
		tmpl := pick(g,
			"$input.json(%[1]s)",
			"[$input.path(%[1]s)]",
			"#set($v = $input.path(%[1]s))$v|$v.size()|#if($v == \"\")empty#end",
			"#foreach($x in $input.path(%[1]s))$x;#end",
			"$util.escapeJavaScript($input.json(%[1]s))",
			"#set($v = $input.path(%[1]s))$v.toString()|$!v.get(0)|$!v.keySet()",
			"{\"v\": $input.json(%[1]s), \"n\": \"$input.path(%[1]s)\"}")
		cases[i] = Case{ID: fmt.Sprintf("geninput-%05d", i), Template: fmt.Sprintf(tmpl, quoted), Body: g.deepBody(0)}
	}
	return cases
}

var pathKeys = []string{"a", "b", "id", "name", "list", "obj", "x"}

func (g *generator) randomPath() string {
	var b strings.Builder
	b.WriteString("$")
	for range 1 + g.intn(3) {
		k := pick(g, pathKeys...)
		switch g.intn(11) {
		case 0:
			fmt.Fprintf(&b, "['%s']", k)
		case 1:
			fmt.Fprintf(&b, "[%d]", g.intn(4)-1)
		case 2:
			b.WriteString("[*]")
		case 3:
			fmt.Fprintf(&b, "..%s", k)
		case 4:
			b.WriteString(pick(g, "[0:2]", "[1:]", "[:1]", "[-2:]", "[0,1]"))
		case 5:
			fmt.Fprintf(&b, "[?(@.%s)]", k)
		case 6:
			b.WriteString(pick(g, "[?(@.id > 1)]", "[?(@.name == 'x')]", "[?(@.a < 2)]"))
		case 7:
			b.WriteString(".*")
		default:
			b.WriteString("." + k)
		}
	}
	if g.chance(12) {
		b.WriteString(pick(g, ".length()", ".size()"))
	}
	return b.String()
}

// deepBody is a random JSON object or list whose keys are the ones randomPath uses.
func (g *generator) deepBody(depth int) string {
	if depth >= 3 || (depth > 0 && g.chance(3)) {
		return pick(g, `1`, `2`, `-1`, `1.5`, `"x"`, `"y z"`, `true`, `null`, `"O'Brien \"q\""`, `2147483648`, `[]`, `{}`)
	}
	if g.chance(3) {
		items := make([]string, g.intn(4))
		for i := range items {
			items[i] = g.deepBody(depth + 1)
		}
		return "[" + strings.Join(items, ", ") + "]"
	}
	n := 1 + g.intn(4)
	start := g.intn(len(pathKeys))
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("%q: %s", pathKeys[(start+i)%len(pathKeys)], g.deepBody(depth+1))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
