package custom

import (
	"encoding/base64"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/apigw-playground/playground/sim/mapping"
	"github.com/apigw-playground/playground/sim/paramap"
	"github.com/apigw-playground/playground/sim/route"
	"github.com/apigw-playground/playground/sim/scenario"
)

// methodResponse is what the client receives, built in order.
type methodResponse struct {
	status  int
	headers headerList
	body    []byte
	binary  bool
}

func (m *methodResponse) set(name, value string) { m.headers.set(name, value) }

// declared reports whether the method declares status (and, when header is not empty,
// that header). Without methodResponses everything the integration responses name counts
// as declared, as when the console sets both up together.
func (c *call) declared(status, header string) bool {
	if c.sc.MethodResponses == nil {
		return true
	}
	mr, ok := c.sc.MethodResponses[status]
	if !ok {
		return false
	}
	if header == "" {
		return true
	}
	// A declared header maps to true (required) or false (optional): either declares it.
	for k := range mr.ResponseParameters {
		if strings.EqualFold(k, "method.response.header."+header) {
			return true
		}
	}
	return false
}

// respond turns the selected integration response and the backend's answer into the
// method response.
func (c *call) respond(ir *scenario.IntegrationResponse, body []byte, backendHeaders [][2]string) (*methodResponse, *failure) {
	if !c.declared(ir.StatusCode, "") {
		return nil, configError("integrationResponse", "Output mapping refers to an invalid method response: "+ir.StatusCode,
			fmt.Sprintf("integration response %q selects status %s, which methodResponses does not declare", ir.SelectionPattern, ir.StatusCode))
	}
	status, _ := strconv.Atoi(ir.StatusCode)
	out := &methodResponse{status: status}
	if !c.mock {
		out.set("X-Amzn-Trace-Id", c.rc.TraceID)
	}
	if f := c.mapResponseParameters(ir, body, backendHeaders, out); f != nil {
		return nil, f
	}

	key, template, ok := c.responseTemplate(ir)
	switch {
	case ok:
		rendered, err := c.renderTemplate("responseTemplate", key, template, body)
		if err != nil {
			f := templateFailure("responseTemplate", key, err)
			f.log = "Execution failed due to configuration error: Unable to transform response"
			return nil, f
		}
		out.body = []byte(rendered)
	default:
		// No template: the integration response body passes through (AWS-recorded); a MOCK
		// has none, so it answers an empty body (AWS-recorded).
		out.body = body
	}
	if out.headers.index("Content-Type") < 0 {
		ct := "application/json"
		if ok {
			ct = key
		}
		out.set("Content-Type", ct)
	}

	if f := c.applyResponseOverride(out); f != nil {
		return nil, f
	}
	if f := c.convertResponse(ir, out); f != nil {
		return nil, f
	}
	return out, nil
}

// mapResponseParameters sets method response headers from responseParameters.
func (c *call) mapResponseParameters(ir *scenario.IntegrationResponse, body []byte, backendHeaders [][2]string, out *methodResponse) *failure {
	values := paramap.Values{
		Header: func(n string) []string {
			var vs []string
			for _, h := range backendHeaders {
				if strings.EqualFold(h[0], n) {
					vs = append(vs, h[1])
				}
			}
			return vs
		},
		Body:          string(body),
		Context:       c.contextValue,
		StageVariable: c.stageVariable,
	}
	for _, p := range ir.ResponseParameters {
		field := fmt.Sprintf("integration.responses[%q].responseParameters[%q]", ir.SelectionPattern, p.Name)
		t, err := paramap.ParseTarget(p.Name, "method.response.")
		if err != nil {
			return configError("integrationResponse", "Invalid mapping expression specified: "+p.Name, field+": "+err.Error())
		}
		src, err := paramap.ParseSource(p.Value, paramap.Response)
		if err != nil {
			return configError("integrationResponse", "Invalid mapping expression specified: "+p.Value, field+": "+err.Error())
		}
		if !c.declared(ir.StatusCode, t.Name) {
			return configError("integrationResponse", "Invalid mapping expression specified: "+p.Name,
				fmt.Sprintf("%s: the method response %s does not declare header %s", field, ir.StatusCode, t.Name))
		}
		v, ok := values.Resolve(src)
		if !ok {
			continue // a missing source leaves the header unset
		}
		if name := responseHeaderName(t.Name); name != "" {
			out.set(name, v)
		}
	}
	return nil
}

// responseTemplate chooses the response template by the request's Accept header: the
// template for its first media type, else application/json's, else the first in
// content-type order. AWS documents the Accept match; the fallbacks are the simulator's
// choice (docs/fidelity.md).
func (c *call) responseTemplate(ir *scenario.IntegrationResponse) (key, template string, ok bool) {
	if len(ir.ResponseTemplates) == 0 {
		return "", "", false
	}
	keys := slices.Sorted(maps.Keys(ir.ResponseTemplates))
	if accept, has := c.req.Headers.Last("Accept"); has {
		want := route.FirstAccept(accept)
		for _, k := range keys {
			if route.MediaType(k) == want {
				return k, ir.ResponseTemplates[k], true
			}
		}
	}
	for _, k := range keys {
		if route.MediaType(k) == "application/json" {
			return k, ir.ResponseTemplates[k], true
		}
	}
	return keys[0], ir.ResponseTemplates[keys[0]], true
}

// applyResponseOverride applies $context.responseOverride.status and .header.* set by the
// templates. Overrides are not checked against methodResponses (AWS-recorded: a template
// set status 202, which the method did not declare, and the client got 202).
func (c *call) applyResponseOverride(out *methodResponse) *failure {
	o := mapping.OverridesOf(c.svc.ctx)
	if o.Status != "" {
		n, err := strconv.Atoi(strings.TrimSpace(o.Status))
		if err != nil || n < 100 || n > 599 {
			return configError("responseTemplate", "Invalid status override",
				fmt.Sprintf("$context.responseOverride.status is %q, not an HTTP status", o.Status))
		}
		out.status = n
	}
	for _, kv := range overrideHeaders(o.ResponseHeader) {
		if name := responseHeaderName(kv[0]); name != "" {
			out.set(name, kv[1])
		}
	}
	return nil
}

// convertResponse applies the integration response's contentHandling for the client's
// Accept (developer guide, "Content type conversions"). The integration response of a
// Lambda or MOCK integration is text; it becomes binary (base64-decoded) with
// CONVERT_TO_BINARY, or when the client accepts a binary media type unless
// CONVERT_TO_TEXT says otherwise. A body that is not base64 fails the call.
func (c *call) convertResponse(ir *scenario.IntegrationResponse, out *methodResponse) *failure {
	accept, _ := c.req.Headers.Last("Accept")
	binaryAccept := route.IsBinary(route.FirstAccept(accept), c.sc.API.BinaryMediaTypes)
	toBinary := ir.ContentHandling == "CONVERT_TO_BINARY" || (binaryAccept && ir.ContentHandling == "")
	if !toBinary {
		return nil
	}
	decoded, err := base64.StdEncoding.DecodeString(string(out.body))
	if err != nil {
		return configError("integrationResponse", "Unable to transform response",
			"contentHandling: the response body must be base64 to be sent as binary ("+err.Error()+")")
	}
	out.body, out.binary = decoded, true
	return nil
}
