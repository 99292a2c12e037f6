package lambda

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/apigw-playground/playground/sim/requestctx"
	"github.com/apigw-playground/playground/sim/scenario"
)

type customError struct{}

func (*customError) Error() string { return "custom failure" }

func TestInvoke(t *testing.T) {
	raw := "not json {"
	handlers["test-error"] = func(context.Context, json.RawMessage) (string, error) { return "", errors.New("plain failure") }
	handlers["test-custom-error"] = func(context.Context, json.RawMessage) (string, error) { return "", &customError{} }
	handlers["test-panic"] = func(context.Context, json.RawMessage) (string, error) { panic("boom") }
	defer func() {
		delete(handlers, "test-error")
		delete(handlers, "test-custom-error")
		delete(handlers, "test-panic")
	}()
	tests := []struct {
		name    string
		fn      scenario.Lambda
		payload string
		want    string
		failed  bool
	}{
		{"result is compacted", scenario.Lambda{Result: json.RawMessage("{ \"a\" : [1, 2] }")}, `{}`, `{"a":[1,2]}`, false},
		{"raw bytes", scenario.Lambda{Raw: &raw}, `{}`, raw, false},
		{"error", scenario.Lambda{Error: &scenario.LambdaError{ErrorMessage: "Not found", ErrorType: "Error"}}, `{}`,
			`{"errorMessage":"Not found","errorType":"Error"}`, true},
		// the Go runtime re-encodes what a handler returns: compact, HTML left alone
		{"echo", scenario.Lambda{Handler: "echo"}, `{"a": "<b>"}`, `{"a":"<b>"}`, false},
		{"proxy-echo", scenario.Lambda{Handler: "proxy-echo"}, `{"a":1}`, `{"statusCode":200,"headers":null,"multiValueHeaders":null,"body":"{\"a\":1}"}`, false},
		{"returned error", scenario.Lambda{Handler: "test-error"}, `{}`, `{"errorMessage":"plain failure","errorType":"errorString"}`, true},
		{"named error type", scenario.Lambda{Handler: "test-custom-error"}, `{}`, `{"errorMessage":"custom failure","errorType":"customError"}`, true},
		{"panic", scenario.Lambda{Handler: "test-panic"}, `{}`, `{"errorMessage":"boom","errorType":"string"}`, true},
		{"payload not JSON", scenario.Lambda{Handler: "echo"}, `nope`, "", true},
		{"unknown handler", scenario.Lambda{Handler: "nope"}, `{}`, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Invoke(tt.fn, []byte(tt.payload), requestctx.Context{})
			if got.FunctionError != tt.failed || (tt.want != "" && string(got.Bytes) != tt.want) {
				t.Fatalf("got %s (function error %v), want %s (%v)", got.Bytes, got.FunctionError, tt.want, tt.failed)
			}
			if got.FunctionError && got.ErrorMessage == "" {
				t.Fatal("a function error needs its errorMessage")
			}
		})
	}
}

// TestInvokeCopiesBytes guards against aws-lambda-go reusing its output buffer.
func TestInvokeCopiesBytes(t *testing.T) {
	first := Invoke(scenario.Lambda{Handler: "echo"}, []byte(`{"first":1}`), requestctx.Context{})
	Invoke(scenario.Lambda{Handler: "echo"}, []byte(`{"second":2}`), requestctx.Context{})
	if string(first.Bytes) != `{"first":1}` {
		t.Fatalf("first result changed to %s", first.Bytes)
	}
}
