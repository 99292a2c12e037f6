package custom

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/apigw-playground/playground/sim/scenario"
)

// runReal runs a scenario through the real template engine.
func runReal(t *testing.T, doc string) *scenario.Trace {
	t.Helper()
	return runDecoded(t, doc, defaultServices)
}

// TestDocExampleRequestHeaderOverride is doc example 8 ([DOC:apigateway-override-request-
// response-parameters]): $context.requestOverride.header values reach the Lambda request,
// a list value joined by commas as the documented Test log shows
// (multivalueheader=foo,header1Valheader2Val). The order of the documented log's entries
// is not pinned: the simulator lists overrides in the order the template set them.
func TestDocExampleRequestHeaderOverride(t *testing.T) {
	template := `#set($header1Override = "foo")
#set($header3Value = "$input.params('header1')$input.params('header2')")
$input.json("$")
#set($context.requestOverride.header.header3 = $header3Value)
#set($context.requestOverride.header.header1 = $header1Override)
#set($context.requestOverride.header.multivalueheader=[$header1Override, $header3Value])`
	doc, _ := json.Marshal(map[string]any{
		"request":     map[string]any{"method": "POST", "path": "/x", "headers": map[string]string{"header1": "header1Val", "header2": "header2Val"}, "body": `{"a":1}`},
		"integration": map[string]any{"type": "aws", "requestTemplates": map[string]string{"application/json": template}},
		"lambda":      map[string]any{"handler": "echo"},
	})
	tr := runReal(t, string(doc))
	log := strings.Join(tr.Log, "\n")
	for _, want := range []string{"header3=header1Valheader2Val", "header1=foo", "multivalueheader=foo,header1Valheader2Val"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
	if tr.Response.StatusCode != 200 {
		t.Errorf("status %d, diagnostics %+v", tr.Response.StatusCode, tr.Diagnostics)
	}
}

// TestDocExampleStatusOverride is doc example 7: a response template that finds "error"
// in the body sets $context.responseOverride.status to 400; the body passes unchanged and
// the Test log ends with the new status.
func TestDocExampleStatusOverride(t *testing.T) {
	template := `#set($inputRoot = $input.path('$'))
$input.json("$")
#if($inputRoot.toString().contains("error"))
#set($context.responseOverride.status = 400)
#end`
	result := map[string]any{"errors": []any{map[string]any{"key": "GetPetRequest.petId", "message": "The value is out of range."}}}
	doc, _ := json.Marshal(map[string]any{
		"request":     map[string]any{"method": "GET", "path": "/x"},
		"integration": map[string]any{"type": "aws", "responses": map[string]any{"default": map[string]any{"statusCode": "200", "responseTemplates": map[string]string{"application/json": template}}}},
		"lambda":      map[string]any{"result": result},
	})
	tr := runReal(t, string(doc))
	if tr.Response.StatusCode != 400 || tr.Log[len(tr.Log)-1] != "Method completed with status: 400" {
		t.Fatalf("status %d, last log line %q, diagnostics %+v", tr.Response.StatusCode, tr.Log[len(tr.Log)-1], tr.Diagnostics)
	}
	if want := `{"errors":[{"key":"GetPetRequest.petId","message":"The value is out of range."}]}`; !strings.Contains(tr.Response.Body, want) {
		t.Errorf("body %q lacks %s", tr.Response.Body, want)
	}
}
