package vtl

import (
	"slices"
	"testing"
)

// TestSliceArenaGrow builds runs the way chain does: one at a time, with other runs
// added in the middle of one, and across a full chunk.
func TestSliceArenaGrow(t *testing.T) {
	tests := []struct {
		name string
		cap  int
	}{
		{"room for all", 64},
		{"chunks fill up", 2},
		{"no first chunk", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var a sliceArena[int]
			if tc.cap > 0 {
				a.chunk = make([]int, 0, tc.cap)
			}
			var outer, inner, later []int
			outer = a.grow(outer, 1)
			outer = a.grow(outer, 2)
			inner = a.grow(inner, 10) // a nested run starts after outer's end
			inner = a.grow(inner, 11)
			outer = a.grow(outer, 3) // outer moves past inner
			outer = outer[:len(outer):len(outer)]
			later = a.grow(later, 20)
			if want := []int{1, 2, 3}; !slices.Equal(outer, want) {
				t.Errorf("outer = %v, want %v", outer, want)
			}
			if want := []int{10, 11}; !slices.Equal(inner, want) {
				t.Errorf("inner = %v, want %v", inner, want)
			}
			if want := []int{20}; !slices.Equal(later, want) {
				t.Errorf("later = %v, want %v", later, want)
			}
		})
	}
}

// TestNestedChains checks that the parts of references nested in the arguments and
// indexes of another stay apart from its own (chain builds them in one arena).
func TestNestedChains(t *testing.T) {
	tmpl, err := Parse(`$a.b.c($x.y.z, $u.v).d[$m.n].e.f($p.q($r.s).t)`)
	if err != nil {
		t.Fatal(err)
	}
	r := tmpl.root[0].(*refNode).ref
	var names func(r *refExpr) []string
	names = func(r *refExpr) []string {
		out := []string{r.name}
		for _, p := range r.parts {
			out = append(out, p.name)
			for _, a := range p.args {
				if ar, ok := a.(*refExpr); ok {
					out = append(out, "(")
					out = append(out, names(ar)...)
					out = append(out, ")")
				}
			}
		}
		return out
	}
	want := []string{"a", "b", "c", "(", "x", "y", "z", ")", "(", "u", "v", ")", "d", "", "(", "m", "n", ")",
		"e", "f", "(", "p", "q", "(", "r", "s", ")", "t", ")"}
	if got := names(r); !slices.Equal(got, want) {
		t.Errorf("parts = %q\nwant    %q", got, want)
	}
}
