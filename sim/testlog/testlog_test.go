package testlog

import (
	"testing"

	"github.com/apigw-playground/playground/sim/requestctx"
	"github.com/apigw-playground/playground/sim/route"
	"github.com/apigw-playground/playground/sim/scenario"
)

func TestJavaMap(t *testing.T) {
	tests := []struct {
		pairs []Pair
		want  string
	}{
		{nil, "{}"},
		{[]Pair{{"queryTest", "value"}}, "{queryTest=value}"},
		{[]Pair{{"a", "1"}, {"b", "x=y, z"}}, "{a=1, b=x=y, z}"},
	}
	for _, tt := range tests {
		if got := JavaMap(tt.pairs); got != tt.want {
			t.Errorf("JavaMap(%v) = %q, want %q", tt.pairs, got, tt.want)
		}
	}
}

// TestMethodRequest pins the opening lines against the AWS-recorded TestInvoke log
// (api-gateway-behavior.md §6).
func TestMethodRequest(t *testing.T) {
	body := `{"test": "val123"}`
	req := &route.Request{Method: "GET", Path: "/foo", Query: route.ParseQuery("queryTest=value"),
		Headers: scenario.Headers{{Name: "content-type", Values: []string{"application/json"}}}, Body: []byte(body), HasBody: true}
	var l Log
	l.MethodRequest(requestctx.Context{RequestID: "id-1"}, req)
	want := []string{
		"Starting execution for request: id-1",
		"HTTP Method: GET, Resource Path: /foo",
		"Method request path: {}",
		"Method request query string: {queryTest=value}",
		"Method request headers: {content-type=application/json}",
		`Method request body before transformations: {"test": "val123"}`,
	}
	got := l.Lines()
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d: got %q, want %q", i, got[i], want[i])
		}
	}
}
