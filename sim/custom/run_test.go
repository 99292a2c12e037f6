package custom

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/apigw-playground/playground/sim/jv"
	"github.com/apigw-playground/playground/sim/mapping"
	"github.com/apigw-playground/playground/sim/requestctx"
	"github.com/apigw-playground/playground/sim/route"
	"github.com/apigw-playground/playground/sim/scenario"
	"github.com/apigw-playground/playground/sim/vtl"
)

// fakeTemplates stand in for the template engine in the pipeline's own tests: each
// template text names what it does. The real engine is exercised by the conformance
// tests through Run.
var fakeTemplates = map[string]func(body []byte, ctx *jv.Map) (string, error){
	"BODY":     func(body []byte, _ *jv.Map) (string, error) { return string(body), nil },
	"CONST":    func([]byte, *jv.Map) (string, error) { return `{"const":true}`, nil },
	"EMPTY":    func([]byte, *jv.Map) (string, error) { return "", nil },
	"B64":      func([]byte, *jv.Map) (string, error) { return "iVBORw==", nil },
	"WRAP":     func(body []byte, _ *jv.Map) (string, error) { return `{"data":"` + string(body) + `"}`, nil },
	"NOT-JSON": func([]byte, *jv.Map) (string, error) { return "not json", nil },
	"MOCK-201": func([]byte, *jv.Map) (string, error) { return `{"statusCode": 201}`, nil },
	"BROKEN": func([]byte, *jv.Map) (string, error) {
		return "", &vtl.Error{Line: 3, Column: 7, Message: "unexpected token"}
	},
	"STATUS-444": func(_ []byte, ctx *jv.Map) (string, error) {
		ro, _ := ctx.Get("responseOverride")
		ro.(*jv.Map).Put("status", int32(444))
		h := jv.NewMap(1)
		h.Put("foo", "bar")
		ro.(*jv.Map).Put("header", h)
		return `{"statusCode": 200}`, nil
	},
	"REQ-HEADER": func(_ []byte, ctx *jv.Map) (string, error) {
		ro, _ := ctx.Get("requestOverride")
		h := jv.NewMap(1)
		h.Put("header1", "foo")
		ro.(*jv.Map).Put("header", h)
		return `{}`, nil
	},
}

func fakeServices() services {
	ctx := jv.NewMap(2)
	ctx.Put("requestOverride", jv.NewMap(0))
	ctx.Put("responseOverride", jv.NewMap(0))
	ctx.Put("requestId", "req-1")
	return services{
		ctx: ctx,
		render: func(template string, body []byte) (mapping.Result, error) {
			f, ok := fakeTemplates[template]
			if !ok {
				return mapping.Result{}, fmt.Errorf("fake template %q unknown", template)
			}
			out, err := f(body, ctx)
			return mapping.Result{Output: out}, err
		},
	}
}

// runJSON decodes a scenario as the simulator does and runs it with fake templates.
func runJSON(t *testing.T, doc string) *scenario.Trace {
	t.Helper()
	return runDecoded(t, doc, func(*scenario.Scenario, *route.Request, requestctx.Context) services { return fakeServices() })
}

// runDecoded decodes, defaults and routes a scenario, then runs it with the services that
// servicesFor picks.
func runDecoded(t *testing.T, doc string, servicesFor func(*scenario.Scenario, *route.Request, requestctx.Context) services) *scenario.Trace {
	t.Helper()
	var sc scenario.Scenario
	if err := json.Unmarshal([]byte(doc), &sc); err != nil {
		t.Fatalf("scenario: %v", err)
	}
	sc.ApplyDefaults()
	req, err := route.New(&sc)
	if err != nil {
		t.Fatalf("route: %v", err)
	}
	rc := requestctx.New(&sc, req)
	return run(&sc, req, rc, servicesFor(&sc, req, rc))
}

func TestPipeline(t *testing.T) {
	tests := []struct {
		name     string
		scenario string
		status   int
		body     string
		payload  string // "-" for no Lambda call
		headers  map[string]string
		logHas   string
		// diagnostic, when set, is "line:column" the trace's first diagnostic must point at.
		diagnostic string
		// binary, when set, is "yes" or "no": whether the client gets binary.
		binary string
	}{
		{
			name:     "passthrough without templates",
			scenario: `{"request":{"method":"POST","path":"/x","body":"{\"a\":1}"},"integration":{"type":"aws"},"lambda":{"handler":"echo"}}`,
			status:   200, body: `{"a":1}`, payload: `{"a":1}`,
			headers: map[string]string{"Content-Type": "application/json"},
		},
		{
			name:     "empty body reaches the function as {}",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"AWS"},"lambda":{"handler":"echo"}}`,
			status:   200, body: `{}`, payload: `{}`,
			logHas: "Endpoint request body after transformations: ",
		},
		{
			name:     "no Content-Type uses the application/json template",
			scenario: `{"request":{"method":"POST","path":"/x","body":"ignored"},"integration":{"type":"aws","requestTemplates":{"application/json":"CONST"}},"lambda":{"handler":"echo"}}`,
			status:   200, body: `{"const":true}`, payload: `{"const":true}`,
		},
		{
			name:     "WHEN_NO_MATCH passes an unmatched type through",
			scenario: `{"request":{"method":"POST","path":"/x","headers":{"Content-Type":"application/xml"},"body":"{}"},"integration":{"type":"aws","requestTemplates":{"application/json":"CONST"}},"lambda":{"handler":"echo"}}`,
			status:   200, body: `{}`, payload: `{}`,
		},
		{
			name:     "WHEN_NO_TEMPLATES refuses an unmatched type when templates exist",
			scenario: `{"request":{"method":"POST","path":"/x","headers":{"Content-Type":"application/xml"},"body":"<a/>"},"integration":{"type":"aws","passthroughBehavior":"when_no_templates","requestTemplates":{"application/json":"CONST"}},"lambda":{"handler":"echo"}}`,
			status:   415, body: `{"message":"Unsupported Media Type"}`, payload: "-",
			headers: map[string]string{"x-amzn-ErrorType": "UnsupportedMediaTypeException"},
		},
		{
			name:     "WHEN_NO_TEMPLATES passes through when there are none",
			scenario: `{"request":{"method":"POST","path":"/x","headers":{"Content-Type":"application/xml"},"body":"{}"},"integration":{"type":"aws","PassthroughBehavior":"WHEN_NO_TEMPLATES"},"lambda":{"handler":"echo"}}`,
			status:   200, body: `{}`, payload: `{}`,
		},
		{
			name:     "NEVER refuses without templates",
			scenario: `{"request":{"method":"POST","path":"/x","body":"{}"},"integration":{"type":"aws","passthroughBehavior":"NEVER"},"lambda":{"handler":"echo"}}`,
			status:   415, body: `{"message":"Unsupported Media Type"}`, payload: "-",
		},
		// Developer guide, "Integration passthrough behaviors" (doc example 12), second
		// table: templates for application/xml only.
		{
			name:     "templates for xml only: no Content-Type passes through under WHEN_NO_MATCH",
			scenario: `{"request":{"method":"POST","path":"/x","body":"{\"b\":2}"},"integration":{"type":"aws","requestTemplates":{"application/xml":"CONST"}},"lambda":{"handler":"echo"}}`,
			status:   200, body: `{"b":2}`, payload: `{"b":2}`,
		},
		{
			name:     "templates for xml only: application/json is 415 under WHEN_NO_TEMPLATES",
			scenario: `{"request":{"method":"POST","path":"/x","headers":{"Content-Type":"application/json"},"body":"{}"},"integration":{"type":"aws","passthroughBehavior":"WHEN_NO_TEMPLATES","requestTemplates":{"application/xml":"CONST"}},"lambda":{"handler":"echo"}}`,
			status:   415, body: `{"message":"Unsupported Media Type"}`, payload: "-",
		},
		{
			name:     "templates for xml only: no Content-Type is 415 under NEVER",
			scenario: `{"request":{"method":"POST","path":"/x","body":"{}"},"integration":{"type":"aws","passthroughBehavior":"NEVER","requestTemplates":{"application/xml":"CONST"}},"lambda":{"handler":"echo"}}`,
			status:   415, body: `{"message":"Unsupported Media Type"}`, payload: "-",
		},
		{
			name:     "templates for xml only: application/xml is transformed under NEVER",
			scenario: `{"request":{"method":"POST","path":"/x","headers":{"Content-Type":"application/xml; charset=utf-8"},"body":"<a/>"},"integration":{"type":"aws","passthroughBehavior":"NEVER","requestTemplates":{"application/xml":"CONST"}},"lambda":{"handler":"echo"}}`,
			status:   200, body: `{"const":true}`, payload: `{"const":true}`,
		},
		{
			name:     "unmappable integration request header",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"aws","requestParameters":{"integration.request.header.Content-Length":"'0'"}},"lambda":{"handler":"echo"}}`,
			status:   500, body: `{"message": "Internal server error"}`, payload: "-",
			headers: map[string]string{"x-amzn-ErrorType": "InternalServerErrorException"},
		},
		{
			name:     "binary body under a request template",
			scenario: `{"request":{"method":"PUT","path":"/x","body":"H4sIAA=="},"integration":{"type":"aws","contentHandling":"CONVERT_TO_BINARY","requestTemplates":{"application/json":"BODY"}},"lambda":{"handler":"echo"}}`,
			status:   500, body: `{"message": "Internal server error"}`, payload: "-",
			logHas: "Execution failed due to configuration error: Unable to transform request",
		},
		{
			name:     "asynchronous invocation answers the empty 202 body",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"aws","requestParameters":{"integration.request.header.X-Amz-Invocation-Type":"'Event'"}},"lambda":{"result":{"never":"seen"},"durationMs":60000}}`,
			status:   200, body: ``, payload: `{}`,
			headers: map[string]string{"Content-Type": "application/json"},
			logHas:  "Received response. Status: 202, Integration latency: 42 ms",
		},
		{
			name:     "RequestResponse invocation type stays synchronous",
			scenario: `{"request":{"method":"GET","path":"/x","headers":{"InvocationType":"RequestResponse"}},"integration":{"type":"aws","requestParameters":{"integration.request.header.X-Amz-Invocation-Type":"method.request.header.InvocationType"}},"lambda":{"result":{"seen":true}}}`,
			status:   200, body: `{"seen":true}`, payload: `{}`,
		},
		{
			name:     "mapped and overridden integration request headers are logged first",
			scenario: `{"request":{"method":"POST","path":"/x","headers":{"h2":"v2"},"body":"{}"},"integration":{"type":"aws","requestTemplates":{"application/json":"REQ-HEADER"},"requestParameters":{"integration.request.header.header1":"'static'","integration.request.header.header2":"method.request.header.h2","integration.request.header.stage":"context.requestId"}},"lambda":{"handler":"echo"}}`,
			status:   200, body: `{}`, payload: `{}`,
			logHas: "Endpoint request headers: {header1=foo, header2=v2, stage=req-1, ",
		},
		{
			name:     "template that does not render is a 500 with a position",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"aws","requestTemplates":{"application/json":"BROKEN"}},"lambda":{"handler":"echo"}}`,
			status:   500, body: `{"message": "Internal server error"}`, payload: "-",
			logHas: "Execution failed due to configuration error: Unable to transform request", diagnostic: "3:7",
		},
		{
			name:     "template output that is not JSON",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"aws","requestTemplates":{"application/json":"NOT-JSON"}},"lambda":{"handler":"echo"}}`,
			status:   500, body: `{"message": "Internal server error"}`, payload: "not json",
		},
		{
			name:     "non-POST integration method",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"aws","httpMethod":"GET"},"lambda":{"handler":"echo"}}`,
			status:   500, body: `{"message": "Internal server error"}`, payload: "-",
		},
		{
			name:     "timeout",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"aws","timeoutInMillis":1000},"lambda":{"result":1,"durationMs":1500}}`,
			status:   504, body: `{"message": "Endpoint request timed out"}`, payload: `{}`,
			logHas: "Execution failed due to a timeout error",
		},
		{
			name:     "unmapped function error comes back 200 with the error document",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"aws"},"lambda":{"error":{"errorMessage":"boom","errorType":"Error"}}}`,
			status:   200, body: `{"errorMessage":"boom","errorType":"Error"}`, payload: `{}`,
		},
		{
			name: "selection by errorMessage, status order",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"aws","responses":{
				"default":{"statusCode":"200"},".+":{"statusCode":"502"},".*four hundred.*":{"statusCode":"405"},"200":{"statusCode":"504"}}},
				"lambda":{"error":{"errorMessage":"Error: Raising four hundred from within the Lambda function","errorType":"Exception"}}}`,
			status: 405, payload: `{}`,
		},
		{
			name:     "no match and no default",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"aws","responses":{"nope":{"statusCode":"400"}}},"lambda":{"result":"ok"}}`,
			status:   500, body: `{"message": "Internal server error"}`, payload: `{}`,
			logHas: "Execution failed due to configuration error: No match for output mapping and no default output mapping configured. Endpoint Response Status Code: 200",
		},
		{
			name:     "status not declared in methodResponses",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"aws","responses":{"default":{"statusCode":"201"}}},"methodResponses":{"200":{}},"lambda":{"result":"ok"}}`,
			status:   500, payload: `{}`,
			logHas: "Output mapping refers to an invalid method response: 201",
		},
		{
			name: "custom error fields mapped to headers, restricted names remapped",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"aws","responses":{
				"default":{"statusCode":"200"},
				".*httpStatus.*":{"statusCode":"500","responseParameters":{
					"method.response.header.error_type":"integration.response.body.errorMessage.errorType",
					"method.response.header.error_trace":"integration.response.body.errorMessage.trace",
					"method.response.header.error_status":"integration.response.body.errorMessage.httpStatus",
					"method.response.header.error_trace_function":"integration.response.body.errorMessage.trace.function",
					"method.response.header.Date":"'today'",
					"method.response.header.Transfer-Encoding":"'chunked'",
					"method.response.header.X-Stage":"stageVariables.alias"}}}},
				"api":{"stageVariables":{"alias":"live"}},
				"lambda":{"error":{"errorMessage":"{\"errorType\":\"InternalServerError\",\"httpStatus\":500,\"trace\":{\"function\":\"abc()\",\"line\":123}}"}}}`,
			status: 500, payload: `{}`,
			// Doc example 9 ([DOC:handle-errors-in-lambda-integration]): the errorMessage JSON
			// string is read as JSON by body mappings.
			headers: map[string]string{"error_type": "InternalServerError", "error_trace": `{"function":"abc()","line":123}`,
				"error_status": "500", "error_trace_function": "abc()",
				"x-amzn-Remapped-Date": "today", "X-Stage": "live"},
		},
		{
			name:     "undeclared response header",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"aws","responses":{"default":{"statusCode":"200","responseParameters":{"method.response.header.X":"'1'"}}}},"methodResponses":{"200":{"responseParameters":{"method.response.header.Y":true}}},"lambda":{"result":"ok"}}`,
			status:   500, payload: `{}`,
		},
		{
			name:     "declared response header, OpenAPI form",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"aws","responses":{"default":{"statusCode":"200","responseParameters":{"method.response.header.X":"'1'"}}}},"methodResponses":{"200":{"headers":{"X":{"type":"string"}}}},"lambda":{"result":"ok"}}`,
			status:   200, body: `"ok"`, payload: `{}`, headers: map[string]string{"X": "1"},
		},
		{
			name:     "response template by Accept",
			scenario: `{"request":{"method":"GET","path":"/x","headers":{"Accept":"text/plain, application/json"}},"integration":{"type":"aws","responses":{"default":{"statusCode":"200","responseTemplates":{"application/json":"BODY","text/plain":"CONST"}}}},"lambda":{"result":"ok"}}`,
			status:   200, body: `{"const":true}`, payload: `{}`, headers: map[string]string{"Content-Type": "text/plain"},
		},
		{
			name:     "no Accept: the application/json response template",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"aws","responses":{"default":{"statusCode":"200","responseTemplates":{"application/json":"CONST","text/plain":"BODY"}}}},"lambda":{"result":"ok"}}`,
			status:   200, body: `{"const":true}`, payload: `{}`, headers: map[string]string{"Content-Type": "application/json"},
		},
		{
			// Spec §2.2 (D [DOC:handle-errors-in-lambda-integration]; V with overrides).
			name:     "statusCode in a successful result is not the HTTP status",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"aws"},"lambda":{"result":{"statusCode":404,"body":"{}"}}}`,
			status:   200, body: `{"statusCode":404,"body":"{}"}`, payload: `{}`,
		},
		{
			// Spec §2.2: integration.response.header.* reads the Invoke answer's headers.
			name:     "response header mapped from the integration response's Content-Type",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"aws","responses":{"default":{"statusCode":"200","responseParameters":{"method.response.header.X-Backend-Type":"integration.response.header.Content-Type"}}}},"lambda":{"result":"ok"}}`,
			status:   200, body: `"ok"`, payload: `{}`, headers: map[string]string{"X-Backend-Type": "application/json"},
		},
		{
			// Spec §2.2 (V): $context.responseOverride.header wins over a response mapping.
			name:     "response override replaces a mapped header",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"mock","requestTemplates":{"application/json":"STATUS-444"},"responses":{"default":{"statusCode":"200","responseParameters":{"method.response.header.foo":"'mapped'"}}}}}`,
			status:   444, body: ``, payload: "-", headers: map[string]string{"foo": "bar"},
		},
		{
			name:     "MOCK: request template decides the status",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"MOCK","requestTemplates":{"application/json":"MOCK-201"},"responses":{"default":{"statusCode":"200"},"2\\d{2}":{"statusCode":"201","responseTemplates":{"application/json":"CONST"}}}}}`,
			status:   201, body: `{"const":true}`, payload: "-",
		},
		{
			name:     "MOCK: overrides and no response template",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"mock","requestTemplates":{"application/json":"STATUS-444"},"responses":{"2\\d{2}":{"statusCode":"200"}}}}`,
			status:   444, body: ``, payload: "-", headers: map[string]string{"foo": "bar", "Content-Type": "application/json"},
		},
		{
			name:     "request CONVERT_TO_TEXT turns a binary body into base64 text",
			scenario: `{"request":{"method":"POST","path":"/x","headers":{"Content-Type":"image/png"},"body":"iVBORw==","isBase64Encoded":true},"api":{"binaryMediaTypes":["image/png"]},"integration":{"type":"aws","contentHandling":"CONVERT_TO_TEXT","requestTemplates":{"image/png":"WRAP"}},"lambda":{"handler":"echo"}}`,
			status:   200, body: `{"data":"iVBORw=="}`, payload: `{"data":"iVBORw=="}`,
		},
		{
			name:     "request CONVERT_TO_BINARY of a body that is not base64",
			scenario: `{"request":{"method":"POST","path":"/x","body":"not base64!"},"integration":{"type":"aws","contentHandling":"CONVERT_TO_BINARY"},"lambda":{"handler":"echo"}}`,
			status:   500, payload: "-",
		},
		// Spec §5 request table (developer guide, "Content type conversions"): text body,
		// no binaryMediaTypes.
		{
			name:     "request text body, CONVERT_TO_TEXT keeps the string",
			scenario: `{"request":{"method":"POST","path":"/x","body":"{\"a\":1}"},"integration":{"type":"aws","contentHandling":"CONVERT_TO_TEXT"},"lambda":{"handler":"echo"}}`,
			status:   200, body: `{"a":1}`, payload: `{"a":1}`,
		},
		{
			name:     "request text body, CONVERT_TO_BINARY base64-decodes it",
			scenario: `{"request":{"method":"POST","path":"/x","body":"eyJhIjoxfQ=="},"integration":{"type":"aws","contentHandling":"CONVERT_TO_BINARY"},"lambda":{"handler":"echo"}}`,
			status:   200, body: `{"a":1}`, payload: `{"a":1}`,
		},
		// Spec §5 request table: binary body (its Content-Type is a binaryMediaType).
		{
			name:     "request binary body, no contentHandling passes the bytes",
			scenario: `{"request":{"method":"POST","path":"/x","headers":{"Content-Type":"application/octet-stream"},"body":"eyJhIjoxfQ==","isBase64Encoded":true},"api":{"binaryMediaTypes":["application/octet-stream"]},"integration":{"type":"aws"},"lambda":{"handler":"echo"}}`,
			status:   200, body: `{"a":1}`, payload: `{"a":1}`,
		},
		{
			name:     "request binary body, CONVERT_TO_BINARY leaves it binary",
			scenario: `{"request":{"method":"POST","path":"/x","headers":{"Content-Type":"application/octet-stream"},"body":"eyJhIjoxfQ==","isBase64Encoded":true},"api":{"binaryMediaTypes":["application/octet-stream"]},"integration":{"type":"aws","contentHandling":"CONVERT_TO_BINARY"},"lambda":{"handler":"echo"}}`,
			status:   200, body: `{"a":1}`, payload: `{"a":1}`,
		},
		// Spec §5 response table: a Lambda's integration response is always text.
		{
			name:     "response text Accept, CONVERT_TO_TEXT keeps the text",
			scenario: `{"request":{"method":"GET","path":"/x","headers":{"Accept":"application/json"}},"api":{"binaryMediaTypes":["image/png"]},"integration":{"type":"aws","responses":{"default":{"statusCode":"200","contentHandling":"CONVERT_TO_TEXT","responseTemplates":{"application/json":"B64"}}}},"lambda":{"result":"x"}}`,
			status:   200, body: `iVBORw==`, payload: `{}`,
		},
		{
			name:     "response text Accept, no contentHandling keeps the text",
			scenario: `{"request":{"method":"GET","path":"/x","headers":{"Accept":"application/json"}},"api":{"binaryMediaTypes":["image/png"]},"integration":{"type":"aws","responses":{"default":{"statusCode":"200","responseTemplates":{"application/json":"B64"}}}},"lambda":{"result":"x"}}`,
			status:   200, body: `iVBORw==`, payload: `{}`,
		},
		{
			name:     "response binary Accept, CONVERT_TO_BINARY decodes",
			scenario: `{"request":{"method":"GET","path":"/x","headers":{"Accept":"image/png"}},"api":{"binaryMediaTypes":["image/png"]},"integration":{"type":"aws","responses":{"default":{"statusCode":"200","contentHandling":"CONVERT_TO_BINARY","responseTemplates":{"image/png":"B64"}}}},"lambda":{"result":"x"}}`,
			status:   200, body: `iVBORw==`, payload: `{}`, binary: "yes",
		},
		{
			name:     "response binary Accept, header name in any case",
			scenario: `{"request":{"method":"GET","path":"/x","headers":{"accept":"image/png"}},"api":{"binaryMediaTypes":["image/png"]},"integration":{"type":"aws","responses":{"default":{"statusCode":"200","responseTemplates":{"image/png":"B64"}}}},"lambda":{"result":"x"}}`,
			status:   200, body: `iVBORw==`, payload: `{}`, binary: "yes", headers: map[string]string{"Content-Type": "image/png"},
		},
		{
			name:     "response: only the first Accept type counts",
			scenario: `{"request":{"method":"GET","path":"/x","headers":{"Accept":"text/plain, image/png"}},"api":{"binaryMediaTypes":["image/png"]},"integration":{"type":"aws","responses":{"default":{"statusCode":"200","responseTemplates":{"application/json":"B64"}}}},"lambda":{"result":"x"}}`,
			status:   200, body: `iVBORw==`, payload: `{}`, binary: "no",
		},
		{
			name:     "response: a wildcard Accept does not match a binary type",
			scenario: `{"request":{"method":"GET","path":"/x","headers":{"Accept":"image/*"}},"api":{"binaryMediaTypes":["image/png"]},"integration":{"type":"aws","responses":{"default":{"statusCode":"200","responseTemplates":{"application/json":"B64"}}}},"lambda":{"result":"x"}}`,
			status:   200, body: `iVBORw==`, payload: `{}`, binary: "no",
		},
		{
			name:     "binary Accept decodes a base64 response",
			scenario: `{"request":{"method":"GET","path":"/x","headers":{"Accept":"image/png"}},"api":{"binaryMediaTypes":["image/png"]},"integration":{"type":"aws","responses":{"default":{"statusCode":"200","responseTemplates":{"image/png":"B64"}}}},"lambda":{"result":"x"}}`,
			status:   200, body: `iVBORw==`, payload: `{}`, headers: map[string]string{"Content-Type": "image/png"},
		},
		{
			name:     "binary Accept with CONVERT_TO_TEXT keeps the text",
			scenario: `{"request":{"method":"GET","path":"/x","headers":{"Accept":"image/png"}},"api":{"binaryMediaTypes":["image/png"]},"integration":{"type":"aws","responses":{"default":{"statusCode":"200","contentHandling":"CONVERT_TO_TEXT","responseTemplates":{"image/png":"B64"}}}},"lambda":{"result":"x"}}`,
			status:   200, body: `iVBORw==`, payload: `{}`,
		},
		{
			name:     "response CONVERT_TO_BINARY",
			scenario: `{"request":{"method":"GET","path":"/x"},"integration":{"type":"aws","responses":{"default":{"statusCode":"200","contentHandling":"CONVERT_TO_BINARY","responseTemplates":{"application/json":"EMPTY"}}}},"lambda":{"result":"x"}}`,
			status:   200, body: ``, payload: `{}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := runJSON(t, tt.scenario)
			log := strings.Join(tr.Log, "\n")
			if tr.Response.StatusCode != tt.status {
				t.Fatalf("status %d, want %d\nbody %s\ndiagnostics %+v\nlog:\n%s", tr.Response.StatusCode, tt.status, tr.Response.Body, tr.Diagnostics, log)
			}
			if tt.body != "" && tr.Response.Body != tt.body {
				t.Errorf("body %q, want %q", tr.Response.Body, tt.body)
			}
			switch {
			case tt.payload == "-" && tr.Payload != nil:
				t.Errorf("payload %q, want no call", *tr.Payload)
			case tt.payload != "-" && (tr.Payload == nil || *tr.Payload != tt.payload):
				t.Errorf("payload %v, want %q", tr.Payload, tt.payload)
			}
			for k, v := range tt.headers {
				if tr.Response.Headers[k] != v {
					t.Errorf("header %s = %q, want %q (all %v)", k, tr.Response.Headers[k], v, tr.Response.Headers)
				}
			}
			if tt.binary != "" && tr.Response.IsBase64Encoded != (tt.binary == "yes") {
				t.Errorf("isBase64Encoded %v, want binary %s", tr.Response.IsBase64Encoded, tt.binary)
			}
			if tt.logHas != "" && !strings.Contains(log, tt.logHas) {
				t.Errorf("log lacks %q:\n%s", tt.logHas, log)
			}
			if last := tr.Log[len(tr.Log)-1]; last != fmt.Sprintf("Method completed with status: %d", tr.Response.StatusCode) {
				t.Errorf("last log line %q", last)
			}
			if tt.diagnostic != "" && (len(tr.Diagnostics) == 0 || fmt.Sprintf("%d:%d", tr.Diagnostics[0].Line, tr.Diagnostics[0].Column) != tt.diagnostic) {
				t.Errorf("diagnostics %+v, want one at %s", tr.Diagnostics, tt.diagnostic)
			}
			if tr.Response.Headers["x-amzn-ErrorType"] != "" && len(tr.Diagnostics) == 0 {
				t.Errorf("a gateway error needs a diagnostic")
			}
		})
	}
}
