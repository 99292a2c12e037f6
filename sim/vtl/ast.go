package vtl

import "strings"

// The syntax tree is small and closed: every directive the parser accepts has one node
// type, and every expression one expr type, so the evaluator is a set of type-switched
// methods with no reflection. Positions are byte offsets into the template text; they
// become 1-based line and column only when a diagnostic is reported.

// node is one piece of template output.
type node interface {
	render(s *state)
}

// expr is one value-producing piece of a directive or reference.
type expr interface {
	eval(s *state) any
}

// textNode is literal output.
type textNode struct{ text string }

// refNode prints a reference such as $a.b or ${a}, after the text that came right before
// it, if any (see fuseText).
type refNode struct {
	prefix string
	ref    *refExpr
}

// escapedRefNode prints a reference whose $ was escaped with an odd number of
// backslashes: API Gateway (every reference evaluates to non-null there) prints the
// reference's own text.
type escapedRefNode struct{ text string }

// setNode is #set($target = value).
type setNode struct {
	pos    int
	target *refExpr
	value  expr
}

// ifNode is #if/#elseif/#else/#end: conds[i] selects blocks[i]; otherwise elseBlock.
type ifNode struct {
	prefix    string // text printed before the directive (see fuseText)
	conds     []expr
	blocks    [][]node
	elseBlock []node
	loopTest  loopTest // when the one condition is $foreach.hasNext, .first or .last
}

// loopTest is a condition on the innermost loop's $foreach that #if reads directly:
// #if($foreach.hasNext),#end separates the items of nearly every template's lists.
type loopTest uint8

const (
	noLoopTest loopTest = iota
	loopHasNext
	loopFirst
	loopLast
)

// loopTestOf is the loopTest of an #if with conds, or noLoopTest.
func loopTestOf(conds []expr) loopTest {
	if len(conds) != 1 {
		return noLoopTest
	}
	r, ok := conds[0].(*refExpr)
	if !ok || r.slot != slotForeach || len(r.parts) != 1 || r.parts[0].kind != partProperty {
		return noLoopTest
	}
	switch r.parts[0].name {
	case "hasNext":
		return loopHasNext
	case "first":
		return loopFirst
	case "last":
		return loopLast
	}
	return noLoopTest
}

// passes is the truth of test on x: what #if makes of the property, which
// (*loopInfo).property gives before any entry of the scope's map.
func (x *loopInfo) passes(test loopTest) bool {
	switch test {
	case loopHasNext:
		return x.hasNext
	case loopFirst:
		return x.index == 0
	}
	return !x.hasNext
}

// foreachNode is #foreach($item in iterable) body #end.
type foreachNode struct {
	pos      int
	slot     int // loop variable
	iterable expr
	body     []node
}

// defineNode is #define($name) body #end: $name then renders body where it is used.
type defineNode struct {
	slot int
	body []node
}

// breakNode is #break or #break($scope); stopNode is #stop.
type breakNode struct {
	pos   int
	scope expr
	text  string // the scope argument as written, for messages
}
type stopNode struct{}

// failNode is a directive that parses but fails when it is rendered, as in Velocity 1.7: a
// #foreach without its ($item in value) arguments, or #parse and #include, which API
// Gateway's engine cannot run. A template that never reaches it renders.
type failNode struct {
	pos     int
	message string
}

// refExpr is a reference: a root variable and a chain of properties, method calls and
// indexes.
type refExpr struct {
	pos   int
	slot  int
	name  string
	parts []refPart
	text  string // source text, for messages and escaped printing
	// The flags come last, side by side: a template has many references, and apart they
	// would each take a word.
	silent bool
	// mapPath is set when every part is a property, the reference eval can try as plain map
	// lookups (see mapLookup).
	mapPath bool
}

// analyze computes what the evaluator precomputes about a parsed reference of template t.
// The names it looks for have fixed slots, which cost less to compare than the names.
func (r *refExpr) analyze(t *Template) {
	switch r.slot {
	case slotForeach:
		if len(r.parts) == 0 || r.parts[0].name == "parent" || r.parts[0].name == "getParent" {
			t.keepsLoopInfo = true // $foreach itself may be stored somewhere (see state.newLoopInfo)
		}
	case slotVelocityCount:
		t.readsVelocityCount = true
	case slotVelocityHasNext:
		t.readsVelocityHasNext = true
	}
	r.mapPath = len(r.parts) > 0
	for i := range r.parts {
		if r.parts[i].kind != partProperty {
			r.mapPath = false
		}
	}
}

type partKind uint8

const (
	partProperty partKind = iota
	partMethod
	partIndex
)

// refPart is one link of a reference chain: a property, a method call or an index.
type refPart struct {
	kind partKind
	hint uint32 // where a map had the property last time (see jv.Map.GetStringAt)
	pos  int
	name string
	args []expr
}

// getterNames are the Java methods that can back a property: getName, getname, isName,
// and setName for #set.
type getterNames struct{ getter, lower, is, setter string }

// getters computes them when a host object is asked for property p. That is rare (most
// properties are map keys), so nothing is precomputed or cached.
func (p *refPart) getters() getterNames {
	capName := strings.ToUpper(p.name[:1]) + p.name[1:]
	return getterNames{"get" + capName, "get" + p.name, "is" + capName, "set" + capName}
}

// Literal and operator expressions.
type (
	constExpr  struct{ v any }             // numbers, booleans, single-quoted strings, plain "..." strings
	interpExpr struct{ body []node }       // "...$x..." with references or directives inside
	listExpr   struct{ items []expr }      // [a, b]
	mapExpr    struct{ keys, vals []expr } // {k: v}
	rangeExpr  struct {
		pos      int
		from, to expr
	} // [a..b]
	notExpr struct{ x expr } // !x
	binExpr struct {         // x op y
		pos  int
		op   binOp
		x, y expr
		// lit is the node's source text as Velocity 1.7's literal() gives it, which string
		// concatenation prints in place of a null operand: the text between the parentheses
		// for a parenthesized expression, else the text after the operator up to the next
		// operator (whitespace included).
		lit string
	}
)

type binOp uint8

const (
	opOr binOp = iota
	opAnd
	opEq
	opNe
	opLt
	opLe
	opGt
	opGe
	opAdd
	opSub
	opMul
	opDiv
	opMod
)
