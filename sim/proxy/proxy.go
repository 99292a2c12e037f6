// Package proxy simulates a Lambda proxy integration (type AWS_PROXY, payload format 1.0):
// API Gateway hands the whole request to the function as an event and passes the
// function's {statusCode, headers, body} back untouched — or answers 502 when it cannot
// read it. The facts it follows are in shared/spec/api-gateway-behavior.md §1.
package proxy

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/apigw-playground/playground/sim/gateway"
	"github.com/apigw-playground/playground/sim/lambda"
	"github.com/apigw-playground/playground/sim/paramap"
	"github.com/apigw-playground/playground/sim/requestctx"
	"github.com/apigw-playground/playground/sim/route"
	"github.com/apigw-playground/playground/sim/scenario"
	"github.com/apigw-playground/playground/sim/testlog"
)

// Run simulates one call through a Lambda proxy integration.
func Run(sc *scenario.Scenario, req *route.Request, rc requestctx.Context) *scenario.Trace {
	c := call{sc: sc, req: req, rc: rc, trace: &scenario.Trace{
		MethodRequest: req.MethodRequest(),
		Diagnostics:   []scenario.Diagnostic{},
	}}
	c.run()
	c.trace.Log = c.log.Lines()
	return c.trace
}

type call struct {
	sc    *scenario.Scenario
	req   *route.Request
	rc    requestctx.Context
	log   testlog.Log
	trace *scenario.Trace
}

func (c *call) run() {
	c.log.MethodRequest(c.rc, c.req)
	if m := c.sc.Integration.HTTPMethod; m != "POST" {
		// Recorded against AWS: integrationHttpMethod GET makes every call a 500. What AWS
		// logs is not recorded; the line below is the simulator's.
		c.diagnose("integration", fmt.Sprintf("integration.httpMethod is %s; Lambda is invoked with POST only, so API Gateway answers every call with 500", m))
		c.log.ConfigurationError("Lambda invocation requires the integration HTTP method POST, got "+m, 500)
		c.trace.Response = gateway.New(gateway.APIConfigurationError).Response()
		return
	}
	// A proxy integration ignores its requestParameters (recorded), yet a mapping to a
	// header API Gateway owns still fails every call with 500 (recorded for AWS_PROXY too).
	for _, p := range c.sc.Integration.RequestParameters {
		if err := paramap.CheckIntegrationRequest(p.Name, p.Value); err != nil {
			c.diagnose("integrationRequest", fmt.Sprintf("integration.requestParameters[%q]: %s", p.Name, err.Reason))
			c.log.ConfigurationError(err.Error(), 500)
			c.trace.Response = gateway.New(gateway.APIConfigurationError).Response()
			return
		}
	}
	payload := Event(c.sc, c.req, c.rc)
	c.trace.Payload = text(payload)
	c.log.LambdaEndpointRequest(c.rc, nil, payload)

	if timeout := c.sc.Integration.TimeoutInMillis; c.sc.Lambda.DurationMs > timeout {
		c.diagnose("lambda", fmt.Sprintf("the function runs %d ms, longer than the integration timeout of %d ms", c.sc.Lambda.DurationMs, timeout))
		c.log.Failed("Execution failed due to a timeout error", 504)
		c.trace.Response = gateway.New(gateway.IntegrationTimeout).Response()
		return
	}

	res := lambda.Invoke(c.sc.Lambda, payload, c.rc)
	c.trace.LambdaResult = text(res.Bytes)
	c.log.LambdaEndpointResponse(c.rc, res)
	if res.FunctionError {
		c.diagnose("lambda", fmt.Sprintf("the function failed (%s); a proxy integration answers every function error with 502", res.ErrorMessage))
		c.log.Failed(fmt.Sprintf("Lambda execution failed with status 200 due to customer function error: %s. Lambda request id: %s", res.ErrorMessage, c.rc.LambdaRequestID), 502)
		c.trace.Response = badGateway()
		return
	}
	parsed, err := ParseResponse(res.Bytes)
	if err == nil {
		err = c.respond(parsed)
	}
	if err != nil {
		c.diagnose("proxyResponse", "malformed Lambda proxy response: "+err.Error())
		c.log.ConfigurationError("Malformed Lambda proxy response", 502)
		c.trace.Response = badGateway()
	}
}

// respond turns a well-formed proxy response into what the client receives.
func (c *call) respond(p Response) error {
	body, isBinary := p.Body, false
	if p.IsBase64Encoded {
		accept, _ := c.req.Headers.Last("Accept")
		if route.IsBinary(route.FirstAccept(accept), c.sc.API.BinaryMediaTypes) {
			if _, err := base64.StdEncoding.DecodeString(body); err != nil {
				return fmt.Errorf("isBase64Encoded is true and Accept %q is a binary media type, but body is not valid base64: %v", accept, err)
			}
			isBinary = true
		} else {
			c.diagnose("proxyResponse", fmt.Sprintf("isBase64Encoded is true but the first Accept type %q is not one of binaryMediaTypes %q, so the client gets the base64 text", route.FirstAccept(accept), c.sc.API.BinaryMediaTypes))
		}
	}
	// API Gateway adds its X-Amzn-Trace-Id to proxy responses (recorded; not to MOCK ones)
	// unless the function set one, and Content-Type: application/json when it set none.
	var headers [][2]string
	if !hasHeader(p.Headers, "X-Amzn-Trace-Id") {
		headers = append(headers, [2]string{"X-Amzn-Trace-Id", c.rc.TraceID})
	}
	headers = append(headers, p.Headers...)
	if !hasHeader(p.Headers, "Content-Type") {
		headers = append(headers, [2]string{"Content-Type", "application/json"})
	}
	c.trace.Response = scenario.NewResponse(p.StatusCode, headers, body, isBinary)
	c.log.MethodResponse(body, logPairs(headers))
	c.log.Completed(p.StatusCode)
	return nil
}

func hasHeader(headers [][2]string, name string) bool {
	for _, h := range headers {
		if strings.EqualFold(h[0], name) {
			return true
		}
	}
	return false
}

// logPairs lists headers for the log, a repeated header's values joined with ",".
func logPairs(headers [][2]string) []testlog.Pair {
	var names []string
	values := map[string][]string{}
	for _, h := range headers {
		if _, ok := values[h[0]]; !ok {
			names = append(names, h[0])
		}
		values[h[0]] = append(values[h[0]], h[1])
	}
	pairs := make([]testlog.Pair, 0, len(names))
	for _, name := range names {
		pairs = append(pairs, testlog.Pair{Key: name, Value: strings.Join(values[name], ",")})
	}
	return pairs
}

// badGateway is API Gateway's answer to a function error or a malformed proxy response.
func badGateway() scenario.Response {
	return gateway.New(gateway.Default5XX).WithStatus(502).Response()
}

func (c *call) diagnose(stage, message string) {
	c.trace.Diagnostics = append(c.trace.Diagnostics, scenario.Diagnostic{Stage: stage, Message: message})
}

func text(b []byte) *string {
	s := string(b)
	return &s
}
