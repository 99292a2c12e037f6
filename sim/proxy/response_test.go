package proxy

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// TestParseResponse covers every row of api-gateway-behavior.md §1.4 plus the malformed
// shapes AWS is reported to refuse.
func TestParseResponse(t *testing.T) {
	tests := []struct {
		name      string
		lambda    string
		status    int
		headers   [][2]string
		body      string
		base64    bool
		malformed string // part of the diagnostic; "" for a well-formed response
	}{
		{name: "status only", lambda: `{"statusCode":200}`, status: 200},
		{name: "empty object", lambda: `{}`, status: 200},
		{name: "headers without status", lambda: `{"headers":{"test-header":"value"}}`, status: 200, headers: [][2]string{{"test-header", "value"}}},
		{name: "numeric string status", lambda: `{"statusCode":"201"}`, status: 201},
		{name: "non-numeric status", lambda: `{"statusCode":"test"}`, malformed: `statusCode must be an integer or a string holding one, not a string ("test")`},
		{name: "fractional status", lambda: `{"statusCode":200.5}`, malformed: "statusCode must be an integer"},
		{name: "status out of range", lambda: `{"statusCode":700}`, malformed: "statusCode 700 is not an HTTP status"},
		{name: "unknown key", lambda: `{"statusCode":200,"wrongValue":"value"}`, malformed: `unknown key "wrongValue"`},
		{name: "unknown key with a null value", lambda: `{"statusCode":200,"wrongValue":null}`, malformed: `unknown key "wrongValue"`},
		{name: "key case matters", lambda: `{"StatusCode":200}`, malformed: `unknown key "StatusCode"`},
		{name: "just a string", lambda: `"justAString"`, malformed: `it is a string ("justAString")`},
		{name: "null", lambda: `null`, malformed: "it is null"},
		{name: "not JSON", lambda: `{"statusCode":200`, malformed: "not valid JSON"},
		{name: "multi value not a list", lambda: `{"statusCode":200,"multiValueHeaders":{"x":"value1"}}`, malformed: `multiValueHeaders["x"] must be a list of strings, not a string ("value1")`},
		{name: "bool header", lambda: `{"statusCode":200,"headers":{"test-header":"value","header-bool":true}}`, status: 200,
			headers: [][2]string{{"test-header", "value"}, {"header-bool", "true"}}},
		{name: "number header kept as written", lambda: `{"headers":{"n":1.50}}`, status: 200, headers: [][2]string{{"n", "1.50"}}},
		{name: "object header", lambda: `{"headers":{"o":{}}}`, malformed: `headers["o"] must be a string, number or boolean, not an object ({})`},
		{name: "headers null", lambda: `{"statusCode":200,"headers":null}`, status: 200},
		{name: "headers not an object", lambda: `{"headers":[]}`, malformed: "headers must be an object"},
		{name: "multi value list", lambda: `{"statusCode":200,"multiValueHeaders":{"test-multi":["value1","value2"]}}`, status: 200,
			headers: [][2]string{{"test-multi", "value1"}, {"test-multi", "value2"}}},
		{name: "multi and single merged, multi first", lambda: `{"statusCode":200,"multiValueHeaders":{"test-multi":["value-multi"]},"headers":{"test-multi":"value-solo"}}`, status: 200,
			headers: [][2]string{{"test-multi", "value-multi"}, {"test-multi", "value-solo"}}},
		{name: "merged case-insensitively with the multi casing", lambda: `{"statusCode":200,"headers":{"test-multi":"value-solo"},"multiValueHeaders":{"tesT-Multi":["value-multi"]}}`, status: 200,
			headers: [][2]string{{"tesT-Multi", "value-multi"}, {"tesT-Multi", "value-solo"}}},
		{name: "identical pair kept once", lambda: `{"multiValueHeaders":{"a":["1"]},"headers":{"a":"1"}}`, status: 200, headers: [][2]string{{"a", "1"}}},
		{name: "base64 flag", lambda: `{"statusCode":200,"body":"dGVzdC1kYXRh","isBase64Encoded":true}`, status: 200, body: "dGVzdC1kYXRh", base64: true},
		{name: "base64 flag not a bool", lambda: `{"isBase64Encoded":"true"}`, malformed: "isBase64Encoded must be true or false"},
		{name: "body object", lambda: `{"statusCode":200,"body":{"a":1}}`, malformed: "body must be a string"},
		{name: "body null", lambda: `{"statusCode":200,"body":null}`, status: 200},
		{name: "repeated key, last wins", lambda: `{"statusCode":500,"statusCode":201}`, status: 201},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseResponse([]byte(tt.lambda))
			if tt.malformed != "" {
				var m *MalformedError
				if !errors.As(err, &m) || !strings.Contains(err.Error(), tt.malformed) {
					t.Fatalf("error %v, want one containing %q", err, tt.malformed)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.StatusCode != tt.status || got.Body != tt.body || got.IsBase64Encoded != tt.base64 || !reflect.DeepEqual(got.Headers, tt.headers) {
				t.Fatalf("got %+v", got)
			}
		})
	}
}
