// Package jv models the Java values that API Gateway's Velocity templates see.
//
// API Gateway renders mapping templates with Apache Velocity 1.7 running on the JVM, so
// what a template prints depends on Java's classes: a LinkedHashMap prints as {a=1, b=x},
// an ArrayList as [1, 2], a json-smart JSONArray (what $input.path returns for a JSON list)
// as compact JSON, a Double as 2.0. Every package that produces or consumes template values
// (the VTL engine, JSONPath, $input, $util, $context) shares this one representation so
// that those differences survive from the body to the output byte for byte.
//
// A value is one of:
//
//	nil        Java null
//	string     java.lang.String
//	bool       java.lang.Boolean
//	int32      java.lang.Integer
//	int64      java.lang.Long
//	float64    java.lang.Double
//	*big.Int   java.math.BigInteger (json-smart's type for integers past Long)
//	*Map       java.util.LinkedHashMap (insertion-ordered)
//	*List      java.util.ArrayList, or a json-smart JSONArray when List.JSON is set
//	Object     a host object such as $input or $util, with methods of its own
package jv

import (
	"sync/atomic"
	"unsafe"
)

// Map is an insertion-ordered map, like java.util.LinkedHashMap: JSON objects keep their
// document order and VTL map literals keep the order they were written in, which is the
// order they print in. Keys are values too (usually string; a VTL literal may use numbers),
// compared as Java compares them: Integer 1 and Long 1 are different keys.
type Map struct {
	keys  []any
	vals  []any
	extra *mapExtra // nil for most maps
}

// mapExtra is what only some maps have. It sits behind a pointer to keep Map small (a
// parsed body's maps are allocated with every request); the maps of one Document that need
// nothing but their document share the Document's own (see joinDocument).
type mapExtra struct {
	index map[any]int // built only past indexThreshold entries; small maps scan keys
	guard WriteGuard  // vets template writes (PutChecked); nil for ordinary maps
	doc   *Document   // the parsed body the map belongs to, if any (see Document)
}

// ownExtra returns the map's own mapExtra, making one (from the shared one, if any) first.
func (m *Map) ownExtra() *mapExtra {
	if m.extra == nil || m.extra.doc != nil && m.extra == &m.extra.doc.maps {
		e := &mapExtra{}
		if m.extra != nil {
			*e = *m.extra
		}
		m.extra = e
	}
	return m.extra
}

// joinDocument makes the map one of d's.
func (m *Map) joinDocument(d *Document) {
	if m.extra == nil {
		d.maps.doc = d
		m.extra = &d.maps
		return
	}
	m.extra.doc = d
}

// index is the map's hash index, or nil.
func (m *Map) index() map[any]int {
	if m.extra == nil {
		return nil
	}
	return m.extra.index
}

// Document is a parsed request or response body whose maps and lists remember that they
// belong to it, so that a template's writes to any of them mark the document changed.
//
// API Gateway parses the body again for every $input.path and $input.json, so a template that
// changes what one call returned never sees the change in the next call. Parsing once and
// handing out the same tree is only equivalent while nothing has written to it: a map marks
// its document on every write, whoever writes a list's Items calls Touch first, and $input
// asks Changed before reusing the tree.
type Document struct {
	Root    any
	changed bool
	maps    mapExtra // shared by the document's maps (doc is the document itself)
}

// Changed reports whether a template has written to any container of the document.
func (d *Document) Changed() bool { return d.changed }

// touch marks the map's document changed. A map's own writes (Put, Remove, Clear) call it;
// a list's Items are written directly, so whoever writes them calls List.Touch first.
func (m *Map) touch() {
	if m.extra != nil && m.extra.doc != nil {
		m.extra.doc.changed = true
	}
}

// Touch records that list is about to be written to, which marks its document changed.
func (l *List) Touch() {
	if l.doc != nil {
		l.doc.changed = true
	}
}

// WriteGuard vets a template's write to one map before it happens. API Gateway gives some
// maps rules of their own — $context.requestOverride.header may be set only once per name
// in a template — and the engine asks the map's guard before every write a template makes
// (#set, put, putAll, ...). Go code that builds maps (Put) is never vetted.
type WriteGuard interface {
	// CheckPut returns an error, naming what was written, when key may not be written now.
	// render identifies the render that writes: every render of a template has its own, so
	// a guard can tell one template's writes from another's without being reset.
	CheckPut(key any, render uint64) error
}

// SetGuard installs g (nil removes it) as the map's write guard.
func (m *Map) SetGuard(g WriteGuard) { m.ownExtra().guard = g }

// Guard is the map's write guard, or nil.
func (m *Map) Guard() WriteGuard {
	if m.extra == nil {
		return nil
	}
	return m.extra.guard
}

// PutChecked is Put for a write a template makes during render (see WriteGuard): the map's
// guard, when it has one, may refuse it, and then nothing is written. Ordinary maps pay one
// nil check.
func (m *Map) PutChecked(key, value any, render uint64) (previous any, err error) {
	if g := m.Guard(); g != nil {
		if err := g.CheckPut(key, render); err != nil {
			return nil, err
		}
	}
	return m.Put(key, value), nil
}

// indexThreshold is the size from which a map keeps a hash index. Below it a linear scan
// is faster than hashing, and JSON bodies and templates are made of small maps.
const indexThreshold = 8

// NewMap returns an empty map with room for n entries.
func NewMap(n int) *Map {
	return &Map{keys: make([]any, 0, n), vals: make([]any, 0, n)}
}

// Len is the number of entries.
func (m *Map) Len() int { return len(m.keys) }

// find returns the position of key, or -1.
func (m *Map) find(key any) int {
	if index := m.index(); index != nil {
		if i, ok := index[key]; ok {
			return i
		}
		return -1
	}
	if s, ok := key.(string); ok { // the common case, without interface comparisons
		return m.findString(s)
	}
	for i, k := range m.keys {
		if k == key {
			return i
		}
	}
	return -1
}

// Get returns the value stored under key and whether the key is present.
func (m *Map) Get(key any) (any, bool) {
	if m == nil || !comparableKey(key) {
		return nil, false
	}
	if i := m.find(key); i >= 0 {
		return m.vals[i], true
	}
	return nil, false
}

// GetString is Get for a string key, the common case (a template's $map.name, a JSON
// object's keys), without the key's box and type checks.
func (m *Map) GetString(key string) (any, bool) {
	if m == nil {
		return nil, false
	}
	if m.extra != nil && m.extra.index != nil {
		return m.Get(key)
	}
	if i := m.findString(key); i >= 0 {
		return m.vals[i], true
	}
	return nil, false
}

// GetStringAt is GetString for a lookup made again and again at one place of a template
// ($item.label in a loop): hint is that place's memory of where the key was last found,
// which in maps of one shape is where it is again. A hit costs one comparison of
// addresses (the name is interned, see Intern) instead of a scan. The hint is read and
// written atomically because renders of one template run concurrently.
func (m *Map) GetStringAt(key string, hint *uint32) (any, bool) {
	if m != nil {
		if v, hit := m.ValueAtHint(key, hint); hit {
			return v, true
		}
	}
	return m.getStringMissed(key, hint)
}

// ValueAtHint is GetStringAt's hit alone: the value at the hinted position when the key
// there is key itself. It is small enough to inline, so that a caller's usual hit costs no
// call; on a miss (hit false) the caller goes on to GetStringAt.
func (m *Map) ValueAtHint(key string, hint *uint32) (v any, hit bool) {
	if h := atomic.LoadUint32(hint); h < uint32(len(m.keys)) && h < uint32(len(m.vals)) {
		if ks, ok := m.keys[h].(string); ok && unsafe.StringData(ks) == unsafe.StringData(key) && len(ks) == len(key) {
			return m.vals[h], true
		}
	}
	return nil, false
}

// getStringMissed is GetStringAt when the hint was wrong.
func (m *Map) getStringMissed(key string, hint *uint32) (any, bool) {
	if m == nil {
		return nil, false
	}
	if m.extra != nil && m.extra.index != nil {
		return m.Get(key)
	}
	i := m.findString(key)
	if i < 0 {
		return nil, false
	}
	atomic.StoreUint32(hint, uint32(i))
	return m.vals[i], true
}

// Intern returns name as the keys of parsed bodies store it, for a name that is looked up
// in maps again and again (a template's property names): a body's key and an interned
// name of the same text are usually one string, which findString matches by address.
// Names too long or too rare to share come back unchanged.
func Intern(name string) string {
	if k, ok := internKey(name).(string); ok {
		return k
	}
	return name
}

// findString is find for a string key in a map without an index. Names a template looks up
// are interned as a body's keys are (see Intern), so the usual match is the same string
// and compares by address without a call to compare the bytes.
func (m *Map) findString(key string) int {
	for i, k := range m.keys {
		if ks, ok := k.(string); ok && len(ks) == len(key) && (unsafe.StringData(ks) == unsafe.StringData(key) || ks == key) {
			return i
		}
	}
	return -1
}

// Put stores value under key, keeping the key's original position when it is already
// present (as LinkedHashMap does), and returns the previous value.
func (m *Map) Put(key, value any) (previous any) {
	m.touch()
	if !comparableKey(key) {
		key = ToStringKey(key)
	}
	if i := m.find(key); i >= 0 {
		previous = m.vals[i]
		m.vals[i] = value
		return previous
	}
	m.keys = append(m.keys, key)
	m.vals = append(m.vals, value)
	if index := m.index(); index != nil {
		index[key] = len(m.keys) - 1
	} else if len(m.keys) > indexThreshold {
		index = make(map[any]int, 2*len(m.keys))
		for i, k := range m.keys {
			index[k] = i
		}
		m.ownExtra().index = index
	}
	return nil
}

// Remove deletes key and returns the value it had.
func (m *Map) Remove(key any) (previous any) {
	if !comparableKey(key) {
		return nil
	}
	i := m.find(key)
	if i < 0 {
		return nil
	}
	m.touch()
	previous = m.vals[i]
	m.keys = append(m.keys[:i], m.keys[i+1:]...)
	m.vals = append(m.vals[:i], m.vals[i+1:]...)
	if index := m.index(); index != nil {
		delete(index, key)
		for j := i; j < len(m.keys); j++ {
			index[m.keys[j]] = j
		}
	}
	return previous
}

// Clear removes every entry.
func (m *Map) Clear() {
	m.touch()
	clear(m.keys)
	clear(m.vals)
	m.keys, m.vals = m.keys[:0], m.vals[:0]
	if m.index() != nil {
		m.extra.index = nil
	}
}

// Keys returns the keys in order. The slice is the map's own: do not modify it.
func (m *Map) Keys() []any { return m.keys }

// Values returns the values in key order. The slice is the map's own: do not modify it.
func (m *Map) Values() []any { return m.vals }

// comparableKey reports whether key can index a Go map. Java allows any object as a key;
// templates in practice use strings and numbers, and anything else is keyed by its text.
func comparableKey(key any) bool {
	switch key.(type) {
	case nil, string, bool, int32, int64, float64:
		return true
	}
	return false
}

// ToStringKey is the fallback key for values Go cannot hash (maps, lists, big integers):
// their Java string form, which keeps distinct values apart in practice.
var ToStringKey = func(key any) any { return "\x00" + typeName(key) }

func typeName(v any) string {
	switch v.(type) {
	case *Map:
		return "map"
	case *List:
		return "list"
	}
	return "object"
}

// List is a java.util.ArrayList, or a json-smart JSONArray when JSON is set. The two
// behave alike except when printed: an ArrayList prints as [a, b] with each element's
// toString, a JSONArray as compact JSON ([{"foo":"bar"}]).
type List struct {
	Items []any
	JSON  bool
	doc   *Document // the parsed body this list belongs to, if any (see Document)
}

// Object is a host object with Java methods of its own, such as API Gateway's $input and
// $util. Velocity resolves $obj.name on an object through its getter methods
// (getName, getname, get("name"), isName), so a host object needs only methods.
type Object interface {
	// CallMethod invokes the named method. found is false when the object has no such
	// method for these arguments, which Velocity treats as an invalid reference.
	CallMethod(name string, args []any) (result any, found bool, err error)
}

// Appender is a host object that can print a method's String result straight into the
// output, sparing the string and its box: the engine offers it a printed reference that
// ends in a call with one argument, the kind templates print ($util.escapeJavaScript(x),
// $input.json(p)). AppendCall appends what CallMethod(name, [arg]) would return, as
// printed, and reports true; it returns false, having appended nothing and changed
// nothing, for any call it leaves to CallMethod (errors, nulls, other methods). The
// capacity of dst past its length is the engine's to spare: AppendCall may use it as
// scratch space.
type Appender interface {
	AppendCall(dst []byte, name string, arg any) ([]byte, bool)
}
