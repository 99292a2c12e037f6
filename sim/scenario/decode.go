package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// maxDocument bounds the JSON a YAML document may expand to: YAML aliases can make a small
// document enormous ("billion laughs"), and a scenario never needs more than this.
const maxDocument = 16 << 20

// Decode reads a scenario from JSON or YAML. YAML is converted to JSON first, keeping the
// order of mapping keys, so that both forms go through one decoder and header order
// survives. Decode only reads; Validate and ApplyDefaults finish the job.
func Decode(data []byte) (*Scenario, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // a byte-order mark some editors write
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 {
		return nil, errors.New("scenario: empty document; want a JSON or YAML object with at least \"request\"")
	}
	jsonData := data // untrimmed, so that syntax errors report the user's line numbers
	if trimmed[0] != '{' {
		converted, err := yamlToJSON(data)
		if err != nil {
			return nil, err
		}
		jsonData = converted
	}
	if !json.Valid(jsonData) {
		return nil, jsonSyntaxError(jsonData)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(jsonData, &top); err != nil || top == nil {
		return nil, errors.New("scenario: must be an object with at least \"request\"")
	}
	if raw, ok := top["request"]; !ok || string(raw) == "null" {
		return nil, errors.New("request: missing; a scenario needs at least the client's request")
	}
	var sc Scenario
	if err := json.Unmarshal(jsonData, &sc); err != nil {
		return nil, fieldError(err)
	}
	return &sc, nil
}

// jsonSyntaxError turns a syntax error into a message with line and column, which a person
// editing the scenario can act on.
func jsonSyntaxError(data []byte) error {
	var v any
	err := json.Unmarshal(data, &v)
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		line, col := position(data, syn.Offset)
		return fmt.Errorf("scenario: not valid JSON at line %d, column %d: %v", line, col, syn)
	}
	return fmt.Errorf("scenario: not valid JSON: %v", err)
}

func position(data []byte, offset int64) (line, col int) {
	line, col = 1, 1
	for i := int64(0); i < offset-1 && i < int64(len(data)); i++ {
		if data[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// fieldError rewrites encoding/json's type errors into "<field>: must be ..." so the
// message names the scenario field the way the user wrote it.
func fieldError(err error) error {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		field := typ.Field
		if field == "" {
			field = "scenario"
		}
		return fmt.Errorf("%s: must be %s, not %s", field, describeType(typ.Type.String()), typ.Value)
	}
	return err
}

func describeType(goType string) string {
	switch {
	case goType == "string" || goType == "*string":
		return "a string"
	case goType == "bool":
		return "true or false"
	case strings.HasPrefix(goType, "int") || goType == "float64":
		return "a number"
	case strings.HasPrefix(goType, "map["):
		return "an object of " + plural(describeType(goType[strings.Index(goType, "]")+1:]))
	case strings.HasPrefix(goType, "[]"):
		return "a list of " + plural(describeType(goType[2:]))
	default:
		return "an object"
	}
}

// plural turns "a string" into "strings", "an object" into "objects".
func plural(kind string) string {
	kind = strings.TrimPrefix(strings.TrimPrefix(kind, "an "), "a ")
	if kind == "true or false" {
		return "booleans"
	}
	return kind + "s"
}

// yamlToJSON converts one YAML document to JSON, keeping mapping order.
func yamlToJSON(data []byte) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("scenario: neither JSON nor valid YAML: %v", err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, errors.New("scenario: empty document; want a JSON or YAML object with at least \"request\"")
	}
	return YAMLNodeToJSON(doc.Content[0])
}

// YAMLNodeToJSON converts a YAML node to compact JSON, keeping mapping order and YAML's
// own typing; aliases are expanded up to a bound. Lessons use it for scenarios embedded
// in their pages.
func YAMLNodeToJSON(n *yaml.Node) ([]byte, error) {
	var b bytes.Buffer
	if err := writeYAMLNode(&b, n, 0); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func writeYAMLNode(b *bytes.Buffer, n *yaml.Node, depth int) error {
	if depth > 100 {
		return errors.New("scenario: YAML nested more than 100 levels deep")
	}
	if b.Len() > maxDocument {
		return fmt.Errorf("scenario: YAML expands to more than %d bytes", maxDocument)
	}
	switch n.Kind {
	case yaml.AliasNode:
		return writeYAMLNode(b, n.Alias, depth+1)
	case yaml.MappingNode:
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			key := n.Content[i]
			if key.Kind == yaml.AliasNode {
				key = key.Alias
			}
			if key.Kind != yaml.ScalarNode {
				return fmt.Errorf("scenario: line %d: YAML keys must be plain scalars", key.Line)
			}
			writeJSONString(b, key.Value)
			b.WriteByte(':')
			if err := writeYAMLNode(b, n.Content[i+1], depth+1); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := writeYAMLNode(b, c, depth+1); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case yaml.ScalarNode:
		return writeYAMLScalar(b, n)
	default:
		return fmt.Errorf("scenario: line %d: unsupported YAML node", n.Line)
	}
	return nil
}

// writeYAMLScalar keeps YAML's own typing: a quoted "42" stays a string, a bare 42 is a
// number, so `statusCode: "200"` and `statusCode: 200` mean what they mean in JSON.
func writeYAMLScalar(b *bytes.Buffer, n *yaml.Node) error {
	switch n.ShortTag() {
	case "!!null":
		b.WriteString("null")
	case "!!bool":
		var v bool
		if err := n.Decode(&v); err != nil {
			return fmt.Errorf("scenario: line %d: %v", n.Line, err)
		}
		b.WriteString(strconv.FormatBool(v))
	case "!!int", "!!float":
		var v float64
		if err := n.Decode(&v); err != nil {
			return fmt.Errorf("scenario: line %d: %v", n.Line, err)
		}
		if n.ShortTag() == "!!int" {
			var i int64
			if n.Decode(&i) == nil {
				b.WriteString(strconv.FormatInt(i, 10))
				return nil
			}
		}
		out, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("scenario: line %d: %q is not a number JSON can hold", n.Line, n.Value)
		}
		b.Write(out)
	default:
		writeJSONString(b, n.Value)
	}
	return nil
}

// writeJSONString writes s as a JSON string without escaping <, > and & (json.Marshal
// would): the bytes a scenario gives, say lambda.result, must not depend on whether it was
// written in YAML or JSON.
func writeJSONString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)       // a string always encodes
	b.Truncate(b.Len() - 1) // Encode's newline
}
