// Package custom simulates API Gateway's non-proxy integrations: the Lambda custom
// integration (type AWS) and the MOCK integration. Both run the same pipeline — choose a
// request template by Content-Type or pass the body through, map integration request
// parameters, call the backend (a Lambda function, or nothing for MOCK), select an
// integration response by selection pattern, map response parameters, choose a response
// template by Accept and apply $context.responseOverride — and differ only in what the
// backend is and what a selection pattern is matched against: a Lambda function's
// errorMessage, or a MOCK's status code.
package custom

import (
	"fmt"

	"github.com/apigw-playground/playground/sim/gateway"
	"github.com/apigw-playground/playground/sim/jv"
	"github.com/apigw-playground/playground/sim/mapping"
	"github.com/apigw-playground/playground/sim/requestctx"
	"github.com/apigw-playground/playground/sim/route"
	"github.com/apigw-playground/playground/sim/scenario"
	"github.com/apigw-playground/playground/sim/testlog"
)

// services is what a call needs from the template engine: Run wires the real one; tests
// of the pipeline alone may wire a smaller one.
type services struct {
	// render renders a mapping template with body as $input's body; $context and stage
	// variables are those of the call (ctx below), shared by every template of the call.
	render func(template string, body []byte) (mapping.Result, error)
	// ctx is $context, mutated by templates ($context.requestOverride, responseOverride).
	ctx *jv.Map
}

// call is one request through the pipeline.
type call struct {
	sc    *scenario.Scenario
	req   *route.Request
	rc    requestctx.Context
	svc   services
	log   testlog.Log
	trace *scenario.Trace
	mock  bool
}

// stageVariable reads a stage variable for stageVariables.* mapping sources.
func (c *call) stageVariable(name string) (string, bool) {
	v, ok := c.sc.API.StageVariables[name]
	return v, ok
}

// renderTemplate renders one template of the call. The engine's warnings (a reference
// that printed empty because it did not resolve) become diagnostics: API Gateway renders
// them silently, and they are the usual reason a template's output is not what was meant.
func (c *call) renderTemplate(stage, key, template string, body []byte) (string, error) {
	res, err := c.svc.render(template, body)
	for _, w := range res.Warnings {
		c.trace.Diagnostics = append(c.trace.Diagnostics, scenario.Diagnostic{
			Stage: stage, Line: w.Line, Column: w.Column, Message: fmt.Sprintf("template %q: %s", key, w.Message)})
	}
	return res.Output, err
}

// failure stops a call with a gateway response; log is the Test log line that explains
// it (empty for none) and diagnostic what the trace tells the user.
type failure struct {
	response   gateway.Error
	log        string
	diagnostic scenario.Diagnostic
}

// configError is API Gateway's answer to an integration it cannot run: 500 Internal
// server error, and the line AWS logs for configuration errors.
func configError(stage, logText, message string) *failure {
	return &failure{
		response:   gateway.New(gateway.APIConfigurationError),
		log:        "Execution failed due to configuration error: " + logText,
		diagnostic: scenario.Diagnostic{Stage: stage, Message: message},
	}
}
