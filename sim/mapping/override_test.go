package mapping

import (
	"errors"
	"strings"
	"testing"

	"github.com/apigw-playground/playground/sim/vtl"
)

// TestOverrideOncePerTemplate: "An override may only be applied to each parameter once. If
// you try to override the same parameter multiple times, API Gateway returns a 5XX
// response" [DOC:apigateway-override-request-response-parameters]. Every assignment form
// counts (#set property, #set index, put, putAll, putIfAbsent, replace, entry setValue);
// the error points at the second write and names the parameter.
func TestOverrideOncePerTemplate(t *testing.T) {
	tests := []struct {
		name, template string
		// param is the parameter the error names, "" for a template that renders; line and
		// column locate the second write.
		param        string
		line, column int
	}{
		{name: "each parameter once", template: `#set($context.requestOverride.header.a = "1")#set($context.requestOverride.header.b = "2")` +
			`#set($context.requestOverride.querystring.a = "1")#set($context.requestOverride.path.a = "1")` +
			`#set($context.responseOverride.header.a = "1")#set($context.responseOverride.status = 400)`},
		{name: "variable applied once at the end", template: "#set($h = \"1\")\n#set($h = \"2\")\n#set($context.requestOverride.header.a = $h)"},
		{name: "ordinary maps are free", template: `#set($m = {})#set($m.a = 1)#set($m.a = 2)$m.put("a", 3)`},
		{name: "header names differ by case", template: `#set($context.requestOverride.header.a = "1")#set($context.requestOverride.header.A = "2")`},
		{name: "#set property twice", template: "#set($context.requestOverride.header.a = \"1\")\n  #set($context.requestOverride.header.a = \"2\")",
			param: "$context.requestOverride.header.a", line: 2, column: 40}, // at the key written
		{name: "index then put", template: "#set($context.requestOverride.querystring[\"q\"] = \"1\")\n$context.requestOverride.querystring.put(\"q\", \"2\")",
			param: "$context.requestOverride.querystring.q", line: 2},
		{name: "through a variable", template: "#set($p = $context.requestOverride.path)#set($p.id = 1)#set($p[\"id\"] = 2)",
			param: "$context.requestOverride.path.id"},
		{name: "putAll", template: `#set($context.responseOverride.header.h = "1")$context.responseOverride.header.putAll({"h": "2"})`,
			param: "$context.responseOverride.header.h"},
		{name: "status twice", template: "#set($context.responseOverride.status = 400)\n#set($context.responseOverride.status = 401)",
			param: "$context.responseOverride.status", line: 2},
		{name: "status through context index", template: `#set($context["responseOverride"]["status"] = 400)$context.responseOverride.put("status", 401)`,
			param: "$context.responseOverride.status"},
		{name: "in a loop", template: `#foreach($i in [1, 2])#set($context.requestOverride.header.n = $i)#end`,
			param: "$context.requestOverride.header.n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Render(tt.template, &Env{Context: testContext()})
			if tt.param == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			var verr *vtl.Error
			if !errors.As(err, &verr) {
				t.Fatalf("want a *vtl.Error naming %s, got %v", tt.param, err)
			}
			if !strings.HasPrefix(verr.Message, tt.param+" is overridden a second time") {
				t.Errorf("message %q does not name %s", verr.Message, tt.param)
			}
			if tt.line != 0 && verr.Line != tt.line {
				t.Errorf("line %d, want %d", verr.Line, tt.line)
			}
			if tt.column != 0 && verr.Column != tt.column {
				t.Errorf("column %d, want %d", verr.Column, tt.column)
			}
		})
	}
}

// TestOverrideCountIsPerTemplate: the request and response templates are separate
// templates, so each may set the same override once (the simulator's reading; the guide
// speaks of "the template"), and the value the first set stays visible to the second.
func TestOverrideCountIsPerTemplate(t *testing.T) {
	env := &Env{Context: testContext()}
	set := `#set($context.responseOverride.status = 201)#set($context.requestOverride.header.a = "x")`
	if _, err := Render(set, env); err != nil {
		t.Fatalf("first template: %v", err)
	}
	got, err := Render(set+`$context.requestOverride.header.a|$context.responseOverride.status`, env)
	if err != nil {
		t.Fatalf("second template: %v", err)
	}
	if got.Output != "x|201" {
		t.Errorf("got %q, want %q", got.Output, "x|201")
	}
}
