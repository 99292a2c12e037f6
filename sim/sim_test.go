package sim_test

import (
	"strings"
	"testing"

	"github.com/apigw-playground/playground/sim"
	"github.com/apigw-playground/playground/sim/scenario"
)

// TestRunInvalidScenario: Run never fails, even on a scenario that did not come through
// DecodeScenario; the diagnostic says what is wrong.
func TestRunInvalidScenario(t *testing.T) {
	tr := sim.Run(&scenario.Scenario{Request: scenario.Request{Path: "/a/b"}, API: scenario.API{Resource: "/x"}})
	if tr.Response.StatusCode != 0 || len(tr.Diagnostics) != 1 || !strings.Contains(tr.Diagnostics[0].Message, "api.resource") {
		t.Fatalf("trace %+v", tr)
	}
}

func TestDecodeScenarioUnknownHandler(t *testing.T) {
	_, err := sim.DecodeScenario([]byte(`{"request": {}, "lambda": {"handler": "nope"}}`))
	if err == nil || !strings.Contains(err.Error(), `lambda.handler: "nope" is not a built-in handler (echo, proxy-echo)`) {
		t.Fatalf("error %v", err)
	}
}

// TestRunIsDeterministic: the same scenario gives the same bytes, run after run.
func TestRunIsDeterministic(t *testing.T) {
	sc, err := sim.DecodeScenario(benchScenario)
	if err != nil {
		t.Fatal(err)
	}
	first := string(sim.TraceJSON(sim.Run(sc)))
	for range 5 {
		if got := string(sim.TraceJSON(sim.Run(sc))); got != first {
			t.Fatal("two runs of one scenario differ")
		}
	}
}
