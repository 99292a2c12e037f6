package lessons

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/apigw-playground/playground/sim/scenario"
)

// The two fenced-block languages a lesson may use besides ordinary code:
//
//	```playground id=not-found
//	<a scenario, in YAML or JSON>
//	```
//
//	```exercise
//	goal: Make the API answer 404 when the function throws "Not found".
//	start: not-found          # a playground of this lesson, or: scenario: {...}
//	checks:
//	  - {at: response.statusCode, equals: 404}
//	solution: {...}           # the scenario that meets the checks
//	```
const (
	langPlayground = "playground"
	langExercise   = "exercise"
)

// playgroundBlock is a playground block as written: its options and its scenario.
type playgroundBlock struct {
	id       string
	scenario json.RawMessage // compact JSON, in the author's key order
}

// exerciseBlock is an exercise block as written.
type exerciseBlock struct {
	goal     string
	start    string          // id of a playground of the same lesson, or ""
	scenario json.RawMessage // inline starting scenario, when start is ""
	checks   []Assertion
	solution json.RawMessage
}

// parseYAML parses a block's body: one YAML document (JSON is YAML too). Its errors
// name a line counted from the body's first line.
func parseYAML(src []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, &lineError{line: 1, msg: "the block is empty"}
	}
	return doc.Content[0], nil
}

var blockID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

// parseInfo reads the words after the language of a fence's info string: key=value
// options, of which only id is known.
func parseInfo(words []string) (id string, err error) {
	for _, w := range words {
		k, v, ok := strings.Cut(w, "=")
		if !ok || k != "id" {
			return "", &lineError{line: 1, msg: fmt.Sprintf("unknown option %q after the block's language (only id=NAME is known)", w)}
		}
		if !blockID.MatchString(v) {
			return "", &lineError{line: 1, msg: fmt.Sprintf("id %q must be letters, digits, - and _", v)}
		}
		id = v
	}
	return id, nil
}

// parsePlayground reads a playground block's body. Error lines count from the body's
// first line.
func parsePlayground(id string, body []byte) (*playgroundBlock, error) {
	n, err := parseYAML(body)
	if err != nil {
		return nil, err
	}
	if n.Kind != yaml.MappingNode {
		return nil, &lineError{line: n.Line, msg: "a playground holds a scenario: a map with request, integration, lambda, ..."}
	}
	js, err := scenario.YAMLNodeToJSON(n)
	if err != nil {
		return nil, err
	}
	return &playgroundBlock{id: id, scenario: js}, nil
}

// parseExercise reads an exercise block's body. Error lines count from the body's first
// line.
func parseExercise(body []byte) (*exerciseBlock, error) {
	n, err := parseYAML(body)
	if err != nil {
		return nil, err
	}
	if n.Kind != yaml.MappingNode {
		return nil, &lineError{line: n.Line, msg: "an exercise is a map with goal, start or scenario, checks and solution"}
	}
	ex := &exerciseBlock{}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			return nil, &lineError{line: k.Line, msg: fmt.Sprintf("%q is given twice", k.Value)}
		}
		seen[k.Value] = true
		switch k.Value {
		case "goal":
			if err := v.Decode(&ex.goal); err != nil || v.Kind != yaml.ScalarNode {
				return nil, &lineError{line: v.Line, msg: "goal must be text"}
			}
		case "start":
			if v.Kind != yaml.ScalarNode || !blockID.MatchString(v.Value) {
				return nil, &lineError{line: v.Line, msg: "start must name a playground of this lesson (its id=...)"}
			}
			ex.start = v.Value
		case "scenario", "solution":
			if v.Kind != yaml.MappingNode {
				return nil, &lineError{line: v.Line, msg: k.Value + " must be a scenario: a map with request, integration, lambda, ..."}
			}
			js, err := scenario.YAMLNodeToJSON(v)
			if err != nil {
				return nil, err
			}
			if k.Value == "scenario" {
				ex.scenario = js
			} else {
				ex.solution = js
			}
		case "checks":
			if ex.checks, err = parseChecks(v); err != nil {
				return nil, err
			}
		default:
			return nil, &lineError{line: k.Line, msg: fmt.Sprintf("unknown field %q (known: goal, start, scenario, checks, solution)", k.Value)}
		}
	}
	switch {
	case strings.TrimSpace(ex.goal) == "":
		return nil, &lineError{line: n.Line, msg: "an exercise needs a goal"}
	case (ex.start == "") == (ex.scenario == nil):
		return nil, &lineError{line: n.Line, msg: "an exercise needs exactly one of start (a playground id) or scenario"}
	case len(ex.checks) == 0:
		return nil, &lineError{line: n.Line, msg: "an exercise needs at least one check"}
	case ex.solution == nil:
		return nil, &lineError{line: n.Line, msg: "an exercise needs a solution, the scenario that meets its checks"}
	}
	return ex, nil
}

func parseChecks(n *yaml.Node) ([]Assertion, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, &lineError{line: n.Line, msg: "checks must be a list"}
	}
	checks := make([]Assertion, 0, len(n.Content))
	for _, c := range n.Content {
		if c.Kind != yaml.MappingNode {
			return nil, &lineError{line: c.Line, msg: "each check is a map such as {at: response.statusCode, equals: 404}"}
		}
		js, err := scenario.YAMLNodeToJSON(c)
		if err != nil {
			return nil, err
		}
		var a Assertion
		dec := json.NewDecoder(bytes.NewReader(js))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&a); err != nil {
			return nil, &lineError{line: c.Line, msg: "check: " + strings.TrimPrefix(err.Error(), "json: ")}
		}
		if err := a.validate(); err != nil {
			return nil, &lineError{line: c.Line, msg: err.Error()}
		}
		checks = append(checks, a)
	}
	return checks, nil
}
