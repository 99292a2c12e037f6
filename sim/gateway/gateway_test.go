package gateway

import (
	"testing"
)

func TestResponses(t *testing.T) {
	tests := []struct {
		name      string
		err       Error
		status    int
		body      string
		errorType string
	}{
		// AWS-recorded: aws-vectors gateway-response-not-found.
		{"missing token", New(MissingAuthenticationToken), 403, `{"message":"Missing Authentication Token"}`, "MissingAuthenticationTokenException"},
		// AWS-recorded: custom-lambda-forbidden-request-header-mapping-*.
		{"configuration error", New(APIConfigurationError), 500, `{"message": "Internal server error"}`, "InternalServerErrorException"},
		{"unsupported media type", New(UnsupportedMediaType), 415, `{"message":"Unsupported Media Type"}`, "UnsupportedMediaTypeException"},
		{"timeout", New(IntegrationTimeout), 504, `{"message": "Endpoint request timed out"}`, "InternalServerErrorException"},
		{"malformed proxy response", New(Default5XX).WithStatus(502), 502, `{"message": "Internal server error"}`, "InternalServerErrorException"},
		{"default 4xx", New(Default4XX), 400, `{"message":"Bad request"}`, "BadRequestException"},
		{"message escaped", New(BadRequestParameters).WithMessage(`Missing "x"`), 400, `{"message":"Missing \"x\""}`, "BadRequestException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.err.Response()
			if r.StatusCode != tt.status || r.Body != tt.body {
				t.Errorf("got %d %s, want %d %s", r.StatusCode, r.Body, tt.status, tt.body)
			}
			if got := r.Headers["x-amzn-ErrorType"]; got != tt.errorType {
				t.Errorf("x-amzn-ErrorType = %q, want %q", got, tt.errorType)
			}
			if got := r.MultiValueHeaders["Content-Type"]; len(got) != 1 || got[0] != "application/json" {
				t.Errorf("Content-Type = %q", got)
			}
		})
	}
}

func TestEveryTypeHasStatusAndErrorType(t *testing.T) {
	for typ := range types {
		e := New(typ)
		if e.Status < 400 || e.Status > 599 || e.ErrorType() == "" || e.Message == "" {
			t.Errorf("%s: incomplete %+v", typ, e)
		}
		if !Known(typ) {
			t.Errorf("%s not known", typ)
		}
	}
	if Known("NOPE") {
		t.Error("unknown type reported known")
	}
}

// TestDocumentedDefaultStatus pins the default status of every gateway response type as
// the developer guide lists it ("Gateway response types", spec §4, D). DEFAULT_4XX and
// DEFAULT_5XX have none of their own; New answers 400 and 500 for them. INTEGRATION_FAILURE
// keeps the documented 504: the AWS-recorded 500 for a misconfigured Lambda proxy
// integration is API_CONFIGURATION_ERROR's.
func TestDocumentedDefaultStatus(t *testing.T) {
	want := map[Type]int{
		AccessDenied: 403, APIConfigurationError: 500, AuthorizerConfigurationError: 500,
		AuthorizerFailure: 500, BadRequestParameters: 400, BadRequestBody: 400,
		Default4XX: 400, Default5XX: 500, ExpiredToken: 403, IntegrationFailure: 504,
		IntegrationTimeout: 504, InvalidAPIKey: 403, InvalidSignature: 403,
		MissingAuthenticationToken: 403, QuotaExceeded: 429, RequestTooLarge: 413,
		ResourceNotFound: 404, Throttled: 429, Unauthorized: 401, UnsupportedMediaType: 415,
		WAFFiltered: 403,
	}
	if len(want) != len(types) {
		t.Errorf("%d types documented here, %d defined", len(want), len(types))
	}
	for typ, status := range want {
		if got := New(typ).Status; got != status {
			t.Errorf("%s: status %d, want %d", typ, got, status)
		}
	}
}
