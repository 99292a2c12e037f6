package jsonpath

import (
	"errors"
	"strconv"

	"github.com/apigw-playground/playground/sim/jv"
)

// MaxSteps bounds the work of one evaluation: every deep scan multiplies it (`$..*..*..*`
// over a deep document grows as depth to the power of the scans), and a render must end.
const MaxSteps = 1_000_000

// ErrTooMuchWork ends an evaluation that went past MaxSteps.
var ErrTooMuchWork = errors.New("JSONPath evaluation stopped after " + strconv.Itoa(MaxSteps) + " steps (a limit of the playground; real paths need far fewer)")

// evaluation walks one path over one document. aborted is an exception in Jayway: once
// set, nothing more is evaluated and, unless something catches it, the whole evaluation
// yields nothing. A wildcard over a list catches PathNotFoundException (a dead end: a name
// on a non-map, an index out of range) for each element; fatal marks the others (an index
// or filter on a scalar, a NumberFormatException in a filter, the step budget).
type evaluation struct {
	root    any
	out     []any
	aborted bool
	fatal   bool
	steps   *int // shared with the evaluations of filter operands
}

func (e *evaluation) notFound() { e.aborted = true }

func (e *evaluation) fail() { e.aborted, e.fatal = true, true }

// Eval applies the path to the document root: a definite path yields its value or nil; an
// indefinite one yields a JSON list of every match in document order (empty when none).
// The only error is ErrTooMuchWork.
func (p *Path) Eval(root any) (any, error) {
	return evalAt(p, "", root)
}

// Read is Compile(path) then Eval(root), with a compile error returned as Compile returns
// it. $input.path and $input.json do this on every call.
func Read(path string, root any) (any, error) {
	return evalAt(nil, path, root)
}

// evalAt is Eval of p, or when p is nil of the path compiled from text. Read and Eval are
// small enough to inline into their callers, so the usual call — a template's literal
// found at its recent slot, a simple path, a name at its hinted position — is this one
// call: the cache lookup and the walk of single names and indexes are written out here,
// without the general machinery (every way a simple path can fail yields nil).
func evalAt(p *Path, text string, root any) (any, error) {
	if p == nil {
		if p = recentPath(text); p == nil {
			var err error
			if p, err = compileCached(text); err != nil {
				return nil, err
			}
		}
	}
	if !p.simple {
		return p.evalGeneral(root)
	}
	node := root
	for i := range p.tokens {
		t := &p.tokens[i]
		if t.kind == tokProperty {
			m, ok := node.(*jv.Map)
			if !ok || m == nil {
				return nil, nil
			}
			if v, hit := m.ValueAtHint(t.names[0], &t.hint); hit {
				node = v
				continue
			}
			if node, ok = m.GetStringAt(t.names[0], &t.hint); !ok {
				return nil, nil
			}
			continue
		}
		l, ok := node.(*jv.List) // the other kind of token a simple path has: one index
		if !ok || uint(t.indexes[0]) >= uint(len(l.Items)) {
			return nil, nil
		}
		node = l.Items[t.indexes[0]]
	}
	return node, nil
}

// evalGeneral is Eval for a path that is not simple.
func (p *Path) evalGeneral(root any) (any, error) {
	steps := 0
	e := &evaluation{root: root, steps: &steps}
	e.step(p.tokens, root)
	if steps > MaxSteps {
		return nil, ErrTooMuchWork
	}
	if p.definite {
		if e.aborted || len(e.out) == 0 {
			return nil, nil
		}
		return e.out[0], nil
	}
	if e.aborted {
		return &jv.List{JSON: true}, nil
	}
	return &jv.List{Items: e.out, JSON: true}, nil
}

// lookup evaluates a filter operand's path against node within the budget of parent: its
// value, and whether it was found.
func (p *Path) lookup(parent *evaluation, node any) (any, bool) {
	e := &evaluation{root: node, steps: parent.steps}
	e.step(p.tokens, node)
	if e.aborted || len(e.out) == 0 {
		return nil, false
	}
	if p.definite {
		return e.out[0], true
	}
	return &jv.List{Items: e.out, JSON: true}, true
}

// step applies toks to node, the way Jayway 2.0.0's tokens do: a name applied to something
// that is not a map, or an index out of range, is a dead end (notFound); a missing name is
// skipped when it is the last token and a dead end otherwise, whatever came before it (only
// a wildcard over a list catches dead ends); an index, slice or filter applied to a scalar
// fails (an index or slice applied to null is a dead end).
func (e *evaluation) step(toks []token, node any) {
	if *e.steps++; *e.steps > MaxSteps {
		e.fail()
	}
	if e.aborted {
		return
	}
	if len(toks) == 0 {
		e.out = append(e.out, node)
		return
	}
	t, rest := &toks[0], toks[1:]
	leaf := len(rest) == 0
	switch t.kind {
	case tokProperty:
		m, ok := node.(*jv.Map)
		if !ok {
			e.notFound()
			return
		}
		if len(t.names) > 1 {
			if !leaf {
				e.notFound() // Jayway 2.0.0 finds nothing under ['a','b'].x
				return
			}
			merged := jv.NewMap(len(t.names))
			for _, name := range t.names {
				if v, ok := m.Get(name); ok {
					merged.Put(name, v)
				}
			}
			e.out = append(e.out, merged)
			return
		}
		v, ok := m.Get(t.names[0])
		if !ok {
			if !leaf {
				e.notFound()
			}
			return
		}
		e.step(rest, v)
	case tokIndex:
		if node == nil {
			e.notFound() // a null is a dead end for Jayway's array tokens, a scalar or map fatal
			return
		}
		l, ok := node.(*jv.List)
		if !ok {
			e.fail()
			return
		}
		for _, i := range t.indexes {
			if i < 0 || i >= len(l.Items) {
				e.notFound()
				return
			}
			e.step(rest, l.Items[i])
		}
	case tokSlice:
		if node == nil {
			e.notFound() // as for an index
			return
		}
		l, ok := node.(*jv.List)
		if !ok {
			e.fail()
			return
		}
		from, to := sliceBounds(t, len(l.Items))
		for i := from; i < to; i++ {
			e.step(rest, l.Items[i])
		}
	case tokWildcard:
		switch n := node.(type) {
		case *jv.Map:
			for _, v := range n.Values() {
				e.step(rest, v)
			}
		case *jv.List:
			for _, v := range n.Items {
				e.step(rest, v)
				if e.aborted && !e.fatal {
					e.aborted = false // caught for this element; what it found stays
				}
			}
		}
	case tokFilter:
		switch n := node.(type) {
		case *jv.Map:
			if t.filter.match(e, n) {
				e.step(rest, n)
			}
		case *jv.List:
			for _, v := range n.Items {
				if t.filter.match(e, v) {
					e.step(rest, v)
				}
			}
		default:
			e.fail() // a filter on a scalar or null
		}
	case tokScan:
		e.scan(rest, node)
	}
}

// scan is `..`, walked as Jayway 2.0.0 walks it: at every container, first the rest of the
// path is tried on the container itself, then the walk goes on into its children in order.
// What is tried on a container depends on the token after `..`: a name, on maps holding
// every name; a wildcard, on maps and lists; a filter, on maps (as themselves); an index or
// slice, on lists — and when more tokens follow it, the index is not applied at all: the
// tokens after it run on every element of the list.
func (e *evaluation) scan(toks []token, node any) {
	if *e.steps++; *e.steps > MaxSteps {
		e.fail()
	}
	if e.aborted {
		return
	}
	next := &toks[0]
	switch n := node.(type) {
	case *jv.Map:
		switch next.kind {
		case tokWildcard, tokFilter:
			e.step(toks, n)
		case tokProperty:
			if hasAll(n, next.names) {
				e.step(toks, n)
			}
		}
		for _, v := range n.Values() {
			e.scan(toks, v)
		}
	case *jv.List:
		switch {
		case next.kind == tokWildcard:
			e.step(toks, n)
		case (next.kind == tokIndex || next.kind == tokSlice) && len(toks) == 1:
			e.step(toks, n)
		case next.kind == tokIndex || next.kind == tokSlice:
			for _, v := range n.Items {
				e.step(toks[1:], v)
			}
		}
		for _, v := range n.Items {
			e.scan(toks, v)
		}
	}
}

func hasAll(m *jv.Map, names []string) bool {
	for _, name := range names {
		if _, ok := m.Get(name); !ok {
			return false
		}
	}
	return true
}

// sliceBounds resolves [from:to] against a list of n items: negative bounds count from the
// end, both are clamped, and a missing bound means the start or the end.
func sliceBounds(t *token, n int) (from, to int) {
	from, to = 0, n
	if t.from != nil {
		from = *t.from
		if from < 0 {
			from += n
		}
	}
	if t.to != nil {
		to = *t.to
		if to < 0 {
			to += n
		}
	}
	from = max(0, min(from, n))
	to = max(0, min(to, n))
	if to < from {
		to = from
	}
	return from, to
}
