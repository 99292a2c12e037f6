// Package route turns a scenario's request into the method request API Gateway sees: it
// matches the path against the resource template, extracts path parameters, decodes the
// query string and keeps headers in order. Both integrations start from its Request, so
// the proxy event and a mapping template's $input see the same values.
package route

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/apigw-playground/playground/sim/scenario"
)

// Request is the method request after routing.
type Request struct {
	// Method is the client's method (the proxy event's httpMethod, even for ANY methods).
	Method string
	// RawPath is request.path without query string or fragment, exactly as given.
	RawPath string
	// Path is the stage-relative path as the proxy event's "path" holds it: not URL-decoded,
	// trailing slash and inner "//" kept, but the slashes right after the stage collapsed
	// ("/stage//x" → "/x"), as recorded against AWS.
	Path string
	// ContextPath is $context.path / requestContext.path: "/" + stage + RawPath, raw.
	ContextPath string
	// Resource is the resource template that matched, e.g. "/pets/{petId}".
	Resource string
	Stage    string
	// PathParams in the order the resource template names them; values are not URL-decoded.
	PathParams Params
	// RawQuery is the query string as sent, without "?"; HasQuery tells "/x?" from "/x".
	RawQuery string
	// Query is the decoded query string, repeats kept in order.
	Query Params
	// Headers as the client sent them: order, casing and repeats kept.
	Headers scenario.Headers
	// Body is the request body's bytes (base64-decoded when the scenario says so); HasBody
	// is false when the client sent no body at all, which API Gateway shows as null.
	Body    []byte
	HasBody bool
	// IsBase64Encoded is the scenario's flag: the body was given as base64.
	IsBase64Encoded bool
}

// Param is one name=value pair.
type Param struct{ Name, Value string }

// Params is an ordered multi-map: query strings repeat names and API Gateway shows both
// the last value (queryStringParameters) and all of them in order (multiValue...).
type Params []Param

// Last returns the last value for name.
func (p Params) Last(name string) (string, bool) {
	value, found := "", false
	for _, kv := range p {
		if kv.Name == name {
			value, found = kv.Value, true
		}
	}
	return value, found
}

// All returns every value for name, in order.
func (p Params) All(name string) []string {
	var values []string
	for _, kv := range p {
		if kv.Name == name {
			values = append(values, kv.Value)
		}
	}
	return values
}

// Names returns each name once, in order of first appearance.
func (p Params) Names() []string {
	var names []string
	for _, g := range p.Grouped() {
		names = append(names, g.Name)
	}
	return names
}

// Group is one name with every value given for it, in order.
type Group struct {
	Name   string
	Values []string
}

// Grouped returns each name once, in order of first appearance, with all its values, in
// one pass: a query string may have very many parameters.
func (p Params) Grouped() []Group {
	var groups []Group
	at := map[string]int{}
	for _, kv := range p {
		i, ok := at[kv.Name]
		if !ok {
			i = len(groups)
			at[kv.Name] = i
			groups = append(groups, Group{Name: kv.Name})
		}
		groups[i].Values = append(groups[i].Values, kv.Value)
	}
	return groups
}

// New routes the scenario's request. It expects a validated scenario with defaults
// applied; its error names the field, for a resource the path does not match.
func New(sc *scenario.Scenario) (*Request, error) {
	rawPath, rawQuery, hasQuery := splitTarget(sc.Request.Path)
	path := collapseLeadingSlashes(rawPath)
	params, ok, err := Match(sc.API.Resource, path)
	if err != nil {
		return nil, fmt.Errorf("api.resource: %v", err)
	}
	if !ok {
		return nil, fmt.Errorf("api.resource: %q does not match request.path %q (API Gateway would answer 403 Missing Authentication Token)", sc.API.Resource, rawPath)
	}
	r := &Request{
		Method:      sc.Request.Method,
		RawPath:     rawPath,
		Path:        path,
		ContextPath: "/" + sc.API.Stage + rawPath,
		Resource:    sc.API.Resource,
		Stage:       sc.API.Stage,
		PathParams:  params,
		RawQuery:    rawQuery,
		Headers:     sc.Request.Headers,
	}
	if hasQuery {
		r.Query = ParseQuery(rawQuery)
	}
	if b := sc.Request.Body; b != nil {
		r.HasBody = true
		r.IsBase64Encoded = sc.Request.IsBase64Encoded
		r.Body = []byte(*b)
		if sc.Request.IsBase64Encoded {
			decoded, err := base64.StdEncoding.DecodeString(*b)
			if err != nil {
				return nil, fmt.Errorf("request.body: isBase64Encoded is true but the body is not valid base64: %v", err)
			}
			r.Body = decoded
		}
	}
	return r, nil
}

// splitTarget separates path and query and drops a fragment, which a client never sends.
func splitTarget(target string) (path, query string, hasQuery bool) {
	target, _, _ = strings.Cut(target, "#")
	path, query, hasQuery = strings.Cut(target, "?")
	return path, query, hasQuery
}

// collapseLeadingSlashes turns "//x" into "/x": recorded against AWS, "/stage//x" reaches
// the function as path "/x" while inner "//" survive.
func collapseLeadingSlashes(p string) string {
	trimmed := strings.TrimLeft(p, "/")
	return "/" + trimmed
}

// MethodRequest is the trace's view of the request: maps rather than ordered lists (JSON
// objects), empty maps rather than null, the body as the scenario gave it.
func (r *Request) MethodRequest() scenario.MethodRequest {
	mr := scenario.MethodRequest{
		Method:          r.Method,
		Path:            r.Path,
		Resource:        r.Resource,
		Stage:           r.Stage,
		PathParameters:  map[string]string{},
		QueryString:     map[string][]string{},
		Headers:         map[string][]string{},
		IsBase64Encoded: r.IsBase64Encoded,
	}
	for _, p := range r.PathParams {
		mr.PathParameters[p.Name] = p.Value
	}
	for _, g := range r.Query.Grouped() {
		mr.QueryString[g.Name] = g.Values
	}
	for _, h := range r.Headers {
		mr.Headers[h.Name] = append(mr.Headers[h.Name], h.Values...)
	}
	if r.HasBody {
		body := string(r.Body)
		if r.IsBase64Encoded {
			body = base64.StdEncoding.EncodeToString(r.Body)
		}
		mr.Body = &body
	}
	return mr
}

// ContentType is the media type of the request's (last) Content-Type header.
func (r *Request) ContentType() string {
	v, _ := r.Headers.Last("Content-Type")
	return MediaType(v)
}
