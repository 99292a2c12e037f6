package scenario

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/apigw-playground/playground/sim/jsonobj"
)

// UnmarshalJSON reads an object whose values are a string or a list of strings. It keeps
// the key order and repeats because API Gateway shows both: the proxy event's
// multiValueHeaders lists every value in order, and headers keeps the last one. A map
// would lose exactly what a user wants to see.
func (h *Headers) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		*h = nil
		return nil
	}
	members, err := jsonobj.Members(data)
	if err != nil {
		return fmt.Errorf("request.headers: must be an object of header names")
	}
	var out Headers
	at := map[string]int{} // a name given twice counts as a repeated header
	for _, m := range members {
		field := fmt.Sprintf("request.headers[%q]", m.Key)
		if err := validHeaderName(m.Key); err != nil {
			return fmt.Errorf("%s: %v", field, err)
		}
		values, err := headerValues(m.Value)
		if err != nil {
			return fmt.Errorf("%s: %v", field, err)
		}
		if i, ok := at[m.Key]; ok {
			out[i].Values = append(out[i].Values, values...)
			continue
		}
		at[m.Key] = len(out)
		out = append(out, Header{Name: m.Key, Values: values})
	}
	*h = out
	return nil
}

// headerValues reads one header's value: a string, or a list of strings for a header the
// client repeated.
func headerValues(raw json.RawMessage) ([]string, error) {
	const want = "must be a string or a list of strings"
	var one string
	if err := json.Unmarshal(raw, &one); err == nil && raw[0] == '"' {
		return []string{one}, nil
	}
	var many []json.RawMessage
	if err := json.Unmarshal(raw, &many); err != nil || raw[0] != '[' {
		return nil, fmt.Errorf("%s", want)
	}
	values := make([]string, 0, len(many))
	for i, m := range many {
		var s string
		if len(m) == 0 || m[0] != '"' || json.Unmarshal(m, &s) != nil {
			return nil, fmt.Errorf("[%d]: %s", i, want)
		}
		values = append(values, s)
	}
	return values, nil
}

// validHeaderName rejects names no HTTP client could send, so that a typo shows up as an
// error rather than as a header the simulated API Gateway silently accepts.
func validHeaderName(name string) error {
	if name == "" {
		return fmt.Errorf("a header name cannot be empty")
	}
	for _, r := range name {
		if r <= ' ' || r >= 0x7f || strings.ContainsRune("\"(),/:;<=>?@[\\]{}", r) {
			return fmt.Errorf("%q is not a valid header name", name)
		}
	}
	return nil
}

// MarshalJSON writes the object form back, keeping order: one value as a string, several
// as a list.
func (h Headers) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, hd := range h {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, hd.Name)
		b.WriteByte(':')
		if len(hd.Values) == 1 {
			writeJSONString(&b, hd.Values[0])
			continue
		}
		b.WriteByte('[')
		for j, v := range hd.Values {
			if j > 0 {
				b.WriteByte(',')
			}
			writeJSONString(&b, v)
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Last returns the last value sent for name, compared case-insensitively as HTTP does.
func (h Headers) Last(name string) (string, bool) {
	value, found := "", false
	for _, hd := range h {
		if strings.EqualFold(hd.Name, name) && len(hd.Values) > 0 {
			value, found = hd.Values[len(hd.Values)-1], true
		}
	}
	return value, found
}
