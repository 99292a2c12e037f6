// Package gateway builds API Gateway's gateway responses: the answers API Gateway gives on
// its own, without the backend's say, when a call fails before, during or after the
// integration (unknown route, unsupported media type, configuration error, timeout...).
//
// Every gateway response of a REST API renders the default template
// {"message":$context.error.messageString} and carries an x-amzn-ErrorType header naming
// the failure, so a client tells a gateway error from a backend answer by that header.
// Both the proxy and the custom integration paths answer their errors through this package
// so that the bytes are the same whichever path fails.
package gateway

import (
	"encoding/json"
	"strconv"

	"github.com/apigw-playground/playground/sim/scenario"
)

// Type is a gateway response type, spelled as AWS spells it (GatewayResponse.responseType).
type Type string

// The gateway response types of a REST API (developer guide, "Gateway response types").
const (
	AccessDenied                 Type = "ACCESS_DENIED"
	APIConfigurationError        Type = "API_CONFIGURATION_ERROR"
	AuthorizerConfigurationError Type = "AUTHORIZER_CONFIGURATION_ERROR"
	AuthorizerFailure            Type = "AUTHORIZER_FAILURE"
	BadRequestParameters         Type = "BAD_REQUEST_PARAMETERS"
	BadRequestBody               Type = "BAD_REQUEST_BODY"
	Default4XX                   Type = "DEFAULT_4XX"
	Default5XX                   Type = "DEFAULT_5XX"
	ExpiredToken                 Type = "EXPIRED_TOKEN"
	IntegrationFailure           Type = "INTEGRATION_FAILURE"
	IntegrationTimeout           Type = "INTEGRATION_TIMEOUT"
	InvalidAPIKey                Type = "INVALID_API_KEY"
	InvalidSignature             Type = "INVALID_SIGNATURE"
	MissingAuthenticationToken   Type = "MISSING_AUTHENTICATION_TOKEN"
	QuotaExceeded                Type = "QUOTA_EXCEEDED"
	RequestTooLarge              Type = "REQUEST_TOO_LARGE"
	ResourceNotFound             Type = "RESOURCE_NOT_FOUND"
	Throttled                    Type = "THROTTLED"
	Unauthorized                 Type = "UNAUTHORIZED"
	UnsupportedMediaType         Type = "UNSUPPORTED_MEDIA_TYPE"
	WAFFiltered                  Type = "WAF_FILTERED"
)

// info is what AWS fixes for a type: its default status (0 for DEFAULT_4XX/5XX, which
// have none of their own), the x-amzn-ErrorType value and the usual message.
type info struct {
	status    int
	errorType string
	message   string
}

// types holds the facts per type. Statuses are documented; error types and messages are
// AWS-recorded for MISSING_AUTHENTICATION_TOKEN and the 5XX family and inferred for the
// rest (see docs/fidelity.md, "Custom integration").
var types = map[Type]info{
	AccessDenied:                 {403, "AccessDeniedException", "Forbidden"},
	APIConfigurationError:        {500, "InternalServerErrorException", "Internal server error"},
	AuthorizerConfigurationError: {500, "AuthorizerConfigurationException", "Internal server error"},
	AuthorizerFailure:            {500, "AuthorizerFailureException", "Internal server error"},
	BadRequestParameters:         {400, "BadRequestException", "Bad request"},
	BadRequestBody:               {400, "BadRequestException", "Invalid request body"},
	Default4XX:                   {0, "BadRequestException", "Bad request"},
	Default5XX:                   {0, "InternalServerErrorException", "Internal server error"},
	ExpiredToken:                 {403, "ExpiredTokenException", "The security token included in the request is expired"},
	IntegrationFailure:           {504, "InternalServerErrorException", "Internal server error"},
	IntegrationTimeout:           {504, "InternalServerErrorException", "Endpoint request timed out"},
	InvalidAPIKey:                {403, "ForbiddenException", "Forbidden"},
	InvalidSignature:             {403, "InvalidSignatureException", "Forbidden"},
	MissingAuthenticationToken:   {403, "MissingAuthenticationTokenException", "Missing Authentication Token"},
	QuotaExceeded:                {429, "LimitExceededException", "Limit Exceeded"},
	RequestTooLarge:              {413, "RequestTooLargeException", "Request Too Long"},
	ResourceNotFound:             {404, "ResourceNotFoundException", "Not Found"},
	Throttled:                    {429, "TooManyRequestsException", "Too Many Requests"},
	Unauthorized:                 {401, "UnauthorizedException", "Unauthorized"},
	UnsupportedMediaType:         {415, "UnsupportedMediaTypeException", "Unsupported Media Type"},
	WAFFiltered:                  {403, "ForbiddenException", "Forbidden"},
}

// Known reports whether t is a gateway response type AWS defines.
func Known(t Type) bool {
	_, ok := types[t]
	return ok
}

// Error is one gateway response about to be sent. It is an error so that a pipeline stage
// can stop the call by returning it; Response renders what the client receives.
type Error struct {
	Type Type
	// Status is the HTTP status the client receives.
	Status int
	// Message is $context.error.message, rendered into the body.
	Message string
}

// New returns the gateway response of type t with its default status and message. For
// DEFAULT_4XX and DEFAULT_5XX, which have no status of their own, it uses 400 and 500.
func New(t Type) Error {
	i := types[t]
	status := i.status
	if status == 0 {
		status = 500
		if t == Default4XX {
			status = 400
		}
	}
	return Error{Type: t, Status: status, Message: i.message}
}

// WithStatus returns e answering with status instead, as API Gateway does for responses
// whose status depends on the failure (a malformed Lambda proxy response is a 502 of the
// 5XX family).
func (e Error) WithStatus(status int) Error { e.Status = status; return e }

// WithMessage returns e carrying message instead of the type's usual one.
func (e Error) WithMessage(message string) Error { e.Message = message; return e }

// Error makes a gateway response usable as a Go error; the text is what a log would show.
func (e Error) Error() string {
	return string(e.Type) + " (" + strconv.Itoa(e.Status) + "): " + e.Message
}

// ErrorType is the x-amzn-ErrorType header value of the response.
func (e Error) ErrorType() string { return types[e.Type].errorType }

// Body is the response body: the default template {"message":$context.error.messageString}
// rendered with e.Message. 5XX responses put a space after the colon, as AWS's bodies for
// integration failures and configuration errors have it ({"message": "Internal server
// error"}); 4XX responses do not ({"message":"Missing Authentication Token"}).
func (e Error) Body() string {
	quoted, _ := json.Marshal(e.Message) // a string always marshals
	sep := ":"
	if e.Status >= 500 {
		sep = ": "
	}
	return `{"message"` + sep + string(quoted) + "}"
}

// Headers returns the response headers in the order AWS sends them.
func (e Error) Headers() [][2]string {
	return [][2]string{
		{"Content-Type", "application/json"},
		{"x-amzn-ErrorType", e.ErrorType()},
	}
}

// Response is what the client receives for this gateway response.
func (e Error) Response() scenario.Response {
	return scenario.NewResponse(e.Status, e.Headers(), e.Body(), false)
}
