// Package testlog writes the trace's "log": the lines the API Gateway console's Test
// button (TestInvokeMethod) prints, without their timestamp prefix, so that a user who
// knows the console recognises every line. The lines both integrations share live here
// once; each integration adds its own in between.
package testlog

import (
	"fmt"
	"strings"
	"time"

	"github.com/apigw-playground/playground/sim/lambda"
	"github.com/apigw-playground/playground/sim/requestctx"
	"github.com/apigw-playground/playground/sim/route"
)

// Log collects lines in order.
type Log struct{ lines []string }

// Line adds one line.
func (l *Log) Line(s string) { l.lines = append(l.lines, s) }

// Linef adds one formatted line.
func (l *Log) Linef(format string, args ...any) { l.Line(fmt.Sprintf(format, args...)) }

// Lines returns the lines so far; never nil, so a trace's log is [] rather than null.
func (l *Log) Lines() []string {
	if l.lines == nil {
		return []string{}
	}
	return l.lines
}

// Pair is one entry of a Java map as the log prints it.
type Pair struct{ Key, Value string }

// JavaMap formats pairs as Java's Map.toString does, which is how AWS prints every map in
// the log: "{k=v, k2=v2}", "{}" when empty, nothing quoted or escaped.
func JavaMap(pairs []Pair) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, p := range pairs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(p.Key)
		b.WriteByte('=')
		b.WriteString(p.Value)
	}
	b.WriteByte('}')
	return b.String()
}

// ParamPairs lists params for the log: one entry per name, repeated values joined with
// "," as AWS joins multi-value headers in its log.
func ParamPairs(p route.Params) []Pair {
	var pairs []Pair
	for _, g := range p.Grouped() {
		pairs = append(pairs, Pair{g.Name, strings.Join(g.Values, ",")})
	}
	return pairs
}

// MethodRequest writes the opening lines every call starts with, up to the method request
// body.
func (l *Log) MethodRequest(rc requestctx.Context, req *route.Request) {
	l.Linef("Starting execution for request: %s", rc.RequestID)
	l.Linef("HTTP Method: %s, Resource Path: %s", req.Method, req.Path)
	l.Linef("Method request path: %s", JavaMap(ParamPairs(req.PathParams)))
	l.Linef("Method request query string: %s", JavaMap(ParamPairs(req.Query)))
	var headers []Pair
	for _, h := range req.Headers {
		headers = append(headers, Pair{h.Name, strings.Join(h.Values, ",")})
	}
	l.Linef("Method request headers: %s", JavaMap(headers))
	l.Linef("Method request body before transformations: %s", req.Body)
}

// LambdaURI is the Lambda Invoke endpoint API Gateway calls for the function.
func LambdaURI(rc requestctx.Context) string {
	return fmt.Sprintf("https://lambda.%s.amazonaws.com/2015-03-31/functions/%s/invocations", rc.Region, rc.FunctionARN)
}

// LambdaEndpointRequest writes the endpoint request lines for a Lambda call. extra are the
// integration request headers a custom integration maps, which AWS lists first; body is the
// payload. The signature headers are invented (masked and truncated, as AWS prints them).
func (l *Log) LambdaEndpointRequest(rc requestctx.Context, extra []Pair, body []byte) {
	uri := LambdaURI(rc)
	l.Linef("Endpoint request URI: %s", uri)
	amzDate := time.UnixMilli(rc.RequestTimeEpoch).UTC().Format("20060102T150405Z")
	headers := JavaMap(append(append([]Pair(nil), extra...),
		Pair{"x-amzn-lambda-integration-tag", rc.RequestID},
		Pair{"Authorization", strings.Repeat("*", 64) + "c0ffee"},
		Pair{"X-Amz-Date", amzDate},
		Pair{"x-amzn-apigateway-api-id", rc.APIID},
		Pair{"Accept", "application/json"},
		Pair{"User-Agent", "AmazonAPIGateway_" + rc.APIID},
		Pair{"X-Amz-Security-Token", "IQoJb3JpZ2luX2VjEPLAYGROUND"},
	))
	l.Linef("Endpoint request headers: %s [TRUNCATED]", strings.TrimSuffix(headers, "}"))
	l.Linef("Endpoint request body after transformations: %s", body)
	l.Linef("Sending request to %s", uri)
}

// LambdaEndpointResponse writes what Lambda's Invoke API answered: always status 200 (a
// function error is flagged by a header, not a status), its headers and body.
func (l *Log) LambdaEndpointResponse(rc requestctx.Context, res lambda.Result) {
	l.Linef("Received response. Status: 200, Integration latency: %d ms", requestctx.IntegrationLatencyMillis)
	var headers []Pair
	for _, h := range lambda.ResponseHeaders(rc, res) {
		headers = append(headers, Pair{h[0], h[1]})
	}
	l.Linef("Endpoint response headers: %s", JavaMap(headers))
	l.Linef("Endpoint response body before transformations: %s", res.Bytes)
}

// MethodResponse writes the response body and headers the client gets.
func (l *Log) MethodResponse(body string, headers []Pair) {
	l.Linef("Method response body after transformations: %s", body)
	l.Linef("Method response headers: %s", JavaMap(headers))
}

// Completed writes the closing lines of a call that went through.
func (l *Log) Completed(status int) {
	l.Line("Successfully completed execution")
	l.Linef("Method completed with status: %d", status)
}

// Failed writes the line saying why a call failed and the closing status line.
func (l *Log) Failed(line string, status int) {
	l.Line(line)
	l.Linef("Method completed with status: %d", status)
}

// ConfigurationError writes AWS's line for a call that failed on the API's set-up (a
// malformed proxy response counts as one) and the closing status line.
func (l *Log) ConfigurationError(message string, status int) {
	l.Failed("Execution failed due to configuration error: "+message, status)
}
