package jsonpath

import "github.com/apigw-playground/playground/sim/jv"

// evaluation walks one path over one document. aborted is Jayway's PathNotFoundException:
// once set, the whole evaluation yields nothing.
type evaluation struct {
	root    any
	out     []any
	aborted bool
}

// Eval applies the path to the document root: a definite path yields its value or nil; an
// indefinite one yields a JSON list of every match in document order (empty when none).
func (p *Path) Eval(root any) any {
	e := &evaluation{root: root}
	e.step(p.tokens, root, true)
	if p.definite {
		if e.aborted || len(e.out) == 0 {
			return nil
		}
		return e.out[0]
	}
	if e.aborted {
		return &jv.List{JSON: true}
	}
	return &jv.List{Items: e.out, JSON: true}
}

// lookup evaluates a filter operand's path against node: its value, and whether it was found.
func (p *Path) lookup(node any) (any, bool) {
	e := &evaluation{root: node}
	e.step(p.tokens, node, true)
	if e.aborted || len(e.out) == 0 {
		return nil, false
	}
	if p.definite {
		return e.out[0], true
	}
	return &jv.List{Items: e.out, JSON: true}, true
}

// step applies toks to node. An index applied to something that is not a list, or out of
// range, aborts the evaluation. A name applied to something that is not a map, or missing
// from a map (unless it is the last token), aborts when the token just before it was
// definite (upstream) and is skipped otherwise. Jayway 2.0.0 looks only at that one token,
// and counts a slice as definite there: $.a[1:].x aborts where $.a[*].x skips.
func (e *evaluation) step(toks []token, node any, upstream bool) {
	if e.aborted {
		return
	}
	if len(toks) == 0 {
		e.out = append(e.out, node)
		return
	}
	t, rest := &toks[0], toks[1:]
	leaf := len(rest) == 0
	down := t.kind == tokSlice || t.definite()
	switch t.kind {
	case tokProperty:
		m, ok := node.(*jv.Map)
		if !ok {
			e.aborted = upstream
			return
		}
		if len(t.names) > 1 && leaf {
			merged := jv.NewMap(len(t.names))
			for _, name := range t.names {
				if v, ok := m.Get(name); ok {
					merged.Put(name, v)
				}
			}
			e.out = append(e.out, merged)
			return
		}
		for _, name := range t.names {
			v, ok := m.Get(name)
			if !ok {
				if !leaf && upstream {
					e.aborted = true
					return
				}
				continue
			}
			e.step(rest, v, down)
		}
	case tokIndex:
		l, ok := node.(*jv.List)
		if !ok {
			e.aborted = true
			return
		}
		for _, i := range t.indexes {
			if i < 0 || i >= len(l.Items) {
				e.aborted = true
				return
			}
			e.step(rest, l.Items[i], down)
		}
	case tokSlice:
		l, ok := node.(*jv.List)
		if !ok {
			e.aborted = true
			return
		}
		from, to := sliceBounds(t, len(l.Items))
		for i := from; i < to; i++ {
			e.step(rest, l.Items[i], down)
		}
	case tokWildcard:
		switch n := node.(type) {
		case *jv.Map:
			for _, v := range n.Values() {
				e.step(rest, v, false)
			}
		case *jv.List:
			for _, v := range n.Items {
				e.step(rest, v, false)
			}
		}
	case tokFilter:
		switch n := node.(type) {
		case *jv.Map:
			if t.filter.match(e, n) {
				e.step(rest, n, false)
			}
		case *jv.List:
			for _, v := range n.Items {
				if t.filter.match(e, v) {
					e.step(rest, v, false)
				}
			}
		}
	case tokScan:
		e.scan(rest, node)
	}
}

// scan is `..`: at every container, first the rest of the path is tried on the container
// itself (maps for names, wildcards and filters; lists for indexes, slices and wildcards),
// then on its children in order.
func (e *evaluation) scan(toks []token, node any) {
	if e.aborted {
		return
	}
	next := toks[0].kind
	switch n := node.(type) {
	case *jv.Map:
		if next == tokProperty || next == tokWildcard || next == tokFilter {
			e.step(toks, n, false)
		}
		for _, v := range n.Values() {
			e.scan(toks, v)
		}
	case *jv.List:
		if next == tokIndex || next == tokSlice || next == tokWildcard {
			e.step(toks, n, false)
		}
		for _, v := range n.Items {
			e.scan(toks, v)
		}
	}
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
