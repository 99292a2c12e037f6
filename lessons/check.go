package lessons

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/apigw-playground/playground/sim"
	"github.com/apigw-playground/playground/sim/scenario"
)

// CheckScript is checks.js, the browser's twin of Check, for the page to load.
//
//go:embed checks.js
var CheckScript []byte

// An Assertion is one check of an exercise: a statement about the trace that the learner's
// scenario must make true. The language is kept tiny on purpose, because the page's
// JavaScript (checks.js) evaluates the same JSON and must agree with Check on every
// assertion, message included. README.md in this directory is the reference.
//
//	{"at": "response.statusCode", "equals": 404}
//	{"at": "response.body", "contains": "Not found"}
//	{"at": "response.headers.X-Reason", "present": true}
//	{"at": "payload", "json": "$.user.id", "equals": "42"}
type Assertion struct {
	// At is a dotted path into the trace's JSON form: "response.statusCode",
	// "response.headers.Content-Type", "integrationResponse.statusCode", "payload", "log".
	// An object key matches exactly or, failing that, ignoring case (header names).
	At string `json:"at"`
	// JSON, when set, reads the value found at At as a JSON document and follows this
	// path into it: "$", "$.name", "$.items[0].id".
	JSON string `json:"json,omitempty"`

	// Exactly one of the following operators is set.

	// Equals holds when the value equals this JSON value (numbers compare by value;
	// "404" and 404 differ).
	Equals json.RawMessage `json:"equals,omitempty"`
	// Contains holds when the value is a string containing this text, or a list with a
	// string element containing it.
	Contains *string `json:"contains,omitempty"`
	// NotContains holds when Contains would not (an absent value contains nothing).
	NotContains *string `json:"notContains,omitempty"`
	// Present true holds when the value exists and is not null; false when it does not.
	Present *bool `json:"present,omitempty"`
}

// Result is the outcome of one Assertion.
type Result struct {
	Assertion Assertion `json:"assertion"`
	Pass      bool      `json:"pass"`
	// Message says what was found, in words a learner understands.
	Message string `json:"message"`
}

// Check evaluates every assertion against the trace. It looks at the trace's JSON form,
// exactly as the page receives it over the websocket, so that checks.js and Check see the
// same values.
func Check(assertions []Assertion, trace *scenario.Trace) []Result {
	doc, err := traceDocument(trace)
	results := make([]Result, len(assertions))
	for i, a := range assertions {
		if err != nil {
			results[i] = Result{Assertion: a, Message: "the trace cannot be read: " + err.Error()}
			continue
		}
		pass, msg := evaluate(a, doc)
		results[i] = Result{Assertion: a, Pass: pass, Message: msg}
	}
	return results
}

// AllPass reports whether every result passed.
func AllPass(results []Result) bool {
	for _, r := range results {
		if !r.Pass {
			return false
		}
	}
	return true
}

func traceDocument(trace *scenario.Trace) (any, error) {
	if trace == nil {
		return nil, fmt.Errorf("there is no trace")
	}
	var doc any
	err := json.Unmarshal(sim.TraceJSON(trace), &doc)
	return doc, err
}

// validate reports what is wrong with an assertion as written, before any trace exists.
func (a Assertion) validate() error {
	if a.At == "" {
		return fmt.Errorf(`a check needs "at", the path of the value it looks at`)
	}
	if _, err := splitPath(a.At); err != nil {
		return err
	}
	if a.JSON != "" {
		if _, err := parseJSONPath(a.JSON); err != nil {
			return err
		}
	}
	ops := 0
	for _, set := range []bool{a.Equals != nil, a.Contains != nil, a.NotContains != nil, a.Present != nil} {
		if set {
			ops++
		}
	}
	if ops != 1 {
		return fmt.Errorf("check on %q needs exactly one of equals, contains, notContains, present", a.At)
	}
	if a.Equals != nil {
		var v any
		if err := json.Unmarshal(a.Equals, &v); err != nil {
			return fmt.Errorf("check on %q: equals is not a JSON value: %v", a.At, err)
		}
		if v == nil {
			return fmt.Errorf(`check on %q: use "present: false" instead of "equals: null"`, a.At)
		}
	}
	return nil
}

// subject names what an assertion looks at, for messages.
func (a Assertion) subject() string {
	if a.JSON != "" {
		return a.At + " " + a.JSON
	}
	return a.At
}

// Describe says in words what the assertion requires.
func (a Assertion) Describe() string {
	switch {
	case a.Equals != nil:
		return a.subject() + " equals " + compactJSON(a.Equals)
	case a.Contains != nil:
		return a.subject() + " contains " + quote(*a.Contains)
	case a.NotContains != nil:
		return a.subject() + " does not contain " + quote(*a.NotContains)
	case a.Present != nil && *a.Present:
		return a.subject() + " is present"
	default:
		return a.subject() + " is absent"
	}
}

func evaluate(a Assertion, doc any) (bool, string) {
	segs, err := splitPath(a.At)
	if err != nil {
		return false, err.Error()
	}
	v, found := walkKeys(doc, segs)
	if v == nil {
		found = false // null, in the trace or in a document, counts as absent
	}
	if a.JSON != "" && found {
		s, ok := v.(string)
		if !ok {
			return false, a.At + " is not text, so it cannot be read as JSON"
		}
		var inner any
		if err := json.Unmarshal([]byte(s), &inner); err != nil {
			return false, a.At + " is not valid JSON"
		}
		steps, err := parseJSONPath(a.JSON)
		if err != nil {
			return false, err.Error()
		}
		v, found = walkSteps(inner, steps)
		if v == nil {
			found = false
		}
	}
	name := a.subject()
	switch {
	case a.Present != nil:
		if *a.Present == found {
			if found {
				return true, name + " is present"
			}
			return true, name + " is absent"
		}
		if found {
			return false, name + " is present, expected it to be absent"
		}
		return false, name + " is absent, expected it to be present"
	case a.Equals != nil:
		var want any
		if err := json.Unmarshal(a.Equals, &want); err != nil {
			return false, "equals is not a JSON value"
		}
		if !found {
			return false, name + " is absent, expected " + show(want)
		}
		if reflect.DeepEqual(v, want) {
			return true, name + " is " + show(v)
		}
		return false, name + " is " + show(v) + ", expected " + show(want)
	case a.Contains != nil, a.NotContains != nil:
		needle, wantIn := "", a.Contains != nil
		if wantIn {
			needle = *a.Contains
		} else {
			needle = *a.NotContains
		}
		if found && !isTextual(v) {
			return false, name + " is " + show(v) + ", which is not text"
		}
		in := found && containsText(v, needle)
		switch {
		case in && wantIn:
			return true, name + " contains " + quote(needle)
		case !in && !wantIn:
			return true, name + " does not contain " + quote(needle)
		case in:
			return false, name + " contains " + quote(needle) + ", expected it not to"
		case !found:
			return false, name + " is absent, expected it to contain " + quote(needle)
		default:
			return false, name + " does not contain " + quote(needle) + "; it is " + show(v)
		}
	}
	return false, "the check has no operator"
}

func isTextual(v any) bool {
	switch v := v.(type) {
	case string:
		return true
	case []any:
		for _, e := range v {
			if _, ok := e.(string); !ok {
				return false
			}
		}
		return true
	}
	return false
}

func containsText(v any, needle string) bool {
	switch v := v.(type) {
	case string:
		return strings.Contains(v, needle)
	case []any:
		for _, e := range v {
			if s, _ := e.(string); strings.Contains(s, needle) {
				return true
			}
		}
	}
	return false
}

// splitPath splits "response.headers.X-Reason" into its keys.
func splitPath(p string) ([]string, error) {
	segs := strings.Split(p, ".")
	for _, s := range segs {
		if s == "" {
			return nil, fmt.Errorf("%s is not a path like response.statusCode", quote(p))
		}
	}
	return segs, nil
}

func walkKeys(v any, keys []string) (any, bool) {
	for _, k := range keys {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		v, ok = lookup(obj, k)
		if !ok {
			return nil, false
		}
	}
	return v, true
}

// lookup finds key exactly or, failing that, ignoring case; several case-insensitive
// matches pick the smallest key, so that the choice never depends on map order.
func lookup(obj map[string]any, key string) (any, bool) {
	if v, ok := obj[key]; ok {
		return v, true
	}
	best, found := "", false
	for k := range obj {
		if strings.EqualFold(k, key) && (!found || k < best) {
			best, found = k, true
		}
	}
	return obj[best], found
}

// A jsonStep is one step of a JSON path: a key, or an index when key is empty.
type jsonStep struct {
	key   string
	index int
}

// parseJSONPath reads the small JSON path subset the checks use: "$" followed by
// ".key" and "[index]" steps.
func parseJSONPath(p string) ([]jsonStep, error) {
	bad := func() error { return fmt.Errorf("%s is not a JSON path like $.items[0].id", quote(p)) }
	if !strings.HasPrefix(p, "$") {
		return nil, bad()
	}
	var steps []jsonStep
	rest := p[1:]
	for rest != "" {
		switch rest[0] {
		case '.':
			end := strings.IndexAny(rest[1:], ".[")
			if end < 0 {
				end = len(rest) - 1
			}
			key := rest[1 : 1+end]
			if key == "" {
				return nil, bad()
			}
			steps = append(steps, jsonStep{key: key})
			rest = rest[1+end:]
		case '[':
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				return nil, bad()
			}
			digits := rest[1:end]
			if digits == "" || strings.Trim(digits, "0123456789") != "" {
				return nil, bad()
			}
			n, err := strconv.Atoi(digits)
			if err != nil {
				n = math.MaxInt // too large to be an index of anything: not found
			}
			steps = append(steps, jsonStep{index: n})
			rest = rest[end+1:]
		default:
			return nil, bad()
		}
	}
	return steps, nil
}

func walkSteps(v any, steps []jsonStep) (any, bool) {
	for _, s := range steps {
		if s.key != "" {
			obj, ok := v.(map[string]any)
			if !ok {
				return nil, false
			}
			if v, ok = obj[s.key]; !ok {
				return nil, false
			}
			continue
		}
		list, ok := v.([]any)
		if !ok || s.index >= len(list) {
			return nil, false
		}
		v = list[s.index]
	}
	return v, true
}

// maxShown is how many characters of a value a message quotes; checks.js cuts at the
// same count of Unicode code points.
const maxShown = 60

// show formats a value for a message: as JSON, shortened.
func show(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "?"
	}
	return shorten(strings.TrimSuffix(buf.String(), "\n"))
}

func quote(s string) string { return show(s) }

func compactJSON(raw json.RawMessage) string {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return string(raw)
	}
	return show(v)
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) <= maxShown {
		return s
	}
	r := []rune(s)
	return string(r[:maxShown]) + "…"
}
