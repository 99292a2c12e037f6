package proxy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/apigw-playground/playground/sim/jsonobj"
)

// Response is a well-formed Lambda proxy response (output format 1.0), read as API
// Gateway reads it.
type Response struct {
	StatusCode int
	// Headers merges multiValueHeaders and headers: multiValueHeaders first, names merged
	// case-insensitively with the multiValueHeaders casing, a headers value appended unless
	// the same name already has that exact value (AWS documents that an identical pair in
	// both keeps only the multiValueHeaders one).
	Headers         [][2]string
	Body            string
	IsBase64Encoded bool
}

// responseKeys are the only keys a proxy response may have; any other key makes API
// Gateway answer 502 (recorded: {"statusCode":200,"wrongValue":"value"}).
var responseKeys = []string{"statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"}

// MalformedError says exactly what made a proxy response malformed; API Gateway itself only
// logs "Malformed Lambda proxy response" and answers 502.
type MalformedError struct{ Reason string }

func (e *MalformedError) Error() string { return e.Reason }

func malformed(format string, args ...any) error {
	return &MalformedError{Reason: fmt.Sprintf(format, args...)}
}

// ParseResponse reads the function's bytes as a proxy response. Missing keys are allowed
// ({} is a 200 with an empty body, recorded), statusCode may be a number or a numeric
// string (recorded: "201" → 201), and header values may be strings, numbers or booleans
// (recorded: true → "true"); null stands for a missing value of a known key, while an
// unknown key is refused whatever its value.
func ParseResponse(data []byte) (Response, error) {
	res := Response{StatusCode: 200}
	if !json.Valid(data) {
		return res, malformed("the function's response is not valid JSON")
	}
	members, err := objectMembers(data)
	if err != nil {
		return res, malformed("the function's response must be a JSON object with statusCode, headers, multiValueHeaders, body and isBase64Encoded; it is %s", describe(data))
	}
	var multi, single []member
	for _, m := range members {
		if !contains(responseKeys, m.key) {
			// Checked before null is skipped: the key itself is what AWS refuses.
			return res, malformed("unknown key %q: a proxy response may only have %s", m.key, strings.Join(responseKeys, ", "))
		}
		if string(m.value) == "null" {
			continue
		}
		switch m.key {
		case "statusCode":
			if res.StatusCode, err = statusCode(m.value); err != nil {
				return res, err
			}
		case "headers":
			if single, err = headerMembers("headers", m.value, false); err != nil {
				return res, err
			}
		case "multiValueHeaders":
			if multi, err = headerMembers("multiValueHeaders", m.value, true); err != nil {
				return res, err
			}
		case "body":
			if err := json.Unmarshal(m.value, &res.Body); err != nil || m.value[0] != '"' {
				return res, malformed("body must be a string (JSON-encode objects yourself), not %s", describe(m.value))
			}
		case "isBase64Encoded":
			if err := json.Unmarshal(m.value, &res.IsBase64Encoded); err != nil {
				return res, malformed("isBase64Encoded must be true or false, not %s", describe(m.value))
			}
		}
	}
	res.Headers = mergeHeaders(multi, single)
	return res, nil
}

func statusCode(raw json.RawMessage) (int, error) {
	text := string(raw)
	if raw[0] == '"' {
		_ = json.Unmarshal(raw, &text)
	}
	code, err := strconv.Atoi(text)
	if err != nil {
		return 0, malformed("statusCode must be an integer or a string holding one, not %s", describe(raw))
	}
	if code < 100 || code > 599 {
		return 0, malformed("statusCode %d is not an HTTP status (100-599)", code)
	}
	return code, nil
}

// headerMembers reads headers (name → scalar) or multiValueHeaders (name → list of
// scalars), turning every value into its header text.
func headerMembers(field string, raw json.RawMessage, multi bool) ([]member, error) {
	members, err := objectMembers(raw)
	if err != nil {
		return nil, malformed("%s must be an object, not %s", field, describe(raw))
	}
	var out []member
	for _, m := range members {
		if !multi {
			v, ok, err := scalarText(m.value)
			if err != nil {
				return nil, malformed("%s[%q] must be a string, number or boolean, not %s", field, m.key, describe(m.value))
			}
			if ok {
				out = append(out, member{key: m.key, values: []string{v}})
			}
			continue
		}
		var items []json.RawMessage
		if m.value[0] != '[' || json.Unmarshal(m.value, &items) != nil {
			if string(m.value) == "null" {
				continue
			}
			return nil, malformed("%s[%q] must be a list of strings, not %s", field, m.key, describe(m.value))
		}
		var values []string
		for i, item := range items {
			v, ok, err := scalarText(item)
			if err != nil {
				return nil, malformed("%s[%q][%d] must be a string, number or boolean, not %s", field, m.key, i, describe(item))
			}
			if ok {
				values = append(values, v)
			}
		}
		out = append(out, member{key: m.key, values: values})
	}
	return out, nil
}

// scalarText is a header value's text: a string as is, a number or boolean as written
// (API Gateway stringifies them); ok is false for null, which sets nothing.
func scalarText(raw json.RawMessage) (text string, ok bool, err error) {
	switch raw[0] {
	case 'n':
		return "", false, nil
	case '"':
		err := json.Unmarshal(raw, &text)
		return text, err == nil, err
	case '{', '[':
		return "", false, fmt.Errorf("not a scalar")
	default:
		return string(raw), true, nil
	}
}

func mergeHeaders(multi, single []member) [][2]string {
	var names []string
	values := map[string][]string{}
	add := func(name string, vs []string, skipDuplicates bool) {
		key := strings.ToLower(name)
		if _, ok := values[key]; !ok {
			names = append(names, name)
		}
		for _, v := range vs {
			if skipDuplicates && contains(values[key], v) {
				continue
			}
			values[key] = append(values[key], v)
		}
	}
	for _, m := range multi {
		add(m.key, m.values, false)
	}
	for _, m := range single {
		add(m.key, m.values, true)
	}
	var out [][2]string
	for _, name := range names {
		for _, v := range values[strings.ToLower(name)] {
			out = append(out, [2]string{name, v})
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// member is one key of the response object, with its raw value or (for headers) its
// values as text.
type member struct {
	key    string
	value  json.RawMessage
	values []string
}

// objectMembers splits a JSON object in document order, keeping a repeated key's last
// value in the place of its first (a Java JSON reader keeps the last).
func objectMembers(data []byte) ([]member, error) {
	all, err := jsonobj.Members(data)
	if err != nil {
		return nil, err
	}
	var out []member
	at := map[string]int{}
	for _, m := range all {
		if i, ok := at[m.Key]; ok {
			out[i].value = m.Value
			continue
		}
		at[m.Key] = len(out)
		out = append(out, member{key: m.Key, value: m.Value})
	}
	return out, nil
}

// describe names a JSON value's kind for a diagnostic, quoting short values.
func describe(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	kind := "a number"
	switch {
	case len(raw) == 0:
		return "empty"
	case raw[0] == '"':
		kind = "a string"
	case raw[0] == '{':
		kind = "an object"
	case raw[0] == '[':
		kind = "a list"
	case raw[0] == 't' || raw[0] == 'f':
		kind = "a boolean"
	case raw[0] == 'n':
		return "null"
	}
	if len(raw) <= 40 {
		return kind + " (" + string(raw) + ")"
	}
	return kind
}
