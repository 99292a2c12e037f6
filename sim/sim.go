// Package sim is the simulator's front door: DecodeScenario reads the scenario document
// and Run turns it into a trace, dispatching on the integration type; Simulate does both
// for a caller that holds the document. Everything that shows a trace — the web page, the
// websocket, POST /api/simulate, `playground simulate`, the lessons — goes through these
// functions, so all of them answer alike.
package sim

import (
	"fmt"
	"strings"

	"github.com/apigw-playground/playground/sim/custom"
	"github.com/apigw-playground/playground/sim/lambda"
	"github.com/apigw-playground/playground/sim/proxy"
	"github.com/apigw-playground/playground/sim/requestctx"
	"github.com/apigw-playground/playground/sim/route"
	"github.com/apigw-playground/playground/sim/scenario"
)

// DecodeScenario reads a scenario from JSON or YAML, fills in the defaults and checks it.
// Its error names the field and what is wrong with it ("request.headers[\"X-Trace\"]:
// must be a string or a list of strings"); callers show it as is (exit 2, HTTP 400).
func DecodeScenario(data []byte) (*scenario.Scenario, error) {
	sc, _, err := decode(data)
	return sc, err
}

// Simulate reads a scenario document and simulates it: DecodeScenario then Run, answering
// exactly as they do, but with the scenario defaulted, checked and routed once instead of
// twice (Run cannot trust a scenario it is handed, since the caller may have changed it
// after decoding). The error is DecodeScenario's; a decoded scenario always gets a trace.
func Simulate(data []byte) (*scenario.Trace, error) {
	sc, req, err := decode(data)
	if err != nil {
		return nil, err
	}
	return run(sc, req), nil
}

// decode is DecodeScenario keeping the routed request, which is what checking the route
// produces anyway.
func decode(data []byte) (*scenario.Scenario, *route.Request, error) {
	sc, err := scenario.Decode(data)
	if err != nil {
		return nil, nil, err
	}
	sc.ApplyDefaults()
	if err := sc.Validate(); err != nil {
		return nil, nil, err
	}
	if h := sc.Lambda.Handler; h != "" && !lambda.Known(h) {
		return nil, nil, fmt.Errorf("lambda.handler: %q is not a built-in handler (%s)", h, strings.Join(lambda.HandlerNames(), ", "))
	}
	req, err := routeRequest(sc)
	if err != nil {
		return nil, nil, err
	}
	return sc, req, nil
}

// Run simulates the call a decoded scenario describes. It never fails: whatever API
// Gateway would answer, 5xx included, is a trace. A scenario that did not come from
// DecodeScenario is defaulted and checked here too, and an invalid one gets a trace whose
// diagnostic says why.
func Run(sc *scenario.Scenario) *scenario.Trace {
	sc.ApplyDefaults()
	req, err := checked(sc)
	if err != nil {
		// No call happened: status 0, empty maps (not null) for clients that iterate them.
		return &scenario.Trace{
			Response:    scenario.Response{Headers: map[string]string{}, MultiValueHeaders: map[string][]string{}},
			Log:         []string{},
			Diagnostics: []scenario.Diagnostic{{Stage: "request", Message: err.Error()}},
		}
	}
	return run(sc, req)
}

// run simulates a defaulted, checked scenario routed to req.
func run(sc *scenario.Scenario, req *route.Request) *scenario.Trace {
	rc := requestctx.New(sc, req)
	var tr *scenario.Trace
	switch sc.Integration.Type {
	case scenario.TypeAWS, scenario.TypeMock:
		tr = custom.Run(sc, req, rc)
	default:
		tr = proxy.Run(sc, req, rc)
	}
	if req.Method == "HEAD" {
		// HTTP sends no body in answer to HEAD, whatever the integration produced (the log
		// still shows it); the client receives the status and headers only.
		tr.Response.Body, tr.Response.IsBase64Encoded = "", false
	}
	return tr
}

// routeRequest is route.New, held in a variable so that a test can count the calls:
// routing copies and base64-decodes the body, so a simulation must do it once.
var routeRequest = route.New

// checked validates a defaulted scenario and routes it.
func checked(sc *scenario.Scenario) (*route.Request, error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	return routeRequest(sc)
}
