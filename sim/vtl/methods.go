package vtl

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/apigw-playground/playground/sim/jv"
)

// javaException ends the render the way a Java exception in a method ends a Velocity
// merge (MethodInvocationException).
func (s *state) javaException(p *refPart, v any, exception string) any {
	s.fail(p.pos, "Invocation of method '%s' in class %s threw exception %s", p.name, javaClass(v), exception)
	return nil
}

// property resolves $v.name the way Velocity's introspection does: getName(),
// getname(), get("name") (every Map), isName().
func (s *state) property(v any, p *refPart) any {
	switch x := v.(type) {
	case *jv.Map:
		r, _ := x.GetStringAt(p.name, &p.hint)
		return r
	case jv.Object:
		g := p.getters()
		for _, name := range [...]string{g.getter, g.lower} {
			if r, ok := s.hostCall(x, p, name, nil); ok {
				return r
			}
		}
		if r, ok := s.hostCall(x, p, "get", []any{p.name}); ok {
			return r
		}
		if r, ok := s.hostCall(x, p, g.is, nil); ok {
			return r
		}
		s.warn(p.pos, "the object has no property %q: it prints empty", p.name)
		return nil
	case *loopInfo:
		if r, ok := x.property(p.name); ok {
			return r
		}
		if x.entries != nil {
			r, _ := x.entries.GetString(p.name)
			return r
		}
		return nil // a key of the (empty) scope map
	case *classValue:
		if r, ok := x.method(p.getters().getter, nil); ok {
			return r
		}
	case *jv.Entry:
		switch p.name {
		case "key":
			return x.Key
		case "value":
			return x.Value
		}
	case string:
		switch p.name {
		case "empty":
			return len(x) == 0
		case "bytes":
			r, _ := s.stringMethod(x, &refPart{name: "getBytes", pos: p.pos}, nil)
			return r
		}
	case *jv.List:
		if p.name == "empty" {
			return len(x.Items) == 0
		}
	case *mapView:
		if p.name == "empty" {
			return x.size() == 0
		}
	}
	if p.name == "class" {
		return &classValue{javaClass(v)}
	}
	s.warn(p.pos, "%s has no property %q: it prints empty (a method needs parentheses, e.g. .%s())", javaClass(v), p.name, p.name)
	return nil
}

// hostCall calls a host object's method; ok is false when it has none by that name.
func (s *state) hostCall(o jv.Object, p *refPart, name string, args []any) (any, bool) {
	r, found, err := o.CallMethod(name, args)
	if err != nil {
		s.fail(p.pos, "Invocation of method '%s' threw exception %v", name, err)
		return nil, true
	}
	return r, found
}

// index resolves $v[i]: a list element (negative counts from the end), a map entry.
func (s *state) index(v any, p *refPart, i any) any {
	switch x := v.(type) {
	case *jv.List:
		n, ok := i.(int32)
		if !ok {
			s.warn(p.pos, "a list index must be an Integer, not %s", javaClass(i))
			return nil
		}
		k := int(n)
		if k < 0 {
			k += len(x.Items)
		}
		if k < 0 || k >= len(x.Items) {
			s.fail(p.pos, "index %d out of bounds for list of size %d", n, len(x.Items))
			return nil
		}
		return x.Items[k]
	case *loopInfo:
		return s.index(x.entryMap(), p, i)
	case *jv.Map:
		if n, ok := i.(int32); ok && n < 0 {
			i = n + int32(x.Len()) // 1.7 counts a negative index from size()
		}
		r, _ := x.Get(i)
		return r
	case jv.Object:
		if r, ok := s.hostCall(x, p, "get", []any{i}); ok {
			return r
		}
	}
	if n, ok := i.(int32); ok && n < 0 {
		s.fail(p.pos, "A 'size()' method required for negative value %d does not exist for class '%s'", n, javaClass(v))
		return nil
	}
	s.warn(p.pos, "%s cannot be indexed with [...]: it prints empty", javaClass(v))
	return nil
}

// setProperty is #set($v.name = value).
func (s *state) setProperty(v any, p *refPart, value any) {
	switch x := v.(type) {
	case *jv.Map:
		s.put(p.pos, x, p.name, value)
		return
	case *loopInfo:
		s.put(p.pos, x.entryMap(), p.name, value)
		return
	case jv.Object:
		if _, ok := s.hostCall(x, p, p.getters().setter, []any{value}); ok {
			return
		}
		if _, ok := s.hostCall(x, p, "put", []any{p.name, value}); ok {
			return
		}
	}
	s.warn(p.pos, "#set cannot set property %q on %s: nothing happens", p.name, javaClass(v))
}

// renders numbers the renders that write to maps, for the maps' write guards.
var renders atomic.Uint64

// put is every write a template makes to a map: the map's write guard (jv.WriteGuard)
// may refuse it, which stops the render with an error at off.
func (s *state) put(off int, m *jv.Map, key, value any) (previous any, ok bool) {
	if s.render == 0 {
		s.render = renders.Add(1)
	}
	previous, err := m.PutChecked(key, value, s.render)
	if err != nil {
		s.fail(off, "%s", err.Error())
		return nil, false
	}
	return previous, true
}

// setIndex is #set($v[i] = value).
func (s *state) setIndex(v any, p *refPart, value any) {
	i := s.materialize(p.pos, p.args[0].eval(s))
	if l, ok := v.(*loopInfo); ok {
		v = l.entryMap()
	}
	switch x := v.(type) {
	case *jv.Map:
		s.put(p.pos, x, i, value)
		return
	case *jv.List:
		n, ok := i.(int32)
		if !ok {
			break
		}
		k := int(n)
		if k < 0 {
			k += len(x.Items)
		}
		if k < 0 || k >= len(x.Items) {
			s.fail(p.pos, "index %d out of bounds for list of size %d", n, len(x.Items))
			return
		}
		x.Touch()
		x.Items[k] = value
		return
	}
	s.warn(p.pos, "#set cannot set [%s] on %s: nothing happens", jv.ToString(i), javaClass(v))
}

// call invokes a Java method on v. A method that does not exist is an invalid reference
// on API Gateway (it prints empty), reported as a warning.
func (s *state) call(v any, p *refPart, args []any) any {
	var r any
	found := true
	switch x := v.(type) {
	case string:
		r, found = s.stringMethod(x, p, args)
	case *jv.List:
		r, found = s.listMethod(x, p, args)
	case *jv.Map:
		r, found = s.mapMethod(x, p, args)
	case int32, int64, float64, *big.Int, *jv.BigDecimal:
		r, found = s.numberMethod(x, p, args)
	case bool:
		r, found = s.boolMethod(x, p, args)
	case *jv.Entry:
		switch {
		case p.name == "getKey" && len(args) == 0:
			r = x.Key
		case p.name == "getValue" && len(args) == 0:
			r = x.Value
		case p.name == "setValue" && len(args) == 1:
			r, x.Value = x.Value, args[0]
			if x.Map != nil {
				s.put(p.pos, x.Map, x.Key, args[0]) // entries of entrySet() write through
			}
		default:
			found = false
		}
	case *loopInfo:
		if r, found = loopMethod(x, p.name, args); !found {
			r, found = s.mapMethod(x.entryMap(), p, args)
		}
	case *classValue:
		r, found = x.method(p.name, args)
	case *iteratorValue:
		r, found = x.method(s, p, args)
	case *mapView:
		r, found = x.method(p.name, args)
	case jv.Object:
		r, found = s.hostCall(x, p, p.name, args)
	default:
		found = false
	}
	if found || s.ctl != ctlNone {
		return s.checkString(p.pos, r)
	}
	switch {
	case p.name == "toString" && len(args) == 0:
		return s.str(v)
	case p.name == "equals" && len(args) == 1:
		return sameClass(v, args[0]) && javaEquals(v, args[0])
	case p.name == "getClass" && len(args) == 0:
		return &classValue{javaClass(v)}
	case p.name == "hashCode" && len(args) == 0:
		return hashCode(v)
	}
	s.warn(p.pos, "%s has no method %s with %d argument(s): the reference prints empty", javaClass(v), p.name, len(args))
	return nil
}

// maxListItems bounds a list a template builds (addAll doubling in a loop).
const maxListItems = 1 << 20

// iteratorValue is a list's iterator().
type iteratorValue struct {
	list *jv.List
	next int
}

func (it *iteratorValue) method(s *state, p *refPart, args []any) (any, bool) {
	if len(args) != 0 {
		return nil, false
	}
	switch p.name {
	case "hasNext":
		return it.next < len(it.list.Items), true
	case "next":
		if it.next >= len(it.list.Items) {
			return s.javaException(p, it, "java.util.NoSuchElementException"), true
		}
		it.next++
		return it.list.Items[it.next-1], true
	}
	return nil, false
}

// classValue is a java.lang.Class, from getClass() or .class.
type classValue struct{ name string }

func (c *classValue) JavaString() string { return "class " + c.name }

func (c *classValue) method(name string, args []any) (any, bool) {
	if len(args) != 0 {
		return nil, false
	}
	switch name {
	case "getName", "getTypeName":
		return c.name, true
	case "getSimpleName":
		return c.name[strings.LastIndexByte(c.name, '.')+1:], true
	}
	return nil, false
}

// property is $foreach.name; ok is false for a name $foreach does not have.
func (x *loopInfo) property(name string) (v any, ok bool) {
	switch name {
	case "index":
		return int32(x.index), true
	case "count":
		return int32(x.index + 1), true
	case "hasNext":
		return x.hasNext, true
	case "first":
		return x.index == 0, true
	case "last":
		return !x.hasNext, true
	case "parent":
		return x.parent, true
	}
	return nil, false
}

func loopMethod(x *loopInfo, name string, args []any) (any, bool) {
	if len(args) != 0 {
		return nil, false
	}
	switch name {
	case "getIndex":
		return int32(x.index), true
	case "getCount":
		return int32(x.index + 1), true
	case "hasNext", "getHasNext":
		return x.hasNext, true
	case "isFirst", "getFirst":
		return x.index == 0, true
	case "isLast", "getLast":
		return !x.hasNext, true
	case "getParent":
		return x.parent, true
	}
	return nil, false
}

// intArg is an int parameter: Velocity passes only Integer (not Long) to int.
func intArg(v any) (int, bool) {
	n, ok := v.(int32)
	return int(n), ok
}

func (s *state) listMethod(l *jv.List, p *refPart, args []any) (any, bool) {
	switch p.name {
	case "clear", "add", "addAll", "remove", "set":
		l.Touch() // may write l.Items below
	}
	switch len(args) {
	case 0:
		switch p.name {
		case "size":
			return int32(len(l.Items)), true
		case "isEmpty":
			return len(l.Items) == 0, true
		case "clear":
			l.Items = l.Items[:0]
			return nil, true
		case "iterator", "listIterator":
			return &iteratorValue{list: l}, true
		}
	case 1:
		switch p.name {
		case "get":
			i, ok := intArg(args[0])
			if !ok {
				return nil, false
			}
			if i < 0 || i >= len(l.Items) {
				return s.javaException(p, l, outOfBounds(i, len(l.Items))), true
			}
			return l.Items[i], true
		case "add":
			l.Items = append(l.Items, args[0])
			return true, true
		case "addAll":
			items, ok := collectionItems(args[0])
			if !ok {
				return nil, false
			}
			if len(l.Items)+len(items) > maxListItems {
				s.fail(p.pos, "a list grew past %d elements", maxListItems)
				return nil, true
			}
			l.Items = append(l.Items, items...)
			return len(items) > 0, true
		case "contains":
			return indexOf(l.Items, args[0]) >= 0, true
		case "containsAll":
			items, ok := collectionItems(args[0])
			if !ok {
				return nil, false
			}
			for _, it := range items {
				if indexOf(l.Items, it) < 0 {
					return false, true
				}
			}
			return true, true
		case "indexOf":
			return int32(indexOf(l.Items, args[0])), true
		case "lastIndexOf":
			for i := len(l.Items) - 1; i >= 0; i-- {
				if javaEquals(l.Items[i], args[0]) {
					return int32(i), true
				}
			}
			return int32(-1), true
		case "remove":
			// Java picks remove(int) for an Integer argument, remove(Object) otherwise.
			if i, ok := intArg(args[0]); ok {
				if i < 0 || i >= len(l.Items) {
					return s.javaException(p, l, outOfBounds(i, len(l.Items))), true
				}
				r := l.Items[i]
				l.Items = append(l.Items[:i], l.Items[i+1:]...)
				return r, true
			}
			if i := indexOf(l.Items, args[0]); i >= 0 {
				l.Items = append(l.Items[:i], l.Items[i+1:]...)
				return true, true
			}
			return false, true
		case "equals":
			return javaEquals(l, args[0]), true
		}
	case 2:
		switch p.name {
		case "set", "add":
			i, ok := intArg(args[0])
			if !ok {
				return nil, false
			}
			limit := len(l.Items)
			if p.name == "add" {
				limit++
			}
			if i < 0 || i >= limit {
				return s.javaException(p, l, outOfBounds(i, len(l.Items))), true
			}
			if p.name == "set" {
				r := l.Items[i]
				l.Items[i] = args[1]
				return r, true
			}
			l.Items = append(l.Items, nil)
			copy(l.Items[i+1:], l.Items[i:])
			l.Items[i] = args[1]
			return nil, true
		case "subList":
			a, ok1 := intArg(args[0])
			b, ok2 := intArg(args[1])
			if !ok1 || !ok2 {
				return nil, false
			}
			if a < 0 || b > len(l.Items) || a > b {
				return s.javaException(p, l, "java.lang.IndexOutOfBoundsException: fromIndex: "+strconv.Itoa(a)+", toIndex: "+strconv.Itoa(b)+", size: "+strconv.Itoa(len(l.Items))), true
			}
			return &jv.List{Items: append([]any(nil), l.Items[a:b]...), JSON: l.JSON}, true
		}
	}
	return nil, false
}

func outOfBounds(i, n int) string {
	return "java.lang.IndexOutOfBoundsException: Index " + strconv.Itoa(i) + " out of bounds for length " + strconv.Itoa(n)
}

func indexOf(items []any, v any) int {
	for i, it := range items {
		if javaEquals(it, v) {
			return i
		}
	}
	return -1
}

func (s *state) mapMethod(m *jv.Map, p *refPart, args []any) (any, bool) {
	switch len(args) {
	case 0:
		switch p.name {
		case "size":
			return int32(m.Len()), true
		case "isEmpty":
			return m.Len() == 0, true
		case "keySet":
			return &mapView{m, viewKeys}, true
		case "values":
			return &mapView{m, viewValues}, true
		case "entrySet":
			return &mapView{m, viewEntries}, true
		case "clear":
			m.Clear()
			return nil, true
		}
	case 1:
		switch p.name {
		case "get":
			return mapGet(m, args[0]), true
		case "containsKey":
			_, ok := m.Get(args[0])
			return ok, true
		case "containsValue":
			return indexOf(m.Values(), args[0]) >= 0, true
		case "remove":
			return m.Remove(args[0]), true
		case "putAll":
			o, ok := args[0].(*jv.Map)
			if !ok {
				return nil, false
			}
			keys, vals := append([]any(nil), o.Keys()...), append([]any(nil), o.Values()...)
			for i, k := range keys {
				if _, ok := s.put(p.pos, m, k, vals[i]); !ok {
					break
				}
			}
			return nil, true
		case "equals":
			return javaEquals(m, args[0]), true
		}
	case 2:
		switch p.name {
		case "put":
			r, _ := s.put(p.pos, m, args[0], args[1])
			return r, true
		case "getOrDefault":
			if r, ok := m.Get(args[0]); ok {
				return r, true
			}
			return args[1], true
		case "putIfAbsent":
			if r, ok := m.Get(args[0]); ok && r != nil {
				return r, true
			}
			s.put(p.pos, m, args[0], args[1])
			return nil, true
		case "replace": // Java 8's Map.replace(key, value): only a key that is there
			if _, ok := m.Get(args[0]); ok {
				r, _ := s.put(p.pos, m, args[0], args[1])
				return r, true
			}
			return nil, true
		case "remove": // Map.remove(key, value): only when the key maps to an equal value
			if r, ok := m.Get(args[0]); ok && javaEquals(r, args[1]) {
				m.Remove(args[0])
				return true, true
			}
			return false, true
		}
	case 3:
		if p.name == "replace" { // Map.replace(key, oldValue, newValue)
			if r, ok := m.Get(args[0]); ok && javaEquals(r, args[1]) {
				_, ok := s.put(p.pos, m, args[0], args[2])
				return ok, true
			}
			return false, true
		}
	}
	return nil, false
}

func (s *state) numberMethod(x any, p *refPart, args []any) (any, bool) {
	if len(args) == 1 {
		// Static parsers reached through an instance, as Velocity allows.
		if str, ok := args[0].(string); ok {
			switch p.name {
			case "parseInt", "valueOf", "parseLong", "parseDouble":
				return s.parseNumber(p, x, str)
			}
		}
	}
	if len(args) == 0 {
		switch p.name {
		case "intValue":
			return int32(toInt64(x)), true
		case "longValue":
			return toInt64(x), true
		case "doubleValue":
			return toFloat(x), true
		}
		return nil, false
	}
	if len(args) == 1 {
		switch p.name {
		case "equals":
			return javaEquals(x, args[0]), true
		case "compareTo":
			if !sameClass(x, args[0]) {
				return s.classCast(p, x, args[0]), true
			}
			return int32(compareNumbers(x, args[0])), true
		}
	}
	return nil, false
}

// boolMethod is java.lang.Boolean's own methods (toString, equals and hashCode are
// handled for every value by call).
func (s *state) boolMethod(x bool, p *refPart, args []any) (any, bool) {
	switch {
	case p.name == "booleanValue" && len(args) == 0:
		return x, true
	case p.name == "compareTo" && len(args) == 1:
		y, ok := args[0].(bool)
		if !ok {
			return s.classCast(p, x, args[0]), true
		}
		return int32(b2i(x) - b2i(y)), true
	}
	return nil, false
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// classCast is the ClassCastException of Comparable.compareTo(Object), the bridge method
// Velocity picks when the argument is not of the receiver's class.
func (s *state) classCast(p *refPart, x, arg any) any {
	from, to := javaClass(arg), javaClass(x)
	return s.javaException(p, x, "java.lang.ClassCastException: class "+from+" cannot be cast to class "+to+
		" ("+from+" and "+to+" are in module java.base of loader 'bootstrap')")
}

// parseNumber is Integer.parseInt, Long.parseLong, Double.parseDouble (and valueOf) as
// the class of x offers them.
func (s *state) parseNumber(p *refPart, x any, str string) (any, bool) {
	wantDouble := p.name == "parseDouble" || p.name == "valueOf" && kindOf(x) == kindDouble
	if wantDouble {
		f, err := strconv.ParseFloat(strings.TrimSpace(str), 64)
		if err != nil {
			return s.javaException(p, x, "java.lang.NumberFormatException: For input string: \""+str+"\""), true
		}
		return f, true
	}
	bits := 32
	if p.name == "parseLong" || p.name == "valueOf" && kindOf(x) == kindLong {
		bits = 64
	}
	n, err := strconv.ParseInt(strings.TrimPrefix(str, "+"), 10, bits)
	if err != nil || str == "" {
		return s.javaException(p, x, "java.lang.NumberFormatException: For input string: \""+str+"\""), true
	}
	if bits == 32 {
		return int32(n), true
	}
	return n, true
}

// hashCode is Java's hashCode for the value model (strings, numbers, lists, maps).
func hashCode(v any) int32 { return hashDepth(v, 0) }

func hashDepth(v any, depth int) int32 {
	if depth > maxCompareDepth {
		return 0
	}
	switch x := v.(type) {
	case string:
		var h int32
		for _, u := range utf16Of(x) {
			h = 31*h + int32(u)
		}
		return h
	case int32:
		return x
	case int64:
		return int32(x ^ int64(uint64(x)>>32))
	case float64:
		bits := math.Float64bits(x)
		return int32(bits ^ bits>>32)
	case bool:
		if x {
			return 1231
		}
		return 1237
	case *jv.List:
		h := int32(1)
		for _, e := range x.Items {
			h = 31*h + hashDepth(e, depth+1)
		}
		return h
	case *jv.Map:
		var h int32
		for i, k := range x.Keys() {
			h += hashDepth(k, depth+1) ^ hashDepth(x.Values()[i], depth+1)
		}
		return h
	}
	return 0
}
