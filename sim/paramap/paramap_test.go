package paramap

import (
	"strings"
	"testing"
)

func TestParseSource(t *testing.T) {
	tests := []struct {
		expr string
		side Side
		want Source
		err  string
	}{
		{"'static value'", Request, Source{Static, "static value"}, ""},
		{"''", Response, Source{Static, ""}, ""},
		{"method.request.header.X-Id", Request, Source{Header, "X-Id"}, ""},
		{"method.request.multivalueheader.X", Request, Source{MultiValueHeader, "X"}, ""},
		{"method.request.querystring.q", Request, Source{QueryString, "q"}, ""},
		{"method.request.multivaluequerystring.q", Request, Source{MultiValueQueryString, "q"}, ""},
		{"method.request.path.petId", Request, Source{Path, "petId"}, ""},
		{"method.request.body", Request, Source{Body, ""}, ""},
		{"method.request.body.a.b", Request, Source{Body, "a.b"}, ""},
		{"context.identity.sourceIp", Response, Source{Context, "identity.sourceIp"}, ""},
		{"stageVariables.alias", Response, Source{StageVariable, "alias"}, ""},
		{"integration.response.header.Date", Response, Source{Header, "Date"}, ""},
		{"integration.response.multivalueheader.Date", Response, Source{MultiValueHeader, "Date"}, ""},
		{"integration.response.body.errorMessage.errorType", Response, Source{Body, "errorMessage.errorType"}, ""},
		{"integration.response.querystring.q", Response, Source{}, "not a source"},
		{"method.request.header.X", Response, Source{}, "integration.response."},
		{"method.request.header.", Request, Source{}, "not a source"},
		{"'unterminated", Request, Source{}, "not a source"},
		{"context.", Request, Source{}, "not a source"},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			got, err := ParseSource(tt.expr, tt.side)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

func TestParseTarget(t *testing.T) {
	tests := []struct {
		expr, prefix string
		want         Target
		ok           bool
	}{
		{"integration.request.header.X-Id", "integration.request.", Target{"header", "X-Id"}, true},
		{"integration.request.querystring.q", "integration.request.", Target{"querystring", "q"}, true},
		{"integration.request.path.id", "integration.request.", Target{"path", "id"}, true},
		{"method.response.header.X", "method.response.", Target{"header", "X"}, true},
		{"method.response.querystring.X", "method.response.", Target{}, false},
		{"method.response.header.", "method.response.", Target{}, false},
		{"integration.response.header.X", "method.response.", Target{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			got, err := ParseTarget(tt.expr, tt.prefix)
			if (err == nil) != tt.ok || got != tt.want {
				t.Fatalf("got %+v, %v; want %+v ok=%v", got, err, tt.want, tt.ok)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	v := Values{
		Header:        func(n string) []string { return map[string][]string{"X": {"a", "b"}}[n] },
		QueryString:   func(n string) []string { return map[string][]string{"q": {"1", "2"}}[n] },
		Path:          func(n string) (string, bool) { return "42", n == "id" },
		Body:          `{"a":{"b":[1,{"c":"d"}]}}`,
		Context:       func(n string) (string, bool) { return "req-1", n == "requestId" },
		StageVariable: func(n string) (string, bool) { return map[string]string{"alias": "live"}[n], n == "alias" },
	}
	tests := []struct {
		src  Source
		want string
		ok   bool
	}{
		{Source{Static, "s"}, "s", true},
		{Source{Header, "X"}, "b", true},
		{Source{MultiValueHeader, "X"}, "a,b", true},
		{Source{Header, "Y"}, "", false},
		{Source{QueryString, "q"}, "2", true},
		{Source{MultiValueQueryString, "q"}, "1,2", true},
		{Source{Path, "id"}, "42", true},
		{Source{Body, ""}, `{"a":{"b":[1,{"c":"d"}]}}`, true},
		{Source{Body, "a.b[1].c"}, "d", true},
		{Source{Body, "a.b"}, `[1,{"c":"d"}]`, true},
		{Source{Context, "requestId"}, "req-1", true},
		{Source{StageVariable, "alias"}, "live", true},
		{Source{StageVariable, "other"}, "", false},
	}
	for _, tt := range tests {
		got, ok := v.Resolve(tt.src)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%+v: got %q %v, want %q %v", tt.src, got, ok, tt.want, tt.ok)
		}
	}
	if _, ok := (Values{}).Resolve(Source{Path, "id"}); ok {
		t.Error("a side without path parameters resolved one")
	}
}

func TestBodyPath(t *testing.T) {
	// The developer guide's custom Lambda error: errorMessage is a JSON string, and header
	// mappings read into it.
	customError := `{"errorMessage":"{\"errorType\":\"InternalServerError\",\"httpStatus\":500,\"trace\":{\"function\":\"abc()\",\"line\":123,\"file\":\"abc.js\"}}"}`
	tests := []struct {
		body, path, want string
		ok               bool
	}{
		{customError, "errorMessage.errorType", "InternalServerError", true},
		{customError, "errorMessage.httpStatus", "500", true},
		{customError, "errorMessage.trace", `{"function":"abc()","line":123,"file":"abc.js"}`, true},
		{customError, "errorMessage.trace.function", "abc()", true},
		{customError, "errorMessage.nope", "", false},
		{`{"a b":{"c":[true,null]}}`, "['a b'].c", "[true,null]", true},
		{`{"a":[1,2]}`, "a[5]", "", false},
		{`{"a":"<&>"}`, "a", "<&>", true},
		{`{"a":{"h":"<&>"}}`, "a", `{"h":"<&>"}`, true},
		{`{"n":1.50}`, "n", "1.50", true},
		{`not json`, "a", "", false},
		{`{"a":1}`, "a..b", "", false},
		{`{"a":1}`, "a[x]", "", false},
		{`{"a":1} trailing`, "a", "", false},
	}
	for _, tt := range tests {
		got, ok := BodyPath(tt.body, tt.path)
		if got != tt.want || ok != tt.ok {
			t.Errorf("BodyPath(%s, %s) = %q %v, want %q %v", tt.body, tt.path, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzParseSource(f *testing.F) {
	for _, s := range []string{"'x'", "method.request.header.X", "integration.response.body.a.b", "context.a.b", "stageVariables.x", "method.request.body"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		for _, side := range []Side{Request, Response} {
			src, err := ParseSource(expr, side)
			if err == nil {
				Values{Body: `{"a":{"b":1}}`}.Resolve(src)
			}
		}
		_, _ = ParseTarget(expr, "integration.request.")
		_, _ = ParseTarget(expr, "method.response.")
	})
}

func FuzzBodyPath(f *testing.F) {
	f.Add(`{"errorMessage":"{\"a\":[1,{\"b\":2}]}"}`, "errorMessage.a[1].b")
	f.Add(`[[[]]]`, "[0][0]")
	f.Add(`{"a b":1}`, "['a b']")
	f.Fuzz(func(t *testing.T, body, path string) {
		if out, ok := BodyPath(body, path); !ok && out != "" {
			t.Fatalf("not found but returned %q", out)
		}
	})
}
