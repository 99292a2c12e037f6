// Package scenario holds the two documents of the simulator's public contract
// (shared/spec/scenario.md): the Scenario a user writes and the Trace the simulator answers.
package scenario

import "encoding/json"

// Scenario is everything API Gateway would know about one call: the client's request, how
// the API is set up, and what the Lambda function does. Its JSON form is the public
// contract in shared/spec/scenario.md; field names follow AWS's own vocabulary.
type Scenario struct {
	Request         Request                   `json:"request"`
	API             API                       `json:"api"`
	Integration     Integration               `json:"integration"`
	MethodResponses map[string]MethodResponse `json:"methodResponses,omitempty"`
	Lambda          Lambda                    `json:"lambda"`
	Context         Context                   `json:"context"`
}

// Request is the client's HTTP request as it reaches API Gateway.
type Request struct {
	Method string `json:"method"`
	// Path may carry the query string: "/pets/42?tag=a&tag=b". It includes no stage.
	Path string `json:"path"`
	// Headers keeps the client's order, casing and repeats.
	Headers Headers `json:"headers"`
	// Body is the request body as text, or base64 of its bytes when IsBase64Encoded.
	// Nil means the client sent no body, which API Gateway distinguishes from "".
	Body            *string `json:"body"`
	IsBase64Encoded bool    `json:"isBase64Encoded"`
}

// Header is one header name with every value the client sent for it, in order.
type Header struct {
	Name   string
	Values []string
}

// Headers is an ordered header list. In JSON it is an object whose values are a string
// or a list of strings (a repeated header); the order of the keys is kept.
type Headers []Header

// API is how the REST API and its stage are set up.
type API struct {
	// Resource is the resource path template, e.g. "/pets/{petId}" or "/{proxy+}".
	Resource         string            `json:"resource"`
	Stage            string            `json:"stage"`
	StageVariables   map[string]string `json:"stageVariables"`
	BinaryMediaTypes []string          `json:"binaryMediaTypes"`
	// EndpointType is "EDGE" (the default for a new REST API, which puts CloudFront in front
	// and so adds CloudFront-* and Via headers) or "REGIONAL". An additive extension: AWS
	// keeps it on the API, not in the OpenAPI integration object.
	EndpointType string `json:"endpointType,omitempty"`
}

// Lambda is what the function does: exactly one of Result, Error, Raw or Handler is set.
type Lambda struct {
	// Result is the JSON value the function returns.
	Result json.RawMessage `json:"result,omitempty"`
	// Error is a function error, as the Lambda runtime reports it.
	Error *LambdaError `json:"error,omitempty"`
	// Raw is the exact bytes the function returns, even when they are not JSON.
	Raw *string `json:"raw,omitempty"`
	// Handler names a built-in Go handler run in-process with aws-lambda-go ("echo",
	// "proxy-echo"), so a trainer can show what the function really receives. An additive
	// extension to shared/spec/scenario.md.
	Handler string `json:"handler,omitempty"`
	// DurationMs is how long the function runs, compared with the integration's
	// timeoutInMillis (504 past it). An additive extension; 0 means instantly.
	DurationMs int `json:"durationMs,omitempty"`
}

// LambdaError is the error document a Lambda runtime returns for a function error.
type LambdaError struct {
	ErrorMessage string   `json:"errorMessage"`
	ErrorType    string   `json:"errorType,omitempty"`
	StackTrace   []string `json:"stackTrace,omitempty"`
}

// Context fixes the values that would otherwise vary between calls, under their $context
// names, so that a trace is reproducible byte for byte. Unset fields get fixed defaults.
type Context struct {
	RequestID         string          `json:"requestId,omitempty"`
	RequestTimeEpoch  int64           `json:"requestTimeEpoch,omitempty"`
	AccountID         string          `json:"accountId,omitempty"`
	APIID             string          `json:"apiId,omitempty"`
	ResourceID        string          `json:"resourceId,omitempty"`
	DeploymentID      string          `json:"deploymentId,omitempty"`
	ExtendedRequestID string          `json:"extendedRequestId,omitempty"`
	DomainName        string          `json:"domainName,omitempty"`
	Identity          ContextIdentity `json:"identity,omitempty"`
}

// ContextIdentity is $context.identity: who called. Without an authorizer or API key AWS
// knows only sourceIp and userAgent; the others may be set to show what a function or
// template sees when they are present.
type ContextIdentity struct {
	SourceIP                      string `json:"sourceIp,omitempty"`
	UserAgent                     string `json:"userAgent,omitempty"`
	AccountID                     string `json:"accountId,omitempty"`
	APIKey                        string `json:"apiKey,omitempty"`
	APIKeyID                      string `json:"apiKeyId,omitempty"`
	AccessKey                     string `json:"accessKey,omitempty"`
	Caller                        string `json:"caller,omitempty"`
	CognitoAuthenticationProvider string `json:"cognitoAuthenticationProvider,omitempty"`
	CognitoAuthenticationType     string `json:"cognitoAuthenticationType,omitempty"`
	CognitoIdentityID             string `json:"cognitoIdentityId,omitempty"`
	CognitoIdentityPoolID         string `json:"cognitoIdentityPoolId,omitempty"`
	PrincipalOrgID                string `json:"principalOrgId,omitempty"`
	User                          string `json:"user,omitempty"`
	UserArn                       string `json:"userArn,omitempty"`
}
