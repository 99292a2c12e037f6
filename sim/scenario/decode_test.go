package scenario

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestDecodeKeepsHeaderOrderAndRepeats(t *testing.T) {
	want := Headers{
		{Name: "Zeta", Values: []string{"1"}},
		{Name: "alpha", Values: []string{"a", "b"}},
		{Name: "Mid", Values: []string{"m"}},
	}
	tests := []struct{ name, doc string }{
		{"json", `{"request": {"headers": {"Zeta": "1", "alpha": ["a", "b"], "Mid": "m"}}}`},
		{"json repeated key", `{"request": {"headers": {"Zeta": "1", "alpha": "a", "Mid": "m", "alpha": "b"}}}`},
		{"yaml", "request:\n  headers:\n    Zeta: \"1\"\n    alpha: [a, b]\n    Mid: m\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := Decode([]byte(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			got := sc.Request.Headers
			if tt.name == "json repeated key" {
				// a key given twice is a repeated header, in place of its first appearance
				want := Headers{want[0], {Name: "alpha", Values: []string{"a", "b"}}, want[2]}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("got %+v, want %+v", got, want)
				}
				return
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("got %+v, want %+v", got, want)
			}
		})
	}
}

func TestHeadersRoundTrip(t *testing.T) {
	in := `{"B":"<1>","a":["x","y&z"],"C":[]}`
	var h Headers
	if err := json.Unmarshal([]byte(in), &h); err != nil {
		t.Fatal(err)
	}
	out, err := h.MarshalJSON() // json.Marshal would escape < > & again; an Encoder need not
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != in {
		t.Fatalf("got %s, want %s", out, in)
	}
	if v, ok := h.Last("A"); !ok || v != "y&z" {
		t.Fatalf("Last(A) = %q, %v", v, ok)
	}
}

func TestYAMLKeepsTypes(t *testing.T) {
	doc := `
request:
  method: POST
  path: /x
  body: '{"a": 1}'
lambda:
  result:
    statusCode: "201"
    n: 7
    f: 1.5
    ok: true
    nothing: null
    html: "<b>&"
`
	sc, err := Decode([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"statusCode":"201","n":7,"f":1.5,"ok":true,"nothing":null,"html":"<b>&"}`
	if string(sc.Lambda.Result) != want {
		t.Fatalf("result %s, want %s", sc.Lambda.Result, want)
	}
	if sc.Request.Body == nil || *sc.Request.Body != `{"a": 1}` {
		t.Fatalf("body %v", sc.Request.Body)
	}
}

func TestDecodeErrorsNameTheField(t *testing.T) {
	tests := []struct{ doc, want string }{
		{``, "empty document"},
		{`{"request": `, "line 1, column 12"},
		{"{\n\"request\": {\n\"path\": /x}}", "line 3, column 9"},
		{"\n\n  {\"request\": \n  /x}", "line 4, column 3"},
		{"\ufeff{\"request\": {\"path\": 1}}", "request.path: must be a string"},
		{`[]`, "must be an object"},
		{`{"api": {}}`, "request: missing"},
		{`{"request": {"headers": {"X-Trace": 1}}}`, `request.headers["X-Trace"]: must be a string or a list of strings`},
		{`{"request": {"headers": {"X-Trace": ["a", {}]}}}`, `request.headers["X-Trace"]: [1]: must be a string`},
		{`{"request": {"headers": {"Bad Name": "x"}}}`, `request.headers["Bad Name"]: "Bad Name" is not a valid header name`},
		{`{"request": {"headers": ["x"]}}`, `request.headers: must be an object`},
		{`{"request": {"body": 5}}`, `request.body: must be a string, not number`},
		{`{"request": {}, "context": {"requestTimeEpoch": "soon"}}`, `context.requestTimeEpoch: must be a number`},
		{`{"request": {}, "api": {"binaryMediaTypes": "image/png"}}`, `api.binaryMediaTypes: must be a list of strings`},
		{`{"request": {}, "api": {"stageVariables": "live"}}`, `api.stageVariables: must be an object of strings, not string`},
		{"request:\n  path: [unclosed", "neither JSON nor valid YAML"},
		{"a: &x [*x]\nrequest: {}", ""},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, err := Decode([]byte(tt.doc))
			if tt.want == "" {
				return // must merely not panic or hang
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Scenario)
		want string
	}{
		{"ok", func(*Scenario) {}, ""},
		{"method", func(s *Scenario) { s.Request.Method = "get" }, `request.method: "get"`},
		{"path", func(s *Scenario) { s.Request.Path = "x" }, `request.path: "x" must start with "/"`},
		{"type", func(s *Scenario) { s.Integration.Type = "http" }, `integration.type: "http"`},
		{"endpoint", func(s *Scenario) { s.API.EndpointType = "private" }, `api.endpointType: "PRIVATE"`},
		{"two lambdas", func(s *Scenario) { r := "x"; s.Lambda.Raw = &r; s.Lambda.Result = json.RawMessage("1") }, "lambda: give exactly one of result, error, raw or handler, not result and raw"},
		{"stage", func(s *Scenario) { s.API.Stage = "a/b" }, "api.stage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := &Scenario{}
			tt.edit(sc)
			sc.ApplyDefaults()
			err := sc.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestApplyDefaults(t *testing.T) {
	sc := &Scenario{}
	sc.ApplyDefaults()
	if sc.Request.Method != "GET" || sc.Request.Path != "/" || sc.API.Resource != "/" || sc.API.Stage != "dev" ||
		sc.Integration.Type != TypeAWSProxy || sc.Integration.HTTPMethod != "POST" || string(sc.Lambda.Result) != DefaultLambdaResult {
		t.Fatalf("defaults %+v", sc)
	}
	sc = &Scenario{Request: Request{Path: "/a/b?x=1"}}
	sc.ApplyDefaults()
	if sc.API.Resource != DefaultResource {
		t.Fatalf("resource %q, want %q", sc.API.Resource, DefaultResource)
	}
}
