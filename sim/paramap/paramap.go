// Package paramap parses and evaluates API Gateway's parameter-mapping expressions: the
// requestParameters of an integration (integration.request.header.X = method.request...)
// and the responseParameters of an integration response (method.response.header.X =
// integration.response...). They are not templates: each is a target name and one source,
// which is a method request parameter, a part of the integration response, a $context or
// stage variable, or a 'static' value.
package paramap

import (
	"fmt"
	"strings"
)

// Kind says where a source's value comes from.
type Kind int

const (
	// Static is a quoted literal: 'application/json'.
	Static Kind = iota
	// Header is a single-value header: method.request.header.X, integration.response.header.X.
	Header
	// MultiValueHeader is every value of a header, joined by commas.
	MultiValueHeader
	// QueryString is method.request.querystring.X.
	QueryString
	// MultiValueQueryString is method.request.multivaluequerystring.X.
	MultiValueQueryString
	// Path is method.request.path.X.
	Path
	// Body is the whole body, or with a Name the value at that JSON path.
	Body
	// Context is context.X (a $context variable, dotted).
	Context
	// StageVariable is stageVariables.X.
	StageVariable
)

// Side says which message a mapping reads from.
type Side int

const (
	// Request is the method request: sources method.request.*.
	Request Side = iota
	// Response is the integration response: sources integration.response.*.
	Response
)

// Source is a parsed source expression.
type Source struct {
	Kind Kind
	// Name is the parameter name, the context or stage variable name, the JSON path under
	// the body (empty for the whole body), or the static text without its quotes.
	Name string
}

// ParseSource parses a source expression of the given side. The error says what forms
// are allowed there.
func ParseSource(expr string, side Side) (Source, error) {
	if len(expr) >= 2 && expr[0] == '\'' && expr[len(expr)-1] == '\'' {
		return Source{Kind: Static, Name: expr[1 : len(expr)-1]}, nil
	}
	if name, ok := cutPrefixFold(expr, "context."); ok && name != "" {
		return Source{Kind: Context, Name: name}, nil
	}
	if name, ok := cutPrefixFold(expr, "stageVariables."); ok && name != "" {
		return Source{Kind: StageVariable, Name: name}, nil
	}
	prefix := "method.request."
	if side == Response {
		prefix = "integration.response."
	}
	rest, ok := cutPrefixFold(expr, prefix)
	if !ok {
		return Source{}, fmt.Errorf("%q is not a source: use %s*, context.*, stageVariables.* or a 'quoted' value", expr, prefix)
	}
	if rest == "body" {
		return Source{Kind: Body}, nil
	}
	if path, ok := strings.CutPrefix(rest, "body."); ok && path != "" {
		return Source{Kind: Body, Name: path}, nil
	}
	location, name, _ := strings.Cut(rest, ".")
	kinds := map[string]Kind{"header": Header, "multivalueheader": MultiValueHeader}
	if side == Request {
		kinds["querystring"] = QueryString
		kinds["multivaluequerystring"] = MultiValueQueryString
		kinds["path"] = Path
	}
	kind, ok := kinds[strings.ToLower(location)]
	if !ok || name == "" {
		return Source{}, fmt.Errorf("%q is not a source: after %s comes header.NAME, multivalueheader.NAME%s or body[.PATH]",
			expr, prefix, map[Side]string{Request: ", querystring.NAME, multivaluequerystring.NAME, path.NAME", Response: ""}[side])
	}
	return Source{Kind: kind, Name: name}, nil
}

// Target is a parsed mapping target: where the value goes.
type Target struct {
	// Location is "header", "querystring" or "path".
	Location string
	Name     string
}

// ParseTarget parses a target under prefix ("integration.request." or
// "method.response."). Method responses take only headers.
func ParseTarget(expr, prefix string) (Target, error) {
	rest, ok := cutPrefixFold(expr, prefix)
	if !ok {
		return Target{}, fmt.Errorf("%q must start with %s", expr, prefix)
	}
	location, name, _ := strings.Cut(rest, ".")
	location = strings.ToLower(location)
	allowed := location == "header"
	if prefix == "integration.request." {
		allowed = allowed || location == "querystring" || location == "path"
	}
	if !allowed || name == "" {
		return Target{}, fmt.Errorf("%q is not a target: use %sheader.NAME", expr, prefix)
	}
	return Target{Location: location, Name: name}, nil
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}
