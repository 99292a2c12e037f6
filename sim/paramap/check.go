package paramap

import "strings"

// unmappableRequestHeaders may not be the target of an integration request header
// mapping: with one of them mapped, every call fails with 500 Internal server error and
// the function is never called — on a Lambda custom integration and on a Lambda proxy
// integration alike, although a proxy integration otherwise ignores its request
// parameters (AWS-recorded: aws-vectors custom-lambda-forbidden-request-header-mapping-*,
// test_apigateway_header_remapping_aws[AWS_PROXY] keys content-length ... te).
var unmappableRequestHeaders = []string{
	"Authorization", "Connection", "Content-Length", "Expect", "Proxy-Authenticate", "TE", "Transfer-Encoding",
}

// MappingError is an integration request parameter API Gateway cannot run. Every call of
// the method then fails with 500 Internal server error before the backend is called.
type MappingError struct {
	// Expression is the part of the mapping API Gateway names in the Test log: the target
	// when the target is wrong, else the source.
	Expression string
	// Reason says what is wrong with it, for the user.
	Reason string
}

// Error is the Test log's text after "Execution failed due to configuration error: ".
func (e *MappingError) Error() string { return "Invalid mapping expression specified: " + e.Expression }

// CheckIntegrationRequest checks one integration request parameter (name is the target
// integration.request.*, value the source) the way API Gateway does when it runs the
// method. nil means the mapping is usable.
func CheckIntegrationRequest(name, value string) *MappingError {
	t, err := ParseTarget(name, "integration.request.")
	if err != nil {
		return &MappingError{Expression: name, Reason: err.Error()}
	}
	if t.Location == "header" {
		for _, h := range unmappableRequestHeaders {
			if strings.EqualFold(h, t.Name) {
				return &MappingError{Expression: name,
					Reason: "API Gateway does not let an integration request set " + t.Name + "; every call fails with 500"}
			}
		}
	}
	if _, err := ParseSource(value, Request); err != nil {
		return &MappingError{Expression: value, Reason: err.Error()}
	}
	return nil
}
