package custom

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestOverrideSetTwiceAnswers500: a template that sets the same override twice gets API
// Gateway's 5XX [DOC:apigateway-override-request-response-parameters] — the simulator's
// 500 configuration error (the status and log line are inferred: the guide says only
// "5XX") — and a diagnostic at the second write that names the parameter. The Lambda is
// not called when the request template fails.
func TestOverrideSetTwiceAnswers500(t *testing.T) {
	tests := []struct {
		name              string
		requestTemplate   string
		responseTemplate  string
		status            int
		log, param, stage string
		line, column      int
		lambdaCalled      bool
	}{
		{
			name:            "request header twice",
			requestTemplate: "#set($context.requestOverride.header.h = \"1\")\n#set($context.requestOverride.header.h = \"2\")\n{}",
			status:          500, log: "Execution failed due to configuration error: Unable to transform request",
			param: "$context.requestOverride.header.h", stage: "requestTemplate", line: 2, column: 38,
		},
		{
			name:             "response status twice",
			responseTemplate: "#set($context.responseOverride.status = 400)\n$context.responseOverride.put(\"status\", 401)",
			status:           500, log: "Execution failed due to configuration error: Unable to transform response",
			param: "$context.responseOverride.status", stage: "responseTemplate", line: 2, column: 27,
			lambdaCalled: true,
		},
		{
			name:             "once in each template is allowed",
			requestTemplate:  "#set($context.responseOverride.status = 201){}",
			responseTemplate: "#set($context.responseOverride.status = 202)ok",
			status:           202, lambdaCalled: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			integration := map[string]any{"type": "aws"}
			if tt.requestTemplate != "" {
				integration["requestTemplates"] = map[string]string{"application/json": tt.requestTemplate}
			}
			if tt.responseTemplate != "" {
				integration["responses"] = map[string]any{"default": map[string]any{"statusCode": "200", "responseTemplates": map[string]string{"application/json": tt.responseTemplate}}}
			}
			doc, _ := json.Marshal(map[string]any{
				"request":     map[string]any{"method": "POST", "path": "/x", "body": "{}"},
				"integration": integration,
				"lambda":      map[string]any{"handler": "echo"},
			})
			tr := runReal(t, string(doc))
			if tr.Response.StatusCode != tt.status {
				t.Fatalf("status %d, want %d; diagnostics %+v", tr.Response.StatusCode, tt.status, tr.Diagnostics)
			}
			if (tr.Payload != nil) != tt.lambdaCalled {
				t.Errorf("Lambda called: %v, want %v", tr.Payload != nil, tt.lambdaCalled)
			}
			if tt.param == "" {
				return
			}
			if tr.Response.Body != `{"message": "Internal server error"}` || tr.Response.Headers["x-amzn-ErrorType"] != "InternalServerErrorException" {
				t.Errorf("response %q, headers %v", tr.Response.Body, tr.Response.Headers)
			}
			if log := strings.Join(tr.Log, "\n"); !strings.Contains(log, tt.log) {
				t.Errorf("log lacks %q:\n%s", tt.log, log)
			}
			found := false
			for _, d := range tr.Diagnostics {
				if d.Stage == tt.stage && d.Line == tt.line && d.Column == tt.column && strings.Contains(d.Message, tt.param+" is overridden a second time") {
					found = true
				}
			}
			if !found {
				t.Errorf("no %s diagnostic at %d:%d naming %s: %+v", tt.stage, tt.line, tt.column, tt.param, tr.Diagnostics)
			}
		})
	}
}
