// Package lambda plays the Lambda function of a scenario: a fixed result, a function error,
// raw bytes, or a real Go handler run in-process with aws-lambda-go. Whatever the source,
// the caller gets the exact bytes Lambda would return and whether Lambda flagged them as a
// function error (X-Amz-Function-Error), which is all API Gateway ever sees.
package lambda

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"

	"github.com/aws/aws-lambda-go/events"
	awslambda "github.com/aws/aws-lambda-go/lambda"

	"github.com/apigw-playground/playground/sim/requestctx"
	"github.com/apigw-playground/playground/sim/scenario"
)

// Result is what the Invoke API answered.
type Result struct {
	// Bytes is the response payload exactly as Lambda returns it.
	Bytes []byte
	// FunctionError is true when the function failed (an error returned, raised or a
	// panic): Lambda still answers 200, but marks the payload as an error document.
	FunctionError bool
	// ErrorMessage is the errorMessage of a function error, for selection patterns and logs.
	ErrorMessage string
}

// handlers are the built-in Go handlers a scenario can name in lambda.handler.
var handlers = map[string]any{
	// echo returns the payload it got: for a custom integration, the rendered request
	// template; for a proxy integration, the event (which is then not a valid proxy
	// response, a lesson in itself). The Go runtime re-encodes it compactly.
	"echo": func(_ context.Context, in json.RawMessage) (json.RawMessage, error) {
		return in, nil
	},
	// proxy-echo answers a proxy integration with the event as the body, like the
	// functions AWS's own tests use to show what Lambda receives. It takes the event as
	// raw JSON, not events.APIGatewayProxyRequest, because that type would drop the
	// event's nulls on the way back; it answers with the events type a Go function uses,
	// so the response bytes are a real Go function's (headers: null included).
	"proxy-echo": func(_ context.Context, in json.RawMessage) (events.APIGatewayProxyResponse, error) {
		return events.APIGatewayProxyResponse{StatusCode: 200, Body: string(in)}, nil
	},
}

// HandlerNames lists the built-in handlers, sorted.
func HandlerNames() []string {
	return slices.Sorted(maps.Keys(handlers))
}

// Known reports whether name is a built-in handler.
func Known(name string) bool {
	_, ok := handlers[name]
	return ok
}

// Invoke runs the scenario's function with payload, the bytes API Gateway sends.
func Invoke(fn scenario.Lambda, payload []byte, rc requestctx.Context) Result {
	switch {
	case fn.Error != nil:
		return functionError(*fn.Error)
	case fn.Raw != nil:
		return Result{Bytes: []byte(*fn.Raw)}
	case fn.Handler != "":
		return runHandler(fn.Handler, payload)
	default:
		// A function's runtime serialises its return value compactly (Node, Go, Java), so
		// the scenario's formatting does not leak into the bytes.
		var b bytes.Buffer
		if err := json.Compact(&b, fn.Result); err != nil {
			return Result{Bytes: append([]byte(nil), fn.Result...)}
		}
		return Result{Bytes: b.Bytes()}
	}
}

func functionError(e scenario.LambdaError) Result {
	doc, _ := json.Marshal(e)
	return Result{Bytes: doc, FunctionError: true, ErrorMessage: e.ErrorMessage}
}

// runHandler invokes a built-in handler through aws-lambda-go, so the bytes are the ones
// the Go runtime would produce. Invoke's returned slice is reused by the next call (copy
// it), a panic escapes Invoke (recover it, as the runtime does, into an error document),
// and a returned error is a plain Go error (the runtime names its type as errorType).
func runHandler(name string, payload []byte) (res Result) {
	fn, ok := handlers[name]
	if !ok {
		return functionError(scenario.LambdaError{
			ErrorMessage: fmt.Sprintf("no built-in handler %q (have %v)", name, HandlerNames()),
			ErrorType:    "Runtime.HandlerNotFound",
		})
	}
	defer func() {
		if v := recover(); v != nil {
			res = functionError(scenario.LambdaError{ErrorMessage: fmt.Sprint(v), ErrorType: typeName(v)})
		}
	}()
	out, err := awslambda.NewHandler(fn).Invoke(context.Background(), payload)
	if err != nil {
		return functionError(scenario.LambdaError{ErrorMessage: err.Error(), ErrorType: typeName(err)})
	}
	return Result{Bytes: bytes.TrimSuffix(append([]byte(nil), out...), []byte("\n"))}
}

// ResponseHeaders are the headers of Lambda's Invoke response, in the order AWS logs them:
// what the log's "Endpoint response headers" line shows and what a custom integration's
// integration.response.header.* mappings read.
func ResponseHeaders(rc requestctx.Context, res Result) [][2]string {
	headers := [][2]string{
		{"Date", requestctx.HTTPDate(rc.RequestTimeEpoch)},
		{"Content-Type", "application/json"},
		{"Content-Length", fmt.Sprint(len(res.Bytes))},
		{"Connection", "keep-alive"},
		{"x-amzn-RequestId", rc.LambdaRequestID},
		{"x-amzn-Remapped-Content-Length", "0"},
		{"X-Amz-Executed-Version", "$LATEST"},
	}
	if res.FunctionError {
		headers = append(headers, [2]string{"X-Amz-Function-Error", "Unhandled"})
	}
	return append(headers, [2]string{"X-Amzn-Trace-Id", rc.TraceID})
}

// typeName is how the Go runtime names an error's type: the type's name without pointer
// or package ("*errors.errorString" → "errorString").
func typeName(v any) string {
	t := reflect.TypeOf(v)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name()
}
