package custom_test

import (
	"encoding/json"
	"testing"

	"github.com/apigw-playground/playground/sim"
)

// FuzzPipeline varies what a user types into a custom integration — templates, a
// selection pattern, a mapping expression, the function's error message, the request's
// body and media types — and runs the whole simulator: nothing may panic, every trace must
// encode, end its log with the status line, and explain a gateway error with a diagnostic.
func FuzzPipeline(f *testing.F) {
	f.Add(`{"id": "$input.params('id')"}`, `$input.json('$')`, `.*bad.*`, `integration.response.body.errorMessage.x`, `{"x":1}`, `bad`, `application/json`, `application/json`, true)
	f.Add(`#set($context.responseOverride.status = 418)`, `#set($x = $input.path('$.a'))$x`, `(a+)+b`, `'static'`, ``, `aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac`, `text/plain`, `image/png`, false)
	f.Add(`{"statusCode": 404}`, `{"m": "$util.escapeJavaScript($input.body)"}`, `4\d{2}`, `context.requestId`, `{"name": "Rex"}`, "line\nbreak", `application/xml`, `*/*`, false)
	f.Fuzz(func(t *testing.T, reqTemplate, respTemplate, pattern, source, body, errorMessage, contentType, accept string, fail bool) {
		integration := map[string]any{
			"type":                "aws",
			"passthroughBehavior": "when_no_templates",
			"requestTemplates":    map[string]string{"application/json": reqTemplate},
			"responses": map[string]any{
				"default": map[string]any{"statusCode": "200", "responseTemplates": map[string]string{"application/json": respTemplate}},
				pattern:   map[string]any{"statusCode": "400", "responseParameters": map[string]string{"method.response.header.X": source}},
			},
		}
		lambda := map[string]any{"handler": "echo"}
		if fail {
			lambda = map[string]any{"error": map[string]any{"errorMessage": errorMessage, "errorType": "Error"}}
		}
		doc, _ := json.Marshal(map[string]any{
			"request": map[string]any{"method": "POST", "path": "/x",
				"headers": map[string]string{"Content-Type": contentType, "Accept": accept}, "body": body},
			"api":         map[string]any{"resource": "/x", "binaryMediaTypes": []string{"image/png"}},
			"integration": integration,
			"lambda":      lambda,
		})
		for _, typ := range []string{"aws", "mock"} {
			sc, err := sim.DecodeScenario(doc)
			if err != nil {
				return // e.g. a header value the request cannot carry
			}
			sc.Integration.Type = typ
			tr := sim.Run(sc)
			if !json.Valid(sim.TraceJSON(tr)) {
				t.Fatal("trace is not valid JSON")
			}
			if len(tr.Log) == 0 || tr.Response.StatusCode == 0 {
				t.Fatalf("no log or status: %+v", tr)
			}
			if tr.Response.Headers["x-amzn-ErrorType"] != "" && len(tr.Diagnostics) == 0 {
				t.Fatalf("gateway error %d without a diagnostic", tr.Response.StatusCode)
			}
		}
	})
}
