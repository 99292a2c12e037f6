// Package jsonpath evaluates JSONPath the way API Gateway's $input.path and $input.json do:
// with the semantics of Jayway JsonPath (the oracle runs 2.0.0) over jv values.
//
// What differs from other JSONPath implementations, and matters to templates:
//   - A definite path ($.a.b, $.a[0], $['a','b']) yields one value; anything with a wildcard,
//     deep scan, slice, index list or filter yields a list (a JSON list, which prints as JSON).
//   - Results are in document order.
//   - A path that finds nothing yields nil for a definite path and an empty list otherwise
//     (Jayway with SUPPRESS_EXCEPTIONS). Dead ends — an index out of range (negative ones
//     too), a name on a non-map — end the whole evaluation that way unless a wildcard over a
//     list is there to skip the element; a missing last name is just skipped.
//   - Filter literals are text and compare as Jayway's safeCompare does (see compare).
//
// docs/fidelity.md lists every rule with the oracle evidence behind it.
package jsonpath

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/apigw-playground/playground/sim/jv"
)

// Error is a path Jayway refuses (InvalidPathException).
type Error struct {
	Path    string
	Message string
}

func (e *Error) Error() string {
	return "com.jayway.jsonpath.InvalidPathException: " + e.Message
}

// Path is a compiled JSONPath.
type Path struct {
	text     string
	tokens   []token
	definite bool
	simple   bool // only single names and single indexes (see evalAt)
}

// String returns the path as written.
func (p *Path) String() string { return p.text }

// Definite reports whether the path names at most one value.
func (p *Path) Definite() bool { return p.definite }

type tokenKind uint8

const (
	tokProperty tokenKind = iota // .name, ['a'], ['a','b']
	tokIndex                     // [0], [0,1]
	tokSlice                     // [1:3], [:2], [-2:]
	tokWildcard                  // .*, [*]
	tokScan                      // ..
	tokFilter                    // [?(...)]
)

type token struct {
	kind    tokenKind
	names   []string
	indexes []int
	from    *int
	to      *int
	filter  expr
	// hint is where evalAt last found the token's single name in a map (see
	// jv.Map.GetStringAt): bodies of one shape keep a name at one position.
	hint uint32
}

// definite reports whether this token can only select one value. Property tokens count as
// definite even with several names (Jayway 2.0.0 returns null, not [], when such a path
// fails).
func (t *token) definite() bool {
	switch t.kind {
	case tokProperty:
		return true
	case tokIndex:
		return len(t.indexes) == 1
	}
	return false
}

// cacheLimit bounds the compiled-path cache; past it, paths are compiled per use. Templates
// use a handful of distinct paths, so the limit only matters for hostile input.
const cacheLimit = 4096

// cache maps path text to *Path. Every $input.path and $input.json call looks a path up, and
// a sync.Map reads without locking; cached counts the entries for cacheLimit.
var (
	cache  sync.Map
	cached atomic.Int32
)

// recent fronts the cache, indexed by where a path's text is stored: the path of a
// template's $input.path('…') is the same string at every render, so the usual lookup is
// one load and a comparison that succeeds on the pointer, where the cache hashes the
// text. A slot holds the last path compiled for it; any other text at that slot only
// misses (the comparison is of the whole text).
var recent [64]atomic.Pointer[Path]

func recentSlot(path string) *atomic.Pointer[Path] {
	at := uintptr(unsafe.Pointer(unsafe.StringData(path)))
	return &recent[(at>>3^uintptr(len(path)))%uintptr(len(recent))]
}

// Compile returns the compiled path, from a process-wide cache when it was seen before.
func Compile(path string) (*Path, error) {
	if p := recentPath(path); p != nil {
		return p, nil
	}
	return compileCached(path)
}

// recentPath is the usual lookup: a template's literal met again at its slot, found by
// the address of its text without comparing bytes. nil means look further (compileCached).
func recentPath(path string) *Path {
	if p := recentSlot(path).Load(); p != nil && unsafe.StringData(p.text) == unsafe.StringData(path) && len(p.text) == len(path) {
		return p
	}
	return nil
}

// compileCached is Compile past recentPath: the same text stored elsewhere, the
// process-wide cache, or a compile.
func compileCached(path string) (*Path, error) {
	slot := recentSlot(path)
	if p := slot.Load(); p != nil && p.text == path {
		return p, nil
	}
	var p *Path
	if cachedPath, ok := cache.Load(path); ok {
		p = cachedPath.(*Path)
	} else {
		var err error
		if p, err = compile(path); err != nil {
			return nil, err
		}
		if cached.Load() < cacheLimit {
			if _, loaded := cache.LoadOrStore(path, p); !loaded {
				cached.Add(1)
			}
		}
	}
	slot.Store(p)
	return p, nil
}

// maxPathLength keeps hostile paths from costing much; real ones are short.
const maxPathLength = 4096

func compile(path string) (*Path, error) {
	text := path
	path = strings.TrimSpace(path)
	if path == "" {
		return nil, &Error{Path: text, Message: "path can not be null or empty"}
	}
	if len(path) > maxPathLength {
		return nil, &Error{Path: text, Message: "path is longer than " + strconv.Itoa(maxPathLength) + " characters"}
	}
	if path[0] != '$' && path[0] != '@' {
		path = "$." + path
	}
	c := &compiler{src: path, pos: 1, text: text}
	tokens, err := c.tokens()
	if err != nil {
		return nil, err
	}
	p := &Path{text: text, tokens: tokens, definite: true, simple: true}
	for i := range tokens {
		t := &tokens[i]
		if !t.definite() {
			p.definite = false
		}
		if !t.definite() || len(t.names) > 1 {
			p.simple = false
		}
		if t.kind == tokProperty && len(t.names) == 1 {
			// Stored as a body's keys are, a name matches its key by address (jv.Intern).
			t.names[0] = jv.Intern(t.names[0])
		}
	}
	return p, nil
}

type compiler struct {
	src  string
	pos  int
	text string
}

func (c *compiler) fail(msg string) error {
	return &Error{Path: c.text, Message: msg}
}

// unreadable is Jayway's error for a bracket it cannot read, quoting it from open on.
func (c *compiler) unreadable(open int) error {
	return c.fail("Could not analyze path component: " + c.src[open:])
}

func (c *compiler) skipSpaces() {
	for c.pos < len(c.src) && c.src[c.pos] == ' ' {
		c.pos++
	}
}

func (c *compiler) tokens() ([]token, error) {
	var tokens []token
	for c.pos < len(c.src) {
		switch c.src[c.pos] {
		case '.':
			if strings.HasPrefix(c.src[c.pos:], "..") {
				c.pos += 2
				if c.pos >= len(c.src) {
					return nil, c.fail("A path can not end with a scan.")
				}
				tokens = append(tokens, token{kind: tokScan})
				if c.src[c.pos] == '[' {
					continue
				}
			} else {
				c.pos++
				if c.pos >= len(c.src) {
					return nil, c.fail("Path must not end with a '.'")
				}
				if c.src[c.pos] == '[' {
					continue // "$.[0]" reads as "$[0]"
				}
			}
			t, err := c.dotName()
			if err != nil {
				return nil, err
			}
			tokens = append(tokens, t)
		case '[':
			t, err := c.bracket()
			if err != nil {
				return nil, err
			}
			tokens = append(tokens, t)
		default:
			return nil, c.fail("Could not analyze path component: " + c.src[c.pos:])
		}
	}
	return tokens, nil
}

// dotName reads the name after '.': up to the next '.' or '['.
func (c *compiler) dotName() (token, error) {
	start := c.pos
	for c.pos < len(c.src) && c.src[c.pos] != '.' && c.src[c.pos] != '[' {
		if c.src[c.pos] == ' ' {
			return token{}, c.fail("Space not allowed in path")
		}
		c.pos++
	}
	name := c.src[start:c.pos]
	if name == "" {
		return token{}, c.fail("Path must not end with a '.' or '..'")
	}
	if name == "*" {
		return token{kind: tokWildcard}, nil
	}
	return token{kind: tokProperty, names: []string{name}}, nil
}

func (c *compiler) bracket() (token, error) {
	open := c.pos
	c.pos++
	c.skipSpaces()
	if c.pos >= len(c.src) {
		return token{}, c.unreadable(open)
	}
	switch c.src[c.pos] {
	case '?':
		return c.filterToken(open)
	case '\'':
		return c.quotedNames(open)
	case '"':
		// Jayway 2.0.0 knows only single-quoted names in brackets.
		return token{}, c.unreadable(open)
	}
	end := strings.IndexByte(c.src[c.pos:], ']')
	if end < 0 {
		return token{}, c.unreadable(open)
	}
	inner := strings.TrimSpace(c.src[c.pos : c.pos+end])
	c.pos += end + 1
	if inner == "*" {
		return token{kind: tokWildcard}, nil
	}
	if strings.Contains(inner, ":") {
		return c.slice(inner)
	}
	var idx []int
	for _, part := range strings.Split(inner, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil {
			return token{}, c.fail("Could not parse index: " + inner)
		}
		idx = append(idx, n)
	}
	return token{kind: tokIndex, indexes: idx}, nil
}

func (c *compiler) slice(inner string) (token, error) {
	parts := strings.Split(inner, ":")
	t := token{kind: tokSlice}
	for i, bound := range []**int{&t.from, &t.to} {
		s := strings.TrimSpace(parts[i])
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			return token{}, c.fail("Could not parse slice: " + inner)
		}
		*bound = &n
	}
	return t, nil
}

// quotedNames reads ['a'] or ['a','b'].
func (c *compiler) quotedNames(open int) (token, error) {
	var names []string
	for {
		c.skipSpaces()
		if c.pos >= len(c.src) || c.src[c.pos] != '\'' {
			return token{}, c.unreadable(open)
		}
		q := c.src[c.pos]
		end := strings.IndexByte(c.src[c.pos+1:], q)
		if end < 0 {
			return token{}, c.fail("Property has not been closed - missing closing " + string(q))
		}
		names = append(names, c.src[c.pos+1:c.pos+1+end])
		c.pos += end + 2
		c.skipSpaces()
		if c.pos >= len(c.src) {
			return token{}, c.unreadable(open)
		}
		switch c.src[c.pos] {
		case ',':
			c.pos++
			continue
		case ']':
			c.pos++
			return token{kind: tokProperty, names: names}, nil
		}
		return token{}, c.unreadable(open)
	}
}

// filterToken reads [?( ... )], finding the closing ")]" outside quotes and regexes.
func (c *compiler) filterToken(open int) (token, error) {
	c.pos++ // '?'
	if c.pos >= len(c.src) || c.src[c.pos] != '(' {
		return token{}, c.unreadable(open)
	}
	start := c.pos + 1
	depth := 0
	for i := c.pos; i < len(c.src); i++ {
		switch ch := c.src[i]; ch {
		case '\'', '"':
			end := strings.IndexByte(c.src[i+1:], ch)
			if end < 0 {
				return token{}, c.unreadable(open)
			}
			i += end + 1
		case '/':
			if !strings.HasSuffix(strings.TrimRight(c.src[:i], " "), "=~") {
				continue
			}
			end := strings.IndexByte(c.src[i+1:], '/')
			if end < 0 {
				return token{}, c.unreadable(open)
			}
			i += end + 1
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				j := i + 1
				for j < len(c.src) && c.src[j] == ' ' {
					j++
				}
				if j >= len(c.src) || c.src[j] != ']' {
					return token{}, c.unreadable(open)
				}
				e, err := parseFilter(c.src[start:i], c.text)
				if err != nil {
					return token{}, err
				}
				c.pos = j + 1
				return token{kind: tokFilter, filter: e}, nil
			}
		}
	}
	return token{}, c.unreadable(open)
}
