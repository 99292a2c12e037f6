package paramap

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
)

// BodyPath evaluates a body mapping path (integration.response.body.<path>: a JSONPath
// without its leading "$.") over a JSON body. A string holding JSON is parsed when the
// path goes into it: that is how API Gateway lets a header mapping read a field of a
// Lambda custom error, whose errorMessage is a JSON string (developer guide, "Handle
// custom Lambda errors"). A string result is the bare text; anything else is compact
// JSON in document order. ok is false when the body is not JSON or the path is missing.
func BodyPath(body, path string) (string, bool) {
	steps, ok := parsePath(path)
	if !ok {
		return "", false
	}
	v, ok := decodeOrdered([]byte(body))
	if !ok {
		return "", false
	}
	for _, step := range steps {
		if s, isString := v.(string); isString {
			if v, ok = decodeOrdered([]byte(s)); !ok {
				return "", false
			}
		}
		switch node := v.(type) {
		case object:
			found := false
			for _, m := range node {
				if m.key == step.key && !step.isIndex {
					v, found = m.value, true
					break
				}
			}
			if !found {
				return "", false
			}
		case []any:
			if !step.isIndex || step.index < 0 || step.index >= len(node) {
				return "", false
			}
			v = node[step.index]
		default:
			return "", false
		}
	}
	if s, isString := v.(string); isString {
		return s, true
	}
	var b bytes.Buffer
	writeCompact(&b, v)
	return b.String(), true
}

type step struct {
	key     string
	index   int
	isIndex bool
}

// parsePath reads a.b[0]['c d'].e into steps.
func parsePath(path string) ([]step, bool) {
	var steps []step
	for i := 0; i < len(path); {
		switch path[i] {
		case '.':
			i++
			if i >= len(path) || path[i] == '.' || path[i] == '[' {
				return nil, false
			}
		case '[':
			end := strings.IndexByte(path[i:], ']')
			if end < 0 {
				return nil, false
			}
			inner := path[i+1 : i+end]
			i += end + 1
			if len(inner) >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[len(inner)-1] == inner[0] {
				steps = append(steps, step{key: inner[1 : len(inner)-1]})
				continue
			}
			n, err := strconv.Atoi(inner)
			if err != nil {
				return nil, false
			}
			steps = append(steps, step{index: n, isIndex: true})
		default:
			j := i
			for j < len(path) && path[j] != '.' && path[j] != '[' {
				j++
			}
			steps = append(steps, step{key: path[i:j]})
			i = j
		}
	}
	return steps, len(steps) > 0
}

type member struct {
	key   string
	value any
}

// object is a JSON object in document order.
type object []member

// decodeOrdered parses one JSON value, keeping object member order and number text.
func decodeOrdered(data []byte) (any, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, ok := decodeValue(dec, 0)
	if !ok {
		return nil, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, false // trailing data
	}
	return v, true
}

// maxDepth bounds nesting so that hostile bodies cannot exhaust the stack.
const maxDepth = 512

func decodeValue(dec *json.Decoder, depth int) (any, bool) {
	if depth > maxDepth {
		return nil, false
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, false
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			obj := object{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, false
				}
				v, ok := decodeValue(dec, depth+1)
				if !ok {
					return nil, false
				}
				obj = append(obj, member{kt.(string), v})
			}
			if _, err := dec.Token(); err != nil {
				return nil, false
			}
			return obj, true
		case '[':
			list := []any{}
			for dec.More() {
				v, ok := decodeValue(dec, depth+1)
				if !ok {
					return nil, false
				}
				list = append(list, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, false
			}
			return list, true
		}
		return nil, false
	default:
		return t, true
	}
}

func writeCompact(b *bytes.Buffer, v any) {
	switch t := v.(type) {
	case object:
		b.WriteByte('{')
		for i, m := range t {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, m.key)
			b.WriteByte(':')
			writeCompact(b, m.value)
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, e := range t {
			if i > 0 {
				b.WriteByte(',')
			}
			writeCompact(b, e)
		}
		b.WriteByte(']')
	case nil:
		b.WriteString("null")
	case string:
		writeString(b, t)
	default:
		enc, _ := json.Marshal(t)
		b.Write(enc)
	}
}

// writeString writes s as a JSON string without Go's HTML escaping (<, >, & stay as is).
func writeString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)       // a string always encodes
	b.Truncate(b.Len() - 1) // Encode appends a newline
}
