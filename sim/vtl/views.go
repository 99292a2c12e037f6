package vtl

import (
	"github.com/apigw-playground/playground/sim/jv"
)

// mapView is what keySet(), values() and entrySet() return: like Java's, a live view of
// the map, so it sees later changes, removing through it changes the map, and a
// #foreach over it fails when the body changes the map's size.
type mapView struct {
	m    *jv.Map
	kind viewKind
}

type viewKind uint8

const (
	viewKeys viewKind = iota
	viewValues
	viewEntries
)

func (v *mapView) size() int { return v.m.Len() }

func (v *mapView) item(i int) any {
	switch v.kind {
	case viewKeys:
		return v.m.Keys()[i]
	case viewValues:
		return v.m.Values()[i]
	}
	return &jv.Entry{Key: v.m.Keys()[i], Value: v.m.Values()[i], Map: v.m}
}

// items copies the view's elements.
func (v *mapView) items() []any {
	out := make([]any, v.size())
	for i := range out {
		out[i] = v.item(i)
	}
	return out
}

// JavaString prints the view as Java's AbstractCollection.toString does: [a, b].
func (v *mapView) JavaString() string { return jv.ToString(&jv.List{Items: v.items()}) }

func (v *mapView) javaClass() string {
	return [...]string{"java.util.LinkedHashMap$LinkedKeySet", "java.util.LinkedHashMap$LinkedValues",
		"java.util.LinkedHashMap$LinkedEntrySet"}[v.kind]
}

func (v *mapView) method(name string, args []any) (any, bool) {
	switch {
	case len(args) == 0 && name == "size":
		return int32(v.size()), true
	case len(args) == 0 && name == "isEmpty":
		return v.size() == 0, true
	case len(args) == 0 && name == "iterator":
		return &iteratorValue{list: &jv.List{Items: v.items()}}, true
	case len(args) == 0 && name == "clear":
		v.m.Clear()
		return nil, true
	case len(args) == 1 && name == "contains":
		return v.indexOf(args[0]) >= 0, true
	case len(args) == 1 && name == "remove":
		i := v.indexOf(args[0])
		if i < 0 {
			return false, true
		}
		v.m.Remove(v.m.Keys()[i])
		return true, true
	}
	return nil, false
}

func (v *mapView) indexOf(x any) int {
	if v.kind == viewKeys {
		if _, ok := v.m.Get(x); !ok {
			return -1
		}
		for i, k := range v.m.Keys() {
			if javaEquals(k, x) {
				return i
			}
		}
		return -1
	}
	for i := 0; i < v.size(); i++ {
		if javaEquals(v.item(i), x) {
			return i
		}
	}
	return -1
}

// collectionItems returns the elements of a list or map view, for methods taking any
// Collection (addAll, containsAll).
func collectionItems(c any) ([]any, bool) {
	switch x := c.(type) {
	case *jv.List:
		return x.Items, true
	case *mapView:
		return x.items(), true
	}
	return nil, false
}
