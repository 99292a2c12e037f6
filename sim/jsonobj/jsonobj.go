// Package jsonobj reads a JSON object's members in document order. Go maps forget the
// order, and in API Gateway's documents order is visible: headers keep the client's order,
// integration responses and parameter mappings are logged in the order written.
package jsonobj

import (
	"bytes"
	"encoding/json"
	"errors"
)

// Member is one key of an object with its raw value.
type Member struct {
	Key   string
	Value json.RawMessage
}

// ErrNotObject is returned for valid JSON that is not an object (null included).
var ErrNotObject = errors.New("not a JSON object")

// Members splits a JSON object into its members, in order, a repeated key included as
// often as it appears; callers decide what a repeat means.
func Members(data []byte) ([]Member, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, ErrNotObject
	}
	var out []Member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string) // inside an object, a token here is always its key
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, err
		}
		out = append(out, Member{Key: key, Value: value})
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	return out, nil
}
