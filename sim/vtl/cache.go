package vtl

import (
	"container/list"
	"sync"
)

// cacheSize is how many parsed templates Cached keeps. While a user types, each
// keystroke is a new text; the few latest stay parsed, and the scenario's other
// templates (request and response) stay too.
const cacheSize = 256

var cache = struct {
	sync.Mutex
	order *list.List // most recently used first; values are *cacheEntry
	byKey map[string]*list.Element
}{order: list.New(), byKey: map[string]*list.Element{}}

type cacheEntry struct {
	src string
	t   *Template
	err error
}

// Cached is Parse with a bounded least-recently-used cache keyed by the template text,
// safe for concurrent use. Syntax errors are cached too.
func Cached(src string) (*Template, error) {
	cache.Lock()
	if el, ok := cache.byKey[src]; ok {
		cache.order.MoveToFront(el)
		e := el.Value.(*cacheEntry)
		cache.Unlock()
		return e.t, e.err
	}
	cache.Unlock()
	t, err := Parse(src)
	cache.Lock()
	defer cache.Unlock()
	if el, ok := cache.byKey[src]; ok { // parsed concurrently
		cache.order.MoveToFront(el)
		return t, err
	}
	cache.byKey[src] = cache.order.PushFront(&cacheEntry{src, t, err})
	for cache.order.Len() > cacheSize {
		last := cache.order.Back()
		cache.order.Remove(last)
		delete(cache.byKey, last.Value.(*cacheEntry).src)
	}
	return t, err
}
