package proxy

import (
	"encoding/json"
	"testing"

	"github.com/apigw-playground/playground/sim/requestctx"
	"github.com/apigw-playground/playground/sim/route"
	"github.com/apigw-playground/playground/sim/scenario"
)

// TestRun pins what the client gets for the proxy rules of api-gateway-behavior.md §1.3
// and §1.4 end to end: the status, the error type header, the default Content-Type and
// the binary decision made on the first Accept media type.
func TestRun(t *testing.T) {
	const png = `{"statusCode":200,"headers":{"Content-Type":"image/png"},"body":"iVBORw==","isBase64Encoded":true}`
	tests := []struct {
		name        string
		httpMethod  string
		result      string
		err         *scenario.LambdaError
		accept      string
		binaryTypes []string
		status      int
		errorType   string // x-amzn-ErrorType
		contentType string
		binary      bool
	}{
		{name: "non-POST integration method is a 500 (V)", httpMethod: "GET", result: `{}`, status: 500, errorType: "InternalServerErrorException", contentType: "application/json"},
		{name: "function error is a 502 (V)", err: &scenario.LambdaError{ErrorMessage: "boom"}, status: 502, errorType: "InternalServerErrorException", contentType: "application/json"},
		{name: "malformed response is a 502 (V)", result: `{"statusCode":200,"wrongValue":"value"}`, status: 502, errorType: "InternalServerErrorException", contentType: "application/json"},
		{name: "default Content-Type (V)", result: `{"statusCode":"201"}`, status: 201, contentType: "application/json"},
		{name: "binary when the first Accept type is a binary media type (V)", result: png, accept: "image/png, */*", binaryTypes: []string{"image/png"}, status: 200, contentType: "image/png", binary: true},
		{name: "base64 text when only a later Accept type matches (D)", result: png, accept: "text/html, image/png", binaryTypes: []string{"image/png"}, status: 200, contentType: "image/png"},
		{name: "base64 text for Accept */* (V)", result: png, accept: "*/*", binaryTypes: []string{"image/png"}, status: 200, contentType: "image/png"},
		{name: "base64 text without binaryMediaTypes (V)", result: png, accept: "image/png", status: 200, contentType: "image/png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := &scenario.Scenario{
				API:         scenario.API{Resource: "/x", Stage: "dev", BinaryMediaTypes: tt.binaryTypes},
				Request:     scenario.Request{Method: "GET", Path: "/x"},
				Integration: scenario.Integration{Type: scenario.TypeAWSProxy, HTTPMethod: tt.httpMethod},
				Lambda:      scenario.Lambda{Result: json.RawMessage(tt.result), Error: tt.err},
			}
			if tt.err != nil {
				sc.Lambda.Result = nil
			}
			if tt.accept != "" {
				sc.Request.Headers = scenario.Headers{{Name: "Accept", Values: []string{tt.accept}}}
			}
			sc.ApplyDefaults()
			req, err := route.New(sc)
			if err != nil {
				t.Fatal(err)
			}
			r := Run(sc, req, requestctx.New(sc, req)).Response
			if r.StatusCode != tt.status || r.Headers["x-amzn-ErrorType"] != tt.errorType ||
				r.Headers["Content-Type"] != tt.contentType || r.IsBase64Encoded != tt.binary {
				t.Fatalf("got %+v", r)
			}
			if tt.status >= 500 && r.Body != `{"message": "Internal server error"}` {
				t.Errorf("body %q", r.Body)
			}
		})
	}
}
