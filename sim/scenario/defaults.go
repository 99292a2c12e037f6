package scenario

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Defaults for what a scenario leaves out. They are what a new REST API gets in the console
// when the user creates a Lambda proxy integration on ANY /{proxy+} and deploys it to a
// stage, so that a scenario with only a request already behaves like a real API.
const (
	DefaultStage        = "dev"
	DefaultResource     = "/{proxy+}"
	DefaultEndpointType = "EDGE"
	// DefaultLambdaResult is what the console's new Node.js function returns, the first
	// thing anyone sees from a fresh Lambda.
	DefaultLambdaResult = `{"statusCode":200,"body":"\"Hello from Lambda!\""}`
	// DefaultTimeoutMillis is an integration's timeout when timeoutInMillis is not set
	// (AWS's default, recorded in PutIntegration answers).
	DefaultTimeoutMillis = 29000
)

// Integration types, lower-cased as Validate leaves them.
const (
	TypeAWSProxy = "aws_proxy"
	TypeAWS      = "aws"
	TypeMock     = "mock"
)

// methods are the HTTP methods API Gateway accepts from a client.
var methods = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}

// ApplyDefaults fills what the scenario left out; it never overrides a given value.
func (sc *Scenario) ApplyDefaults() {
	if sc.Request.Method == "" {
		sc.Request.Method = "GET"
	}
	if sc.Request.Path == "" {
		sc.Request.Path = "/"
	}
	if sc.API.Stage == "" {
		sc.API.Stage = DefaultStage
	}
	if sc.API.Resource == "" {
		// The root path needs the root resource: {proxy+} matches at least one segment.
		if p, _, _ := strings.Cut(sc.Request.Path, "?"); p == "/" {
			sc.API.Resource = "/"
		} else {
			sc.API.Resource = DefaultResource
		}
	}
	if sc.API.EndpointType == "" {
		sc.API.EndpointType = DefaultEndpointType
	}
	sc.API.EndpointType = strings.ToUpper(sc.API.EndpointType)
	sc.Integration.Type = strings.ToLower(sc.Integration.Type)
	if sc.Integration.Type == "" {
		sc.Integration.Type = TypeAWSProxy
	}
	if sc.Integration.TimeoutInMillis == 0 {
		sc.Integration.TimeoutInMillis = DefaultTimeoutMillis
	}
	if sc.Integration.HTTPMethod == "" && sc.Integration.Type != TypeMock {
		sc.Integration.HTTPMethod = "POST"
	}
	l := sc.Lambda
	if l.Result == nil && l.Error == nil && l.Raw == nil && l.Handler == "" {
		sc.Lambda.Result = json.RawMessage(DefaultLambdaResult)
	}
}

// Validate reports the first thing in the scenario that API Gateway could not have been
// given, naming the field. Routing (does api.resource match request.path?) and the body's
// base64 are checked by the route package, which does that work anyway.
func (sc *Scenario) Validate() error {
	r := sc.Request
	if !slices.Contains(methods, r.Method) {
		return fmt.Errorf("request.method: %q is not a method API Gateway accepts (%s)", r.Method, strings.Join(methods, ", "))
	}
	if !strings.HasPrefix(r.Path, "/") {
		return fmt.Errorf("request.path: %q must start with \"/\" (the path after the stage)", r.Path)
	}
	if strings.ContainsAny(r.Path, " \t\r\n") {
		return fmt.Errorf("request.path: %q contains white space; encode it as %%20", r.Path)
	}
	if !strings.HasPrefix(sc.API.Resource, "/") {
		return fmt.Errorf("api.resource: %q must start with \"/\"", sc.API.Resource)
	}
	if strings.ContainsAny(sc.API.Stage, "/?# ") {
		return fmt.Errorf("api.stage: %q must be a single path segment", sc.API.Stage)
	}
	if sc.API.EndpointType != "EDGE" && sc.API.EndpointType != "REGIONAL" {
		return fmt.Errorf("api.endpointType: %q must be EDGE or REGIONAL", sc.API.EndpointType)
	}
	switch sc.Integration.Type {
	case TypeAWSProxy, TypeAWS, TypeMock:
	default:
		return fmt.Errorf("integration.type: %q is not a Lambda or mock integration type (aws_proxy, aws, mock)", sc.Integration.Type)
	}
	return sc.Lambda.validate()
}

func (l Lambda) validate() error {
	set := []string{}
	if l.Result != nil {
		set = append(set, "result")
	}
	if l.Error != nil {
		set = append(set, "error")
	}
	if l.Raw != nil {
		set = append(set, "raw")
	}
	if l.Handler != "" {
		set = append(set, "handler")
	}
	if len(set) > 1 {
		return fmt.Errorf("lambda: give exactly one of result, error, raw or handler, not %s", strings.Join(set, " and "))
	}
	if l.Error != nil && l.Error.ErrorMessage == "" && l.Error.ErrorType == "" {
		return fmt.Errorf("lambda.error: needs an errorMessage")
	}
	return nil
}
