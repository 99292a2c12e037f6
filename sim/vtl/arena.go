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
	a.chunk = append(a.chunk, xs...)
	return a.chunk[start:len(a.chunk):len(a.chunk)]
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

func (p *parser) text(t string) *textNode {
	n := p.texts.alloc()
	n.text = t
	return n
}

func (p *parser) refNode(r *refExpr) *refNode {
	n := p.refNodes.alloc()
	n.ref = r
	return n
}

func (p *parser) constant(v any) *constExpr {
	c := p.consts.alloc()
	c.v = v
	return c
}
