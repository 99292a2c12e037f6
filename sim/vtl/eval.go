package vtl

import (
	"fmt"
	"runtime/debug"
	"slices"
	"strconv"
	"sync"
	"time"
	"unsafe"

	"github.com/apigw-playground/playground/sim/jv"
)

// undefined marks a slot whose variable was never bound or set; it reads as null.
type undefinedT struct{}

var undefined any = undefinedT{}

// blockValue is what #define binds: printing it renders the block where it is used.
// active counts renders of the block in progress: Velocity 1.7 renders a block inside
// itself at most maxBlockDepth deep and then prints the reference's text instead.
type blockValue struct {
	body   []node
	active int
}

const maxBlockDepth = 2

// loopInfo is $foreach inside a #foreach. Velocity 1.7's ForeachScope is also a map, empty
// until a template puts something in it ($foreach.put("a", 1), #set($foreach.b = 2)), with
// every Map method: entries holds that map once it is used.
type loopInfo struct {
	index   int
	hasNext bool
	parent  any
	entries *jv.Map
}

// entryMap is the scope's map, made on first use.
func (x *loopInfo) entryMap() *jv.Map {
	if x.entries == nil {
		x.entries = jv.NewMap(0)
	}
	return x.entries
}

// JavaString is how Velocity 1.7 prints $foreach: as the map it is.
func (x *loopInfo) JavaString() string {
	if x.entries == nil {
		return "{}"
	}
	return jv.ToString(x.entries)
}

// Control states that end a block early.
const (
	ctlNone uint8 = iota
	ctlBreak
	ctlStop
	ctlError
)

// state is one render in progress. States are pooled: a render allocates little more
// than the values the template creates.
type state struct {
	t        *Template
	out      []byte
	slots    []any
	opts     Options
	warnings []Warning
	warned   map[int]bool
	err      *Error
	ctl      uint8
	// breakScope is the scope a #break($scope) leaves; nil leaves the innermost.
	breakScope any
	depth      int
	steps      int
	deadline   time.Time
	args       []any // method arguments being evaluated, as a stack
	// loops are fresh $foreach objects, allocated a few at a time, for templates that may
	// keep one (#set($f = $foreach)): each is handed out once. Other templates reuse
	// nested[level], one object per nesting level, from render to render.
	loops     []loopInfo
	nested    []*loopInfo
	loopLevel int // #foreach loops in progress
	// render is this render's number for map write guards (see put), taken at its first
	// write to a map: renders that write nothing need none.
	render uint64
}

// newLoopInfo is the $foreach object of a loop starting at the current nesting level.
func (s *state) newLoopInfo() *loopInfo {
	if !s.t.keepsLoopInfo {
		for len(s.nested) <= s.loopLevel {
			s.nested = append(s.nested, new(loopInfo))
		}
		l := s.nested[s.loopLevel]
		*l = loopInfo{}
		return l
	}
	if len(s.loops) == 0 {
		s.loops = make([]loopInfo, 4)
	}
	l := &s.loops[0]
	s.loops = s.loops[1:]
	return l
}

var statePool = sync.Pool{New: func() any { return &state{} }}

// checkEvery is how many steps pass between clock reads for the render deadline.
const checkEvery = 1024

// Render renders the template with vars. Maps in vars are modified in place by #set.
// A syntax error cannot happen here; the error is an *Error for Java exceptions and
// limits. Panics are turned into errors.
func (t *Template) Render(vars Vars, opts Options) (out string, warnings []Warning, err error) {
	s := statePool.Get().(*state)
	s.t = t
	s.opts = opts.withDefaults()
	s.out = s.out[:0]
	if cap(s.slots) < len(t.names) {
		s.slots = make([]any, len(t.names))
	}
	s.slots = s.slots[:len(t.names)]
	for i := range s.slots {
		s.slots[i] = undefined
	}
	t.bind(s.slots, vars)
	s.warnings, s.warned, s.err, s.ctl, s.breakScope, s.depth, s.steps, s.loopLevel, s.render = nil, nil, nil, ctlNone, nil, 0, 0, 0, 0
	s.deadline = time.Time{} // set at the first clock read (see tick)
	defer func() {
		if r := recover(); r != nil {
			out, warnings = "", s.warnings
			err = &Error{Line: 1, Column: 1, Message: fmt.Sprintf("internal error: %v\n%s", r, debug.Stack())}
		}
		// The argument stack is cleared once here, not at every call that pops it (a clear
		// of pointers costs a GC barrier per call); the slots are overwritten by the next
		// render, and the pool drops idle states at every collection.
		clear(s.args[:cap(s.args)])
		s.t, s.warnings, s.warned, s.err, s.args = nil, nil, nil, nil, s.args[:0]
		if cap(s.out) <= 64<<10 {
			statePool.Put(s)
		}
	}()
	s.block(t.root)
	if s.err != nil {
		return "", s.warnings, s.err
	}
	return string(s.out), s.warnings, nil
}

// bindPlan is where a list of variable names binds in a template: the slot of each name,
// or -1 when the template does not use it.
type bindPlan []binding

type binding struct {
	name string
	slot int
}

// bind stores the values of vars in the slots of the names they bind. A caller renders a
// template with the same names every time, so from its second render on the template keeps
// a plan of where each name goes, and following it costs a comparison per name (of the
// caller's same constants, which compare by address). A template rendered once, as on
// every keystroke, finds the names without making a plan.
func (t *Template) bind(slots []any, vars Vars) {
	if p := t.bindings.Load(); p != nil && p.bind(slots, vars) {
		return
	}
	if !t.renderedBefore.Swap(true) {
		for _, v := range vars {
			if i := slices.Index(t.names, v.Name); i >= 0 {
				slots[i] = v.Value
			}
		}
		return
	}
	p := make(bindPlan, len(vars))
	for i, v := range vars {
		p[i] = binding{v.Name, slices.Index(t.names, v.Name)}
		if p[i].slot >= 0 {
			slots[p[i].slot] = v.Value
		}
	}
	t.bindings.Store(&p)
}

// bind follows the plan when it was made for the names of vars, in order, and reports
// whether it was. The slots it filled before finding a name that differs are those of
// the names before it, which were right.
func (p bindPlan) bind(slots []any, vars Vars) bool {
	if len(p) != len(vars) {
		return false
	}
	for i := range vars {
		v, b := &vars[i], &p[i]
		// The caller's names are its constants: the same strings, equal by address.
		if len(b.name) != len(v.Name) || unsafe.StringData(b.name) != unsafe.StringData(v.Name) && b.name != v.Name {
			return false
		}
		if b.slot >= 0 {
			slots[b.slot] = v.Value
		}
	}
	return true
}

// fail ends the render with an error at off.
func (s *state) fail(off int, format string, args ...any) {
	if s.err == nil {
		s.err = s.t.errorAt(off, format, args...)
	}
	s.ctl = ctlError
}

// warn records a warning once per position and message kind.
func (s *state) warn(off int, format string, args ...any) {
	if s.warned == nil {
		s.warned = map[int]bool{}
	}
	if s.warned[off] || len(s.warnings) >= 100 {
		return
	}
	s.warned[off] = true
	line, col := s.t.position(off)
	s.warnings = append(s.warnings, Warning{Line: line, Column: col, Message: fmt.Sprintf(format, args...)})
}

// tick counts work and enforces the deadline. The clock starts at the first read, after
// checkEvery steps, so that the many renders shorter than that never read it (a clock read
// costs as much as rendering a few references); the steps before it take microseconds.
func (s *state) tick(off int) bool {
	s.steps++
	if s.steps%checkEvery != 0 {
		return true
	}
	return s.checkClock(off)
}

// checkClock is tick's slow path, apart so that tick inlines.
func (s *state) checkClock(off int) bool {
	now := time.Now()
	if s.deadline.IsZero() {
		s.deadline = now.Add(s.opts.Timeout)
	} else if now.After(s.deadline) {
		s.fail(off, "render took longer than %v", s.opts.Timeout)
		return false
	}
	return true
}

func (s *state) block(nodes []node) {
	for _, n := range nodes {
		n.render(s)
		if s.ctl != ctlNone {
			return
		}
	}
}

func (n *textNode) render(s *state) {
	if !s.storeShort(n.text) {
		s.writeText(n.text)
	}
	s.checkSize(0)
}

// shortText is the length of text storeShort prints: most text between references is a
// few bytes of punctuation, and printing it with copy calls memmove.
const shortText = 16

// storeShort appends text, a text node's or the text fused before a reference or an #if,
// when it is at most shortText bytes long and the buffer has room for shortText bytes past
// its length: it copies shortText bytes whole, one load and one store. The parser makes
// every such text readable that wide (see textRun.take), and the bytes after the text land
// beyond the output's length, where nothing reads them. It inlines; the caller writes
// other text (writeText).
func (s *state) storeShort(text string) bool {
	n := len(s.out)
	if uint(len(text)-1) >= shortText || cap(s.out)-n < shortText { // also no text at all
		return false
	}
	// Both ranges are within their allocations: checked here, and by the parser.
	*(*[shortText]byte)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(s.out)), n)) = *(*[shortText]byte)(unsafe.Pointer(unsafe.StringData(text)))
	s.out = s.out[:n+len(text)]
	return true
}

// writeText is write, not inlined: the copy of text storeShort does not take.
//
//go:noinline
func (s *state) writeText(text string) { writeTo(s, text) }

// write appends text to the output. While the buffer has room it only lengthens the slice:
// storing the slice back whole, as append does, costs a GC write barrier on every call
// whenever a collection is marking, and most renders print dozens of pieces.
func (s *state) write(text string) { writeTo(s, text) }

func writeTo[T string | []byte](s *state, text T) {
	n := len(s.out)
	if cap(s.out)-n < len(text) {
		s.out = append(s.out, text...)
		return
	}
	s.out = s.out[:n+len(text)]
	copy(s.out[n:], text)
}

// writeInt appends an Integer as Java prints it. Counters, indexes and sizes are most of
// what templates print: those below 100 are written digit by digit from a table.
func (s *state) writeInt(x int32) {
	if n := len(s.out); uint32(x) < 100 && cap(s.out)-n >= 2 {
		if x < 10 {
			s.out = s.out[:n+1]
			s.out[n] = '0' + byte(x)
			return
		}
		s.out = s.out[:n+2]
		s.out[n], s.out[n+1] = smallInts[2*x], smallInts[2*x+1]
		return
	}
	var digits [11]byte
	writeTo(s, strconv.AppendInt(digits[:0], int64(x), 10))
}

// smallInts is 00 to 99, two digits each.
const smallInts = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879" +
	"8081828384858687888990919293949596979899"

// appended stores out, the output buffer after an append by other code, the same way: a
// buffer that kept its capacity is the same array, so only its length is stored.
func (s *state) appended(out []byte) {
	if cap(out) == cap(s.out) {
		s.out = s.out[:len(out)]
		return
	}
	s.out = out
}

// checkSize ends the render when the output has outgrown its limit. It is called after
// every append, so it stays small enough to inline.
func (s *state) checkSize(off int) {
	if len(s.out) > s.opts.MaxOutputBytes {
		s.failSize(off)
	}
}

func (s *state) failSize(off int) {
	s.fail(off, "output is larger than %d bytes", s.opts.MaxOutputBytes)
}

func (n *refNode) render(s *state) {
	if n.prefix != "" { // the text before it, printed as its own node would (see fuseText)
		if !s.storeShort(n.prefix) {
			s.writeText(n.prefix)
		}
		if len(s.out) > s.opts.MaxOutputBytes {
			s.failSize(0)
			return
		}
	}
	// The most common references, $a.b through maps and a plain $a holding a String or an
	// Integer, skip evalOrAppend's checks.
	var v any
	switch r := n.ref; {
	case r.mapPath:
		if m, isMap := s.slots[r.slot].(*jv.Map); isMap && len(r.parts) == 1 {
			// eval's $a.b, inline here too: printing it is most of what templates do.
			p := &r.parts[0]
			var hit bool
			if v, hit = m.ValueAtHint(p.name, &p.hint); !hit {
				v, _ = m.GetStringAt(p.name, &p.hint)
			}
			if v == nil {
				return // a missing or null value prints nothing
			}
		} else {
			v = r.eval(s)
		}
	case len(r.parts) == 0:
		switch v = s.slots[r.slot]; v.(type) {
		case string, int32:
		default:
			v = r.evalChain(s) // undefined, null, a range
		}
	default:
		var printed bool
		if v, printed = r.evalOrAppend(s); printed {
			s.checkSize(r.pos)
			return
		}
	}
	switch x := v.(type) { // most references print a string or an Integer
	case string:
		s.write(x)
		s.checkSize(n.ref.pos)
		return
	case int32:
		s.writeInt(x)
		s.checkSize(n.ref.pos)
		return
	}
	if b, ok := v.(*blockValue); ok && b.active >= maxBlockDepth {
		if !n.ref.silent {
			s.write(n.ref.text)
		}
		return
	}
	s.print(n.ref.pos, v) // checks the size itself
}

func (n *escapedRefNode) render(s *state) {
	s.write(n.text)
}

// print appends v as Java prints it; a #define block renders in place.
func (s *state) print(off int, v any) {
	if b, ok := v.(*blockValue); ok {
		if b.active >= maxBlockDepth || !s.tick(off) {
			return
		}
		s.depth++
		if s.depth > s.opts.MaxDepth {
			s.fail(off, "#define blocks nested deeper than %d levels", s.opts.MaxDepth)
			return
		}
		b.active++
		s.block(b.body)
		b.active--
		s.depth--
		if s.ctl == ctlBreak && (s.breakScope == nil || s.breakScope == any(b)) {
			s.ctl, s.breakScope = ctlNone, nil // a #define block is a #break scope
		}
		return
	}
	out, ok := jv.AppendStringLimit(s.out, v, s.opts.MaxOutputBytes)
	s.appended(out)
	if !ok {
		s.failSize(off)
	}
}

// str is Java's toString of v, with #define blocks rendered.
func (s *state) str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int32, int64, bool, nil:
		return jv.ToString(v)
	}
	mark := len(s.out)
	s.print(0, v)
	r := string(s.out[mark:])
	s.out = s.out[:mark]
	return r
}

func (n *setNode) render(s *state) {
	v := n.value.eval(s)
	if s.ctl != ctlNone {
		return
	}
	if v == nil {
		// Velocity 1.7 leaves the target unchanged when the value is null
		// (directive.set.null.allowed=false); references never yield null on AWS.
		return
	}
	v = s.materialize(n.pos, v)
	t := n.target
	if len(t.parts) == 0 {
		s.slots[t.slot] = v
		return
	}
	obj := s.slots[t.slot]
	if obj == undefined || obj == nil {
		s.warn(n.pos, "#set does nothing: $%s is not defined", t.name)
		return
	}
	for i := range t.parts[:len(t.parts)-1] {
		obj = s.step(obj, &t.parts[i])
		if s.ctl != ctlNone {
			return
		}
		if obj == nil {
			s.warn(n.pos, "#set does nothing: %s is null", chainText(t, i))
			return
		}
	}
	last := &t.parts[len(t.parts)-1]
	switch last.kind {
	case partProperty:
		s.setProperty(obj, last, v)
	case partIndex:
		s.setIndex(obj, last, v)
	}
}

// chainText writes a reference up to its part i for messages: $a.b(…)[…].
func chainText(r *refExpr, i int) string {
	text := "$" + r.name
	for _, p := range r.parts[:i+1] {
		switch p.kind {
		case partProperty:
			text += "." + p.name
		case partMethod:
			text += "." + p.name + "(…)"
		default:
			text += "[…]"
		}
	}
	return text
}

func (n *ifNode) render(s *state) {
	if n.prefix != "" { // as in refNode
		if !s.storeShort(n.prefix) {
			s.writeText(n.prefix)
		}
		if len(s.out) > s.opts.MaxOutputBytes {
			s.failSize(0)
			return
		}
	}
	if n.loopTest != noLoopTest {
		// cond's path for $foreach.hasNext and the like, when $foreach is a loop's.
		if x, ok := s.slots[slotForeach].(*loopInfo); ok {
			if x.passes(n.loopTest) {
				s.block(n.blocks[0])
			} else {
				s.block(n.elseBlock)
			}
			return
		}
	}
	for i, c := range n.conds {
		ok := s.cond(c)
		if s.ctl != ctlNone {
			return
		}
		if ok {
			s.block(n.blocks[i])
			return
		}
	}
	s.block(n.elseBlock)
}

func (n *foreachNode) render(s *state) {
	if n.slot < 0 {
		s.warn(n.pos, "#foreach arguments must be ($item in value): Velocity renders nothing for this loop")
		return
	}
	// Java's iterators fail with a ConcurrentModificationException when the body adds
	// or removes elements: it tracks the collection's current size.
	var it iteration
	v, view, isView := s.iterable(n.iterable)
	if s.ctl != ctlNone {
		return
	}
	switch x := v.(type) {
	case *jv.List:
		it.list = x
	case *jv.Map:
		it.m, it.values = x, x.Values()
	case *mapView:
		it.view = *x
	case *rangeValue:
		it.rng = x
	default:
		if !isView {
			return // Velocity iterates nothing for other values
		}
		it.view = view
	}
	count := it.size()
	if count == 0 {
		return
	}
	saved := [4]any{s.slots[n.slot], s.slots[slotForeach], s.slots[slotVelocityCount], s.slots[slotVelocityHasNext]}
	info := s.newLoopInfo()
	if p, ok := saved[1].(*loopInfo); ok {
		info.parent = p
	}
	s.slots[slotForeach] = info
	s.loopLevel++ // a panic leaves it set, but the next render starts from zero
	for i := 0; it.hasNext(i, count); i++ {
		if it.size() != count {
			s.fail(n.pos, "java.util.ConcurrentModificationException: the #foreach body changed the collection it iterates")
			break
		}
		if i >= s.opts.MaxForeach {
			s.warn(n.pos, "#foreach stopped after %d iterations (API Gateway's limit)", s.opts.MaxForeach)
			break
		}
		if !s.tick(n.pos) {
			break
		}
		s.slots[n.slot] = it.item(i)
		info.index = i
		info.hasNext = i+1 < count
		if s.t.readsVelocityCount {
			s.slots[slotVelocityCount] = int32(i + 1)
		}
		if s.t.readsVelocityHasNext {
			s.slots[slotVelocityHasNext] = info.hasNext
		}
		s.block(n.body)
		if s.ctl == ctlBreak && (s.breakScope == nil || s.breakScope == any(info)) {
			s.ctl, s.breakScope = ctlNone, nil
			break
		}
		if s.ctl != ctlNone {
			break
		}
	}
	s.loopLevel--
	s.slots[n.slot], s.slots[slotForeach], s.slots[slotVelocityCount], s.slots[slotVelocityHasNext] = saved[0], saved[1], saved[2], saved[3]
}

func (n *defineNode) render(s *state) { s.slots[n.slot] = &blockValue{body: n.body} }

// #break leaves the innermost #foreach or #define block, or with an argument
// (#break($foreach.parent)) that scope; outside any, it ends the template, as in 1.7. An
// argument that is not a loop's $foreach is an error in 1.7, null included.
func (n *breakNode) render(s *state) {
	var scope any
	if n.scope != nil {
		v := n.scope.eval(s)
		if s.ctl != ctlNone {
			return
		}
		if _, ok := v.(*loopInfo); !ok {
			s.fail(n.pos, "%s is not a valid org.apache.velocity.runtime.directive.Scope instance", n.text)
			return
		}
		scope = v
	}
	s.ctl, s.breakScope = ctlBreak, scope
}

func (stopNode) render(s *state) { s.ctl = ctlStop }

func (n *failNode) render(s *state) { s.fail(n.pos, "%s", n.message) }

// iterable evaluates what a #foreach iterates. When x is a call of keySet(), values() or
// entrySet() on a map, it returns the view by value (isView) instead of the object a call
// allocates: the canonical API Gateway template loops over $input.params().header.keySet().
// Otherwise it is x.eval.
func (s *state) iterable(x expr) (v any, view mapView, isView bool) {
	r, ok := x.(*refExpr)
	if !ok || len(r.parts) == 0 {
		return x.eval(s), view, false
	}
	last := len(r.parts) - 1
	p := &r.parts[last]
	if p.kind != partMethod || len(p.args) != 0 {
		return x.eval(s), view, false
	}
	switch p.name {
	case "keySet":
		view.kind = viewKeys
	case "values":
		view.kind = viewValues
	case "entrySet":
		view.kind = viewEntries
	default:
		return x.eval(s), view, false
	}
	// What eval does, with the last step taken here when it is a map's.
	recv, found := r.chain(s, last)
	if !found {
		return "", view, false
	}
	if m, isMap := recv.(*jv.Map); isMap {
		view.m = m
		return nil, view, s.tick(p.pos)
	}
	if v = s.step(recv, p); v == nil || s.ctl != ctlNone {
		return "", view, false
	}
	return r.finish(s, v), view, false
}

// iteration walks what #foreach iterates without allocating.
type iteration struct {
	list   *jv.List
	m      *jv.Map
	values []any
	view   mapView // when view.m is set
	rng    *rangeValue
}

func (it *iteration) size() int {
	switch {
	case it.list != nil:
		return len(it.list.Items)
	case it.m != nil:
		return it.m.Len()
	case it.view.m != nil:
		return it.view.size()
	}
	return int(max(it.rng.from, it.rng.to) - min(it.rng.from, it.rng.to) + 1)
}

// hasNext is the Java iterator's hasNext before element i: an ArrayList compares its
// cursor with the current size; a map's iterator already holds its next entry.
func (it *iteration) hasNext(i, count int) bool {
	if it.list != nil {
		return i != len(it.list.Items)
	}
	return i < count
}

func (it *iteration) item(i int) any {
	switch {
	case it.list != nil:
		return it.list.Items[i]
	case it.m != nil:
		return it.values[i]
	case it.view.m != nil:
		return it.view.item(i)
	case it.rng.from > it.rng.to:
		return narrowInt(it.rng.from-int64(i), kindInt)
	}
	return narrowInt(it.rng.from+int64(i), kindInt)
}

// Expressions.

func (e *constExpr) eval(*state) any { return e.v }

func (e *interpExpr) eval(s *state) any {
	if !s.tick(0) {
		return nil
	}
	s.depth++
	defer func() { s.depth-- }()
	if s.depth > s.opts.MaxDepth {
		s.fail(0, "string interpolation nested deeper than %d levels", s.opts.MaxDepth)
		return nil
	}
	mark := len(s.out)
	s.block(e.body)
	r := string(s.out[mark:])
	s.out = s.out[:mark]
	return r
}

// checkString fails the render when a computed string outgrows the output limit, which
// bounds memory for doubling tricks like #set($s = "$s$s") in a loop.
// It is called on every method's result, so it stays small enough to inline.
func (s *state) checkString(off int, v any) any {
	if str, _ := v.(string); len(str) > s.opts.MaxOutputBytes {
		return s.stringTooLarge(off)
	}
	return v
}

func (s *state) stringTooLarge(off int) any {
	s.fail(off, "a string grew larger than %d bytes", s.opts.MaxOutputBytes)
	return nil
}

func (e *listExpr) eval(s *state) any {
	l := &jv.List{Items: make([]any, len(e.items))}
	for i, it := range e.items {
		l.Items[i] = s.materialize(0, it.eval(s))
	}
	return l
}

func (e *mapExpr) eval(s *state) any {
	m := jv.NewMap(len(e.keys))
	for i := range e.keys {
		m.Put(e.keys[i].eval(s), s.materialize(0, e.vals[i].eval(s)))
	}
	return m
}

// rangeValue is [a..b] before it is needed as a list: #foreach walks it without
// building the list.
type rangeValue struct{ from, to int64 }

// maxRangeList bounds a range turned into a list (for #set or a method call).
const maxRangeList = 1 << 20

func (e *rangeExpr) eval(s *state) any {
	a, b := e.from.eval(s), e.to.eval(s)
	ai, ok1 := a.(int32)
	bi, ok2 := b.(int32)
	if !ok1 || !ok2 {
		s.warn(e.pos, "a range [a..b] needs two Integers; got %s and %s", javaClass(a), javaClass(b))
		return nil
	}
	return &rangeValue{int64(ai), int64(bi)}
}

// materialize turns a range into the ArrayList Velocity builds for it. It is called on
// every argument and operand, so it stays small enough to inline.
func (s *state) materialize(off int, v any) any {
	if r, ok := v.(*rangeValue); ok {
		return s.rangeList(off, r)
	}
	return v
}

// rangeList is the ArrayList of a range.
func (s *state) rangeList(off int, r *rangeValue) any {
	n := max(r.from, r.to) - min(r.from, r.to) + 1
	if n > maxRangeList {
		s.fail(off, "range of %d elements is too large", n)
		return nil
	}
	l := &jv.List{Items: make([]any, 0, n)}
	for i := int64(0); i < n; i++ {
		if r.from <= r.to {
			l.Items = append(l.Items, int32(r.from+i))
		} else {
			l.Items = append(l.Items, int32(r.from-i))
		}
	}
	return l
}

func (e *notExpr) eval(s *state) any { return !s.cond(e.x) }

// cond is the truth of x as a condition (#if, !, &&, ||). Velocity 1.7 asks each node to
// evaluate itself: references test their value (only null and false are false), boolean
// literals and comparisons are themselves, and every other literal or arithmetic node is
// false without being computed: #if("a") and #if(1) are false, #if($s) with $s = "a" true.
func (s *state) cond(x expr) bool {
	switch e := x.(type) {
	case *refExpr:
		v := e.eval(s)
		if b, ok := v.(*blockValue); ok {
			// Velocity 1.7 tests a reference by its toString() (directive.if.tostring.nullcheck):
			// a #define block renders, so its #set and #stop take effect; its text is dropped.
			// Nested past its depth limit, a block's toString is null: false.
			if b.active >= maxBlockDepth {
				return false
			}
			mark := len(s.out)
			s.print(e.pos, b)
			s.out = s.out[:mark]
		}
		return truthy(v)
	case *constExpr:
		b, _ := e.v.(bool)
		return b
	case *notExpr:
		return !s.cond(e.x)
	case *binExpr:
		if e.op >= opAdd {
			return false
		}
		b, _ := e.eval(s).(bool)
		return b
	}
	return false
}

func (e *binExpr) eval(s *state) any {
	switch e.op {
	case opOr:
		return s.cond(e.x) || s.cond(e.y)
	case opAnd:
		return s.cond(e.x) && s.cond(e.y)
	}
	x, y := s.materialize(e.pos, e.x.eval(s)), s.materialize(e.pos, e.y.eval(s))
	if a, ok := x.(int32); ok && e.op <= opGe {
		if b, ok := y.(int32); ok { // Integers, the usual comparison: what compareNumbers gives
			return compareInts(e.op, a, b)
		}
	}
	switch e.op {
	case opEq:
		return s.equalValues(x, y)
	case opNe:
		return !s.equalValues(x, y)
	case opLt, opLe, opGt, opGe:
		if !isNumber(x) || !isNumber(y) {
			s.warn(e.pos, "comparison of %s with %s is false: Velocity 1.7 compares only numbers", javaClass(x), javaClass(y))
			return false
		}
		c := compareNumbers(x, y)
		switch e.op {
		case opLt:
			return c < 0
		case opLe:
			return c <= 0
		case opGt:
			return c > 0
		}
		return c >= 0
	}
	if e.op == opMod && (kindOf(x) == kindDecimal && isNumber(y) || kindOf(y) == kindDecimal && isNumber(x)) {
		s.fail(e.pos, "java.lang.ArithmeticException: Cannot calculate the modulo of BigDecimals.")
		return nil
	}
	if e.op == opMod && negativeBigModulus(x, y) {
		s.fail(e.pos, "java.lang.ArithmeticException: BigInteger: modulus not positive")
		return nil
	}
	if e.op == opAdd {
		_, xs := x.(string)
		_, ys := y.(string)
		if xs || ys {
			// Velocity 1.7 prints a null operand that is not a reference as its source text.
			if b, ok := e.x.(*binExpr); ok && x == nil {
				x = b.lit
			} else if b, ok := e.y.(*binExpr); ok && y == nil {
				y = b.lit
			}
			return s.checkString(e.pos, s.str(x)+s.str(y))
		}
	}
	r := arithmetic(e.op, x, y)
	if r == nil {
		if (e.op == opDiv || e.op == opMod) && isNumber(x) && isNumber(y) {
			s.warn(e.pos, "division by zero gives null")
		} else {
			s.warn(e.pos, "arithmetic on %s and %s gives null", javaClass(x), javaClass(y))
		}
	}
	return r
}

// eval evaluates a reference. API Gateway's rule: an undefined or null result, anywhere
// in the chain, is the empty string.
func (r *refExpr) eval(s *state) any {
	if r.mapPath {
		if len(r.parts) == 1 { // $a.b, the most common reference of all, without mapLookup's loop
			var v any
			switch x := s.slots[r.slot].(type) {
			case *jv.Map:
				p := &r.parts[0]
				var hit bool
				if v, hit = x.ValueAtHint(p.name, &p.hint); !hit {
					v, _ = x.GetStringAt(p.name, &p.hint)
				}
			case *loopInfo:
				var ok bool
				if v, ok = x.property(r.parts[0].name); !ok {
					return r.evalChain(s) // a name of its map
				}
			default:
				return r.evalChain(s)
			}
			if v == nil {
				return "" // as in mapLookup
			}
			return v
		}
		if v, ok := r.mapLookup(s); ok {
			return v
		}
	} else if len(r.parts) == 0 {
		switch v := s.slots[r.slot]; v.(type) {
		case string, int32, bool, *jv.Map, *jv.List:
			return v // a plain $a: the value itself
		}
	}
	return r.evalChain(s)
}

// evalChain is eval by the general path.
func (r *refExpr) evalChain(s *state) any {
	v, ok := r.chain(s, len(r.parts))
	if !ok {
		return ""
	}
	return r.finish(s, v)
}

// mapLookup is eval for the most common references, $a.b.c through maps (a JSON body, a
// map literal, $context) and $foreach.name, without the general machinery. ok is false,
// with nothing done, when a step meets anything else: eval then takes the general path from
// the start.
func (r *refExpr) mapLookup(s *state) (v any, ok bool) {
	v = s.slots[r.slot]
	for i := range r.parts {
		switch x := v.(type) {
		case *jv.Map:
			p := &r.parts[i]
			var hit bool
			if v, hit = x.ValueAtHint(p.name, &p.hint); !hit {
				v, _ = x.GetStringAt(p.name, &p.hint)
			}
		case *loopInfo:
			if v, ok = x.property(r.parts[i].name); !ok {
				return nil, false
			}
		default:
			return nil, false
		}
		if v == nil {
			return "", true // a missing or null value reads as "", as in chain
		}
	}
	return v, true
}

// evalOrAppend is eval for a reference about to be printed. When the chain ends in a method
// call on a host object that can print its result itself (jv.Appender, such as
// $util.escapeJavaScript or $input.json), the result goes straight into the output and
// printed is true.
func (r *refExpr) evalOrAppend(s *state) (v any, printed bool) {
	last := len(r.parts) - 1
	if last < 0 || r.parts[last].kind != partMethod {
		return r.eval(s), false
	}
	// The host is usually the variable itself ($util, $input), taken here without chain's
	// loop; chain warns about an undefined one.
	host := s.slots[r.slot]
	if _, undef := host.(undefinedT); undef || last > 0 || host == nil {
		var ok bool
		if host, ok = r.chain(s, last); !ok {
			return "", false
		}
	}
	p := &r.parts[last]
	a, ok := host.(jv.Appender)
	if !ok || len(p.args) != 1 {
		if v = s.step(host, p); v == nil || s.ctl != ctlNone {
			return "", false
		}
		return r.finish(s, v), false
	}
	if !s.tick(p.pos) {
		return "", false
	}
	arg := s.materialize(p.pos, p.args[0].eval(s))
	if s.ctl != ctlNone {
		return "", false
	}
	if out, printed := a.AppendCall(s.out, p.name, arg); printed {
		s.appended(out)
		return "", true
	}
	// A call the host leaves to CallMethod, with the argument evaluated once, as step does.
	mark := len(s.args)
	s.args = append(s.args, arg)
	v = s.call(host, p, s.args[mark:len(s.args):len(s.args)])
	s.args = s.args[:mark]
	if v == nil || s.ctl != ctlNone {
		return "", false
	}
	return r.finish(s, v), false
}

// chain evaluates the root and the first n parts of the reference; ok is false when it
// ended early at an undefined or null value (the reference then reads as "").
func (r *refExpr) chain(s *state, n int) (v any, ok bool) {
	v = s.slots[r.slot]
	if _, ok := v.(undefinedT); ok {
		if !r.silent {
			s.warn(r.pos, "$%s is not defined: API Gateway reads it as an empty string, which is true in #if", r.name)
		}
		return nil, false
	}
	if v == nil {
		return nil, false
	}
	for i := range r.parts[:n] {
		v = s.step(v, &r.parts[i])
		if v == nil || s.ctl != ctlNone {
			return nil, false
		}
	}
	return v, true
}

// finish is the value of a completed chain: a range becomes its list.
func (r *refExpr) finish(s *state, v any) any {
	if _, ok := v.(*rangeValue); ok {
		return s.materialize(r.pos, v)
	}
	return v
}

// step applies one link of a reference chain to v.
func (s *state) step(v any, p *refPart) any {
	if !s.tick(p.pos) {
		return nil
	}
	switch p.kind {
	case partProperty:
		if m, ok := v.(*jv.Map); ok { // the usual property, without property's dispatch
			r, hit := m.ValueAtHint(p.name, &p.hint)
			if !hit {
				r, _ = m.GetStringAt(p.name, &p.hint)
			}
			return r
		}
		return s.property(v, p)
	case partIndex:
		return s.index(v, p, s.materialize(p.pos, p.args[0].eval(s)))
	}
	if len(p.args) == 0 {
		return s.call(v, p, nil)
	}
	if m, ok := v.(*jv.Map); ok && len(p.args) == 1 && p.name == "get" {
		return s.mapGetCall(m, p)
	}
	// Arguments live on a stack in the state: nested calls push above and pop back.
	mark := len(s.args)
	for _, a := range p.args {
		r := s.materialize(p.pos, a.eval(s))
		s.args = append(s.args, r)
	}
	var r any
	if s.ctl == ctlNone {
		r = s.call(v, p, s.args[mark:len(s.args):len(s.args)])
	}
	s.args = s.args[:mark]
	return r
}

// mapGetCall is $m.get(key) on a map, the usual way templates read a header or a claim
// ($input.params().header.get($h)), without the argument stack and mapMethod's dispatch.
func (s *state) mapGetCall(m *jv.Map, p *refPart) any {
	k := s.materialize(p.pos, p.args[0].eval(s))
	if s.ctl != ctlNone {
		return nil
	}
	return s.checkString(p.pos, mapGet(m, k))
}

// mapGet is Map.get(k): the value, or null for a key that is not there.
func mapGet(m *jv.Map, k any) any {
	if ks, ok := k.(string); ok { // the usual key, without Get's checks
		r, _ := m.GetString(ks)
		return r
	}
	r, _ := m.Get(k)
	return r
}
