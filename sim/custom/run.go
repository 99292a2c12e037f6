package custom

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/apigw-playground/playground/sim/gateway"
	"github.com/apigw-playground/playground/sim/lambda"
	"github.com/apigw-playground/playground/sim/requestctx"
	"github.com/apigw-playground/playground/sim/route"
	"github.com/apigw-playground/playground/sim/scenario"
	"github.com/apigw-playground/playground/sim/testlog"
)

// Run simulates a Lambda custom integration (type "aws") or a MOCK integration ("mock")
// for a routed request; rc fixes the call's varying values.
func Run(sc *scenario.Scenario, req *route.Request, rc requestctx.Context) *scenario.Trace {
	return run(sc, req, rc, defaultServices(sc, req, rc))
}

func run(sc *scenario.Scenario, req *route.Request, rc requestctx.Context, svc services) *scenario.Trace {
	c := &call{sc: sc, req: req, rc: rc, svc: svc, mock: sc.Integration.Type == scenario.TypeMock,
		trace: &scenario.Trace{MethodRequest: req.MethodRequest(), Diagnostics: []scenario.Diagnostic{}}}
	c.log.MethodRequest(rc, req)
	out, f := c.execute()
	if f != nil {
		c.fail(f)
	} else {
		c.finish(out)
	}
	c.trace.Log = c.log.Lines()
	return c.trace
}

// responses are the integration's responses, or what the console sets up when there are
// none: one default response with status 200.
func (c *call) responses() scenario.IntegrationResponses {
	if len(c.sc.Integration.Responses) == 0 {
		return scenario.IntegrationResponses{{SelectionPattern: "default", StatusCode: "200"}}
	}
	return c.sc.Integration.Responses
}

func (c *call) execute() (*methodResponse, *failure) {
	if f := c.checkIntegration(); f != nil {
		return nil, f
	}
	payload, f := c.transformRequest()
	if f != nil {
		return nil, f
	}
	if c.mock {
		return c.executeMock(payload)
	}
	return c.executeLambda(payload)
}

// checkIntegration refuses set-ups API Gateway fails every call of.
func (c *call) checkIntegration() *failure {
	in := c.sc.Integration
	if !c.mock && in.HTTPMethod != "" && in.HTTPMethod != "POST" {
		return configError("integration", "Invalid integration HTTP method: "+in.HTTPMethod,
			"integration.httpMethod: a Lambda integration must use POST (the Invoke API's method); with "+in.HTTPMethod+" every call fails with 500")
	}
	return c.checkRequestParameters()
}

// executeLambda calls the function with the integration request and selects the
// integration response by its errorMessage.
func (c *call) executeLambda(payload []byte) (*methodResponse, *failure) {
	headers := c.integrationHeaders()
	c.log.LambdaEndpointRequest(c.rc, headers.pairs(), payload)
	// An empty body reaches the function as the event {} (AWS-recorded), while the log
	// shows the empty body API Gateway sent.
	if len(bytes.TrimSpace(payload)) == 0 {
		payload = []byte("{}")
	}
	sent := string(payload)
	c.trace.Payload = &sent
	if !json.Valid(payload) {
		return nil, &failure{
			response: gateway.New(gateway.APIConfigurationError),
			log:      "Execution failed due to configuration error: Could not parse request body into json",
			diagnostic: scenario.Diagnostic{Stage: "requestTemplate", Message: "the integration request body is not JSON, " +
				"which Lambda's Invoke API refuses (\"Could not parse request body into json\"); check the request template's output"},
		}
	}
	if i := headers.index(invocationTypeHeader); i >= 0 && headers[i][1] == "Event" {
		return c.invokeAsync()
	}
	// Defaults give every integration its timeout (scenario.DefaultTimeoutMillis, 29000).
	timeout := c.sc.Integration.TimeoutInMillis
	if c.sc.Lambda.DurationMs > timeout {
		return nil, &failure{
			response: gateway.New(gateway.IntegrationTimeout),
			log:      "Execution failed due to a timeout error",
			diagnostic: scenario.Diagnostic{Stage: "lambda", Message: fmt.Sprintf(
				"the function runs %d ms, longer than the integration timeout of %d ms: API Gateway answers 504", c.sc.Lambda.DurationMs, timeout)},
		}
	}
	res := lambda.Invoke(c.sc.Lambda, payload, c.rc)
	c.log.LambdaEndpointResponse(c.rc, res)
	result := string(res.Bytes)
	c.trace.LambdaResult = &result

	subject := ""
	if res.FunctionError {
		subject = res.ErrorMessage
	}
	sel, err := selectResponse(c.responses(), subject, "errorMessage")
	if err != nil {
		return nil, selectionFailure(err, "200")
	}
	c.selected(sel)
	return c.respond(sel.response, res.Bytes, lambda.ResponseHeaders(c.rc, res))
}

// invocationTypeHeader is the Lambda Invoke API's header that an integration request
// header mapping sets to 'Event' for an asynchronous invocation
// ([DOC:set-up-lambda-integration-async]).
const invocationTypeHeader = "X-Amz-Invocation-Type"

// invokeAsync is an asynchronous invocation: Lambda queues the event and answers 202 with
// no payload at once, so neither the function's result, its error nor its run time reach
// API Gateway. The empty body selects the default integration response (there is no
// errorMessage) and passes through to the client: 200 with an empty body
// (AWS-validated: test_api_gateway_lambda_asynchronous_invocation asserts exactly that).
// The endpoint response lines are the simulator's reading of a 202 from the Invoke API (I).
func (c *call) invokeAsync() (*methodResponse, *failure) {
	headers := [][2]string{
		{"Date", requestctx.HTTPDate(c.rc.RequestTimeEpoch)},
		{"Content-Length", "0"},
		{"Connection", "keep-alive"},
		{"x-amzn-RequestId", c.rc.LambdaRequestID},
		{"X-Amzn-Trace-Id", c.rc.TraceID},
	}
	logged := make([]testlog.Pair, len(headers))
	for i, h := range headers {
		logged[i] = testlog.Pair{Key: h[0], Value: h[1]}
	}
	c.log.Linef("Received response. Status: 202, Integration latency: %d ms", requestctx.IntegrationLatencyMillis)
	c.log.Linef("Endpoint response headers: %s", testlog.JavaMap(logged))
	c.log.Line("Endpoint response body before transformations: ")
	empty := ""
	c.trace.LambdaResult = &empty
	c.trace.Diagnostics = append(c.trace.Diagnostics, scenario.Diagnostic{Stage: "lambda",
		Message: "X-Amz-Invocation-Type is 'Event': Lambda runs the function asynchronously and answers 202 with no payload, so the method never sees the function's result"})
	sel, err := selectResponse(c.responses(), "", "errorMessage")
	if err != nil {
		return nil, selectionFailure(err, "202")
	}
	c.selected(sel)
	return c.respond(sel.response, nil, headers)
}

// executeMock answers without a backend: the request template's statusCode decides the
// integration response, matched against its selection patterns as a status code.
func (c *call) executeMock(payload []byte) (*methodResponse, *failure) {
	status, f := mockStatus(payload)
	if f != nil {
		return nil, f
	}
	sel, err := selectResponse(c.responses(), status, "statusCode")
	if err != nil {
		return nil, selectionFailure(err, status)
	}
	c.selected(sel)
	return c.respond(sel.response, nil, nil)
}

// mockStatus reads the MOCK status from the request template's output: {"statusCode": 200}.
// No output, or output without statusCode, is status 200; output that is not JSON is a
// configuration error (the simulator's reading of undocumented behaviour, docs/fidelity.md).
func mockStatus(payload []byte) (string, *failure) {
	if len(bytes.TrimSpace(payload)) == 0 {
		return "200", nil
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(payload, &doc); err != nil {
		return "", configError("requestTemplate", "Unable to parse statusCode. It should be an integer that is defined in the request template.",
			"a MOCK integration reads {\"statusCode\": N} from the request template's output, which is not a JSON object: "+err.Error())
	}
	raw, ok := doc["statusCode"]
	if !ok {
		return "200", nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			n = ""
		} else {
			n = json.Number(s)
		}
	}
	v, err := strconv.Atoi(string(n))
	if err != nil || v < 100 || v > 599 {
		return "", configError("requestTemplate", "Unable to parse statusCode. It should be an integer that is defined in the request template.",
			fmt.Sprintf("MOCK statusCode %s is not an HTTP status", raw))
	}
	return strconv.Itoa(v), nil
}

func selectionFailure(err error, endpointStatus string) *failure {
	if err == errNoMatch {
		return configError("integrationResponse", err.Error()+". Endpoint Response Status Code: "+endpointStatus,
			"no selection pattern matches and there is no default integration response")
	}
	return configError("integrationResponse", "Invalid selection pattern", err.Error())
}

func (c *call) selected(sel selection) {
	c.trace.IntegrationResponse = &scenario.SelectedResponse{
		SelectionPattern: sel.response.SelectionPattern,
		StatusCode:       sel.response.StatusCode,
		Reason:           sel.reason,
	}
}

// finish logs and records the method response the client gets.
func (c *call) finish(out *methodResponse) {
	body, logged := string(out.body), string(out.body)
	if out.binary {
		// The trace carries binary as base64; the log, as AWS's does, only says it is binary (I).
		body, logged = base64.StdEncoding.EncodeToString(out.body), "[Binary Data]"
	}
	c.log.MethodResponse(logged, out.headers.pairs())
	c.log.Completed(out.status)
	c.trace.Response = scenario.NewResponse(out.status, out.headers, body, out.binary)
}

// fail answers with the gateway response of a failed call.
func (c *call) fail(f *failure) {
	if f.log != "" {
		c.log.Line(f.log)
	}
	c.log.Linef("Method completed with status: %d", f.response.Status)
	c.trace.Response = f.response.Response()
	c.trace.Diagnostics = append(c.trace.Diagnostics, f.diagnostic)
}
