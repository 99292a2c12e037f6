package vtl

// Parsing allocates its nodes in chunks: a template is parsed on every keystroke, and a
// few large allocations cost far less than hundreds of small ones.

// sliceArena copies short slices into shared chunks: one allocation for many slices.
type sliceArena[T any] struct{ chunk []T }

// reserve makes the first chunk hold n (at most 128): the parser estimates n from the text.
func (a *sliceArena[T]) reserve(n int) {
	a.chunk = make([]T, 0, min(max(n, 8), 128))
}

func (a *sliceArena[T]) copyOf(xs []T) []T {
	if len(xs) == 0 {
		return nil
	}
	if cap(a.chunk)-len(a.chunk) < len(xs) {
		a.chunk = make([]T, 0, max(min(max(8, 2*cap(a.chunk)), 128), len(xs)))
	}
	start := len(a.chunk)
	a.chunk = a.chunk[:start+len(xs)]
	run := a.chunk[start:len(a.chunk):len(a.chunk)]
	for i, x := range xs { // most slices are short: cheaper than the call append makes
		run[i] = x
	}
	return run
}

// grow appends x to run, a slice the caller is building in a's chunk one element at a
// time (starting from nil), and returns the longer run. While run ends the chunk it grows
// in place; when other slices were added after it meanwhile (a reference's chain is read
// around the chains of its arguments), or the chunk is full, it moves to the chunk's end
// first, leaving a hole. The caller caps the finished run (run[:len(run):len(run)]).
func (a *sliceArena[T]) grow(run []T, x T) []T {
	c := a.chunk
	if len(c) < cap(c) && (len(run) == 0 || len(c) > 0 && &run[len(run)-1] == &c[len(c)-1]) {
		a.chunk = append(c, x)
		return c[len(c)-len(run) : len(c)+1]
	}
	if cap(c)-len(c) <= len(run) {
		a.chunk = make([]T, 0, max(min(max(8, 2*cap(c)), 128), len(run)+1))
	}
	start := len(a.chunk)
	a.chunk = append(append(a.chunk, run...), x)
	return a.chunk[start:]
}

// arena hands out pointers into chunks of T.
type arena[T any] struct{ chunk []T }

// reserve makes the first chunk hold n (at most 64): the parser estimates n from the text.
func (a *arena[T]) reserve(n int) {
	a.chunk = make([]T, 0, min(max(n, 4), 64))
}

func (a *arena[T]) alloc() *T {
	if len(a.chunk) == cap(a.chunk) {
		a.chunk = make([]T, 0, min(max(4, 2*cap(a.chunk)), 64))
	}
	a.chunk = a.chunk[:len(a.chunk)+1]
	return &a.chunk[len(a.chunk)-1]
}

func (p *parser) loop(start, slot int, iterable expr, body []node) *foreachNode {
	n := p.loops.alloc()
	n.pos, n.slot, n.iterable, n.body = p.base+start, slot, iterable, body
	return n
}

func (p *parser) constant(v any) *constExpr {
	c := p.consts.alloc()
	c.v = v
	return c
}

// directiveChunks are the first chunks of the arenas for directives and their expressions
// in one allocation: a template with directives usually has a few nodes of several of
// these kinds, and an allocation for each kind would cost more than parsing them.
type directiveChunks struct {
	ifs      [4]ifNode
	loops    [4]foreachNode
	sets     [4]setNode
	binExprs [4]binExpr
	consts   [4]constExpr
	exprs    [8]expr
	blocks   [8][]node
}

// reserveDirectives gives the directive arenas their first chunks (see directiveChunks).
func (p *parser) reserveDirectives() {
	c := new(directiveChunks)
	p.ifs.chunk, p.loops.chunk, p.sets.chunk = c.ifs[:0], c.loops[:0], c.sets[:0]
	p.binExprs.chunk, p.consts.chunk = c.binExprs[:0], c.consts[:0]
	p.exprs.chunk, p.blocks.chunk = c.exprs[:0], c.blocks[:0]
}
