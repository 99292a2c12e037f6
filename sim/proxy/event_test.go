package proxy

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/apigw-playground/playground/sim/requestctx"
	"github.com/apigw-playground/playground/sim/route"
	"github.com/apigw-playground/playground/sim/scenario"
)

// TestEvent pins the event rules of api-gateway-behavior.md §1.1 that the recorded
// conformance events do not vary: null versus {} for each map, the header casing and
// last-value rules, and the request-side binary rule.
func TestEvent(t *testing.T) {
	rc := requestctx.Context{DomainName: "h.example", TraceID: "Root=t", RequestTimeEpoch: 1700000000000,
		Identity: requestctx.Identity{SourceIP: "192.0.2.1"}}
	body, text := "\x89PNG", `{"message": "hello world"}`
	tests := []struct {
		name    string
		path    string // request.path, query string included
		headers scenario.Headers
		body    *string
		api     scenario.API
		want    map[string]any // keys of the decoded event to compare
	}{
		{name: "no query, params, stage variables or body: all null", path: "/x", api: scenario.API{Resource: "/x"},
			want: map[string]any{"queryStringParameters": nil, "multiValueQueryStringParameters": nil, "pathParameters": nil,
				"stageVariables": nil, "body": nil, "isBase64Encoded": false}},
		{name: "query: last value and every value in order (V)", path: "/x?category=electronics&category=books", api: scenario.API{Resource: "/x"},
			want: map[string]any{"queryStringParameters": map[string]any{"category": "books"},
				"multiValueQueryStringParameters": map[string]any{"category": []any{"electronics", "books"}}}},
		{name: "query decoding: %2B is +, + is a space, fragment dropped (V)", path: "/x?e=test%2Balias&p=a+b&z=abort/#frag", api: scenario.API{Resource: "/x"},
			want: map[string]any{"queryStringParameters": map[string]any{"e": "test+alias", "p": "a b", "z": "abort/"}}},
		{name: "stage dup slash collapsed in path, kept in requestContext.path; greedy param keeps + and %2B (V)",
			path: "//a+b/c%2Bd//e/", api: scenario.API{Resource: "/{proxy+}", Stage: "stage"},
			want: map[string]any{"path": "/a+b/c%2Bd//e/", "pathParameters": map[string]any{"proxy": "a+b/c%2Bd//e"}}},
		{name: "stage variables when set", path: "/x", api: scenario.API{Resource: "/x", StageVariables: map[string]string{"v": "1"}},
			want: map[string]any{"stageVariables": map[string]any{"v": "1"}}},
		{name: "headers: last value, all values, client casing, Authorization and User-Agent canonical, Connection dropped (V)",
			path: "/x", api: scenario.API{Resource: "/x", EndpointType: "REGIONAL"},
			headers: scenario.Headers{
				{Name: "tEsT-HEADeR", Values: []string{"1", "2"}},
				{Name: "aUThorization", Values: []string{"token"}},
				{Name: "user-Agent", Values: []string{"ua"}},
				{Name: "Connection", Values: []string{"keep-alive"}},
			},
			want: map[string]any{
				"headers": map[string]any{"tEsT-HEADeR": "2", "Authorization": "token", "User-Agent": "ua", "Host": "h.example",
					"X-Amzn-Trace-Id": "Root=t", "X-Forwarded-For": "192.0.2.1", "X-Forwarded-Port": "443", "X-Forwarded-Proto": "https"},
				"multiValueHeaders": map[string]any{"tEsT-HEADeR": []any{"1", "2"}, "Authorization": []any{"token"}, "User-Agent": []any{"ua"},
					"Host": []any{"h.example"}, "X-Amzn-Trace-Id": []any{"Root=t"}, "X-Forwarded-For": []any{"192.0.2.1"},
					"X-Forwarded-Port": []any{"443"}, "X-Forwarded-Proto": []any{"https"}},
			}},
		{name: "text body as sent", path: "/x", body: &text, api: scenario.API{Resource: "/x", BinaryMediaTypes: []string{"image/png"}},
			headers: scenario.Headers{{Name: "Content-Type", Values: []string{"text/plain"}}},
			want:    map[string]any{"body": text, "isBase64Encoded": false}},
		{name: "binary body when Content-Type is a binary media type (D)", path: "/x", body: &body, api: scenario.API{Resource: "/x", BinaryMediaTypes: []string{"image/png"}},
			headers: scenario.Headers{{Name: "Content-Type", Values: []string{"image/png"}}},
			want:    map[string]any{"body": "iVBORw==", "isBase64Encoded": true}},
		{name: "requestTimeEpoch is a number (V)", path: "/x", api: scenario.API{Resource: "/x"},
			want: map[string]any{"requestContext.requestTimeEpoch": float64(1700000000000)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := &scenario.Scenario{API: tt.api, Request: scenario.Request{Method: "GET", Path: tt.path, Headers: tt.headers, Body: tt.body}}
			req, err := route.New(sc)
			if err != nil {
				t.Fatal(err)
			}
			var ev map[string]any
			if err := json.Unmarshal(Event(sc, req, rc), &ev); err != nil {
				t.Fatal(err)
			}
			for key, want := range tt.want {
				got := ev[key]
				if key == "requestContext.requestTimeEpoch" {
					got = ev["requestContext"].(map[string]any)["requestTimeEpoch"]
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %#v, want %#v", key, got, want)
				}
			}
			if len(ev) != 12 {
				t.Errorf("event has %d keys, want the 12 recorded ones", len(ev))
			}
		})
	}
}
