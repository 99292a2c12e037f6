package scenario

import "strings"

// Trace is every stage of one simulated call, as API Gateway would show it. Its JSON form
// is the public contract in shared/spec/scenario.md.
type Trace struct {
	MethodRequest MethodRequest `json:"methodRequest"`
	// Payload is the exact bytes API Gateway sends to Lambda, or nil when it never calls it.
	Payload *string `json:"payload"`
	// LambdaResult is the exact bytes the function returns, or nil.
	LambdaResult *string `json:"lambdaResult"`
	// IntegrationResponse is the integration response that was selected; nil for proxy.
	IntegrationResponse *SelectedResponse `json:"integrationResponse"`
	Response            Response          `json:"response"`
	// Log follows the console's Test output line for line, without the timestamp prefix.
	Log         []string     `json:"log"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// MethodRequest is the request as API Gateway's method sees it, after routing.
type MethodRequest struct {
	Method          string              `json:"method"`
	Path            string              `json:"path"`
	Resource        string              `json:"resource"`
	Stage           string              `json:"stage"`
	PathParameters  map[string]string   `json:"pathParameters"`
	QueryString     map[string][]string `json:"queryString"`
	Headers         map[string][]string `json:"headers"`
	Body            *string             `json:"body"`
	IsBase64Encoded bool                `json:"isBase64Encoded"`
}

// SelectedResponse names the integration response that was chosen and why.
type SelectedResponse struct {
	SelectionPattern string `json:"selectionPattern"`
	StatusCode       string `json:"statusCode"`
	// Reason explains the choice, and why the other patterns did not match.
	Reason string `json:"reason,omitempty"`
}

// Response is what the client receives.
type Response struct {
	StatusCode        int                 `json:"statusCode"`
	Headers           map[string]string   `json:"headers"`
	MultiValueHeaders map[string][]string `json:"multiValueHeaders"`
	Body              string              `json:"body"`
	IsBase64Encoded   bool                `json:"isBase64Encoded"`
}

// Diagnostic explains, with a position where there is one, what API Gateway would only
// answer with an error status: a template syntax error, a limit hit, a malformed proxy
// response.
type Diagnostic struct {
	// Stage names where it happened: "request", "routing", "requestTemplate", "lambda",
	// "proxyResponse", "integrationResponse", "responseTemplate", ...
	Stage   string `json:"stage"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
}

// NewResponse builds what the client receives from headers in the order they are sent.
// MultiValueHeaders keeps every value of a repeated header; Headers joins them with ", ",
// as an HTTP client shows them. The maps are never nil, so a trace shows {} rather than
// null.
func NewResponse(status int, headers [][2]string, body string, isBase64Encoded bool) Response {
	r := Response{
		StatusCode:        status,
		Headers:           map[string]string{},
		MultiValueHeaders: map[string][]string{},
		Body:              body,
		IsBase64Encoded:   isBase64Encoded,
	}
	for _, h := range headers {
		r.MultiValueHeaders[h[0]] = append(r.MultiValueHeaders[h[0]], h[1])
	}
	for name, values := range r.MultiValueHeaders {
		r.Headers[name] = strings.Join(values, ", ")
	}
	return r
}
