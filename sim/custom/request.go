package custom

import (
	"encoding/base64"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/apigw-playground/playground/sim/gateway"
	"github.com/apigw-playground/playground/sim/jv"
	"github.com/apigw-playground/playground/sim/mapping"
	"github.com/apigw-playground/playground/sim/paramap"
	"github.com/apigw-playground/playground/sim/route"
	"github.com/apigw-playground/playground/sim/scenario"
	"github.com/apigw-playground/playground/sim/vtl"
)

// requestContentType is the Content-Type templates are chosen by: the request's, or
// application/json when it has none (developer guide, "Integration passthrough behaviors";
// AWS-recorded: a GET without Content-Type used the application/json template).
func (c *call) requestContentType() string {
	if ct := c.req.ContentType(); ct != "" {
		return ct
	}
	return "application/json"
}

// requestBody applies the integration's contentHandling to the method request body
// (developer guide, "Content type conversions"): a binary body (its Content-Type is one of
// the API's binaryMediaTypes) becomes base64 text with CONVERT_TO_TEXT; a text body is
// base64-decoded with CONVERT_TO_BINARY, and a body that is not base64 fails the call.
func (c *call) requestBody() ([]byte, *failure) {
	body := c.req.Body
	binary := route.IsBinary(c.requestContentType(), c.sc.API.BinaryMediaTypes)
	switch c.sc.Integration.ContentHandling {
	case "CONVERT_TO_TEXT":
		if binary {
			return []byte(base64.StdEncoding.EncodeToString(body)), nil
		}
	case "CONVERT_TO_BINARY":
		if !binary {
			decoded, err := base64.StdEncoding.DecodeString(string(body))
			if err != nil {
				return nil, configError("request", "Unable to transform request",
					"contentHandling CONVERT_TO_BINARY: the request body is not base64 ("+err.Error()+")")
			}
			return decoded, nil
		}
	}
	return body, nil
}

// requestTemplate finds the template for the request's content type. ok is false when
// none applies; then the passthrough behavior decides.
func (c *call) requestTemplate() (key, template string, ok bool) {
	want := c.requestContentType()
	for _, k := range slices.Sorted(maps.Keys(c.sc.Integration.RequestTemplates)) {
		if route.MediaType(k) == want {
			return k, c.sc.Integration.RequestTemplates[k], true
		}
	}
	return "", "", false
}

// passthrough decides an unmatched request by the integration's passthroughBehavior:
// WHEN_NO_MATCH passes the body through, WHEN_NO_TEMPLATES only when there are no
// templates at all, NEVER never; a refusal is 415 Unsupported Media Type.
func (c *call) passthrough() *failure {
	behavior := c.sc.Integration.PassthroughBehavior
	if behavior == "" {
		behavior = "WHEN_NO_MATCH"
	}
	allowed := behavior == "WHEN_NO_MATCH" ||
		(behavior == "WHEN_NO_TEMPLATES" && len(c.sc.Integration.RequestTemplates) == 0)
	if allowed {
		return nil
	}
	return &failure{
		response: gateway.New(gateway.UnsupportedMediaType),
		diagnostic: scenario.Diagnostic{Stage: "requestTemplate", Message: fmt.Sprintf(
			"no request template for Content-Type %q and passthroughBehavior is %s: API Gateway answers 415 Unsupported Media Type",
			c.requestContentType(), behavior)},
	}
}

// transformRequest produces the integration request body: the rendered template, or the
// body passed through.
func (c *call) transformRequest() ([]byte, *failure) {
	body, f := c.requestBody()
	if f != nil {
		return nil, f
	}
	key, template, ok := c.requestTemplate()
	if !ok {
		if f := c.passthrough(); f != nil {
			return nil, f
		}
		return body, nil
	}
	if !utf8.Valid(body) {
		// A binary body cannot be handed to a template: AWS answers 500 (AWS-validated:
		// test_apigw_s3_binary_support_request_convert_to_binary_with_request_template
		// asserts it for a gzip blob decoded by CONVERT_TO_BINARY under an application/json
		// template). The log line is the simulator's (I).
		return nil, &failure{
			response: gateway.New(gateway.APIConfigurationError),
			log:      "Execution failed due to configuration error: Unable to transform request",
			diagnostic: scenario.Diagnostic{Stage: "requestTemplate", Message: fmt.Sprintf(
				"template %q would receive a binary body (not UTF-8 text%s); API Gateway cannot hand binary data to a mapping template and answers 500; a template needs text (CONVERT_TO_TEXT turns a binary media type into base64 text)",
				key, map[bool]string{true: ", after contentHandling CONVERT_TO_BINARY decoded it", false: ""}[c.sc.Integration.ContentHandling == "CONVERT_TO_BINARY"])},
		}
	}
	out, err := c.renderTemplate("requestTemplate", key, template, body)
	if err != nil {
		return nil, templateFailure("requestTemplate", key, err)
	}
	return []byte(out), nil
}

// templateFailure is a template that could not render: API Gateway answers 500 Internal
// server error; the trace carries the position.
//
// A body the template's $input.path or $input.json cannot parse is API Gateway's 400
// "Could not process payload..." instead (AWS-recorded wording, sim/mapping).
func templateFailure(stage, key string, err error) *failure {
	d := scenario.Diagnostic{Stage: stage, Message: fmt.Sprintf("template %q: %v", key, err)}
	var verr *vtl.Error
	if errors.As(err, &verr) {
		d.Line, d.Column = verr.Line, verr.Column
	}
	var perr *mapping.PayloadError
	if errors.As(err, &perr) {
		d.Message = fmt.Sprintf("template %q reads the body as JSON, which it is not: %s", key, perr.Message())
		return &failure{response: gateway.New(gateway.BadRequestBody).WithMessage(perr.Message()), diagnostic: d}
	}
	return &failure{
		response:   gateway.New(gateway.APIConfigurationError),
		log:        "Execution failed due to configuration error: Unable to transform request",
		diagnostic: d,
	}
}

// checkRequestParameters refuses mappings AWS refuses at call time: a target header
// API Gateway owns, or an expression it cannot read (paramap.CheckIntegrationRequest).
func (c *call) checkRequestParameters() *failure {
	for _, p := range c.sc.Integration.RequestParameters {
		if err := paramap.CheckIntegrationRequest(p.Name, p.Value); err != nil {
			return configError("integrationRequest", err.Error(),
				fmt.Sprintf("integration.requestParameters[%q]: %s", p.Name, err.Reason))
		}
	}
	return nil
}

// integrationHeaders are the headers the integration request carries besides Lambda's
// own: the requestParameters header mappings, then $context.requestOverride.header
// values, which replace a mapping of the same name.
func (c *call) integrationHeaders() headerList {
	values := paramap.Values{
		Header:        func(n string) []string { return headerValues(c.req.Headers, n) },
		QueryString:   func(n string) []string { return c.req.Query.All(n) },
		Path:          func(n string) (string, bool) { return c.req.PathParams.Last(n) },
		Body:          string(c.req.Body),
		Context:       c.contextValue,
		StageVariable: c.stageVariable,
	}
	var out headerList
	for _, p := range c.sc.Integration.RequestParameters {
		t, _ := paramap.ParseTarget(p.Name, "integration.request.")
		src, _ := paramap.ParseSource(p.Value, paramap.Request)
		if t.Location != "header" {
			continue // a Lambda invocation has no query string or path of its own
		}
		if v, ok := values.Resolve(src); ok {
			out.set(t.Name, v)
		}
	}
	for _, kv := range overrideHeaders(mapping.OverridesOf(c.svc.ctx).RequestHeader) {
		out.set(kv[0], kv[1])
	}
	return out
}

// contextValue reads a $context variable by its dotted name, as requestParameters and
// responseParameters' context.* sources do.
func (c *call) contextValue(name string) (string, bool) {
	var v any = c.svc.ctx
	for _, part := range strings.Split(name, ".") {
		m, ok := v.(*jv.Map)
		if !ok {
			return "", false
		}
		if v, ok = m.Get(part); !ok {
			return "", false
		}
	}
	if v == nil {
		return "", false
	}
	return javaString(v), true
}

// overrideHeaders lists a $context.*Override.header map in the order the template set
// its entries. A list value (a multi-value header) is joined by commas, as API Gateway
// sends it.
func overrideHeaders(m *jv.Map) [][2]string {
	if m == nil {
		return nil
	}
	var out [][2]string
	keys, vals := m.Keys(), m.Values()
	for i := range keys {
		out = append(out, [2]string{javaString(keys[i]), javaString(vals[i])})
	}
	return out
}

// javaString prints a template value as Java's toString would, for header values.
func javaString(v any) string {
	if l, ok := v.(*jv.List); ok {
		parts := make([]string, len(l.Items))
		for i, e := range l.Items {
			parts[i] = javaString(e)
		}
		return strings.Join(parts, ",")
	}
	return jv.ToString(v)
}
