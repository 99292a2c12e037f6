// Package vtl is the Velocity Template Language engine of API Gateway mapping templates:
// Velocity 1.7's syntax, whitespace handling and Java semantics, with API Gateway's
// changes (an undefined or null reference is the empty string; no #macro, no #evaluate).
// Values are sim/jv values; $input, $util and friends are jv.Object host objects
// supplied by the caller through Vars.
package vtl

import (
	"fmt"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// Template is a parsed template. It is immutable and safe for concurrent renders.
type Template struct {
	src       string
	root      []node
	names     []string // variable names by slot
	lines     []int    // offsets where lines start, for diagnostics
	linesOnce sync.Once
	// keepsLoopInfo is set when the template may hold on to a $foreach object (it names
	// $foreach or $foreach.parent as a value), so each loop needs a new one.
	keepsLoopInfo bool
	// readsVelocityCount and readsVelocityHasNext are set when the template names those
	// variables: only then does each #foreach iteration update them.
	readsVelocityCount, readsVelocityHasNext bool
	bindings                                 atomic.Pointer[bindPlan] // see bind
	renderedBefore                           atomic.Bool
}

// Slots every template has, so #foreach can maintain them without lookups.
const (
	slotForeach = iota
	slotVelocityCount
	slotVelocityHasNext
)

// Vars binds the template's root variables ("input", "util", "context", ...) to values.
// It is a list rather than a map because a render binds a handful of names and finds each
// among the template's own names by comparison: building and ranging a Go map would cost
// more than the rest of a small render's setup. A later binding of a name wins.
type Vars []Var

// Var binds one root variable.
type Var struct {
	Name  string
	Value any
}

// Options holds the limits of one render. Zero values select the defaults.
type Options struct {
	// MaxOutputBytes ends the render when the output grows past it (default 10 MB,
	// API Gateway's payload limit).
	MaxOutputBytes int
	// Timeout ends a render that runs longer (default 2 s).
	Timeout time.Duration
	// MaxDepth bounds nesting at run time: #define blocks that print themselves,
	// interpolation inside interpolation (default 100).
	MaxDepth int
	// MaxForeach is the number of iterations after which a #foreach stops
	// (default 1000, API Gateway's limit).
	MaxForeach int
	// RegexTimeout bounds one regular-expression match (default 100 ms).
	RegexTimeout time.Duration
}

// Defaults for Options.
const (
	DefaultMaxOutputBytes = 10 << 20
	DefaultTimeout        = 2 * time.Second
	DefaultMaxDepth       = 100
	DefaultMaxForeach     = 1000
	DefaultRegexTimeout   = 100 * time.Millisecond
)

func (o Options) withDefaults() Options {
	if o.MaxOutputBytes <= 0 {
		o.MaxOutputBytes = DefaultMaxOutputBytes
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.MaxForeach <= 0 {
		o.MaxForeach = DefaultMaxForeach
	}
	if o.RegexTimeout <= 0 {
		o.RegexTimeout = DefaultRegexTimeout
	}
	return o
}

// Error is a syntax error, or a runtime failure that ends a render (a Java exception in
// a method, a limit), at a 1-based line and column of the template.
type Error struct {
	Line, Column int
	Message      string
}

func (e *Error) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Message)
}

// Warning is a non-fatal finding of a render, such as a call of a method that does not
// exist (it prints empty on API Gateway), so a user can see why output is missing.
type Warning struct {
	Line, Column int
	Message      string
}

// Parse parses src as a Velocity 1.7 template.
func Parse(src string) (t *Template, err error) {
	if len(src) > MaxTemplateBytes {
		return nil, &Error{Line: 1, Column: 1, Message: fmt.Sprintf("template is %d bytes; API Gateway allows at most %d", len(src), MaxTemplateBytes)}
	}
	// The template, room for its first variable names and the parser's first node stack
	// come in one allocation. The stack is needed only while parsing, but an allocation of
	// its own costs more than the bytes it keeps alive with the template.
	tn := &struct {
		t     Template
		names [16]string
		stack [32]node
	}{}
	t = &tn.t
	t.src, t.names = src, tn.names[:0]
	p := &parser{src: src, t: t, boundary: true, top: true, stack: tn.stack[:0]}
	// Every reference starts with a '$' and usually has a part (.name); text is a node of
	// its own only before a directive (the rest is fused into references and #if, see
	// fuseText) or at the end; block lists hold the references, directives and those texts:
	// sized so, one chunk of each usually holds the whole template.
	refs, hashes := strings.Count(src, "$"), strings.Count(src, "#")
	p.refs.reserve(refs)
	p.refNodes.reserve(refs)
	p.texts.reserve(hashes + 1)
	p.parts.reserve(refs)
	p.lists.reserve(refs + hashes + 1)
	if hashes > 0 {
		p.reserveDirectives()
	}
	p.slot("foreach")
	p.slot("velocityCount")
	p.slot("velocityHasNext")
	defer func() {
		if r := recover(); r != nil {
			t = nil
			if se, ok := r.(syntaxError); ok {
				err = se.err
				return
			}
			err = &Error{Line: 1, Column: 1, Message: fmt.Sprintf("internal parser error: %v\n%s", r, debug.Stack())}
		}
	}()
	t.root, _ = p.parseNodes(false)
	return t, nil
}

// Source returns the template text.
func (t *Template) Source() string { return t.src }

// position converts a byte offset to a 1-based line and column (in characters).
func (t *Template) position(off int) (line, col int) {
	t.linesOnce.Do(func() {
		t.lines = []int{0}
		for i := 0; i < len(t.src); i++ {
			if t.src[i] == '\n' {
				t.lines = append(t.lines, i+1)
			}
		}
	})
	off = min(max(off, 0), len(t.src))
	i := sort.Search(len(t.lines), func(i int) bool { return t.lines[i] > off }) - 1
	return i + 1, 1 + utf8.RuneCountInString(t.src[t.lines[i]:off])
}

func (t *Template) errorAt(off int, format string, args ...any) *Error {
	line, col := t.position(off)
	return &Error{Line: line, Column: col, Message: fmt.Sprintf(format, args...)}
}
