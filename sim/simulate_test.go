package sim

import (
	"testing"

	"github.com/apigw-playground/playground/sim/route"
	"github.com/apigw-playground/playground/sim/scenario"
)

// TestSimulateRoutesOnce counts the calls to the router: Simulate routes a document once,
// where DecodeScenario followed by Run routes it twice (Run must check a scenario it is
// handed). Every front end uses Simulate, so a keystroke in the page pays for one.
func TestSimulateRoutesOnce(t *testing.T) {
	calls := 0
	routeRequest = func(sc *scenario.Scenario) (*route.Request, error) {
		calls++
		return route.New(sc)
	}
	t.Cleanup(func() { routeRequest = route.New })

	doc := []byte(`{"request": {"method": "POST", "path": "/pets/42", "body": "eyJhIjoxfQ==", "isBase64Encoded": true},
		"api": {"resource": "/pets/{petId}"}, "lambda": {"handler": "proxy-echo"}}`)
	if _, err := Simulate(doc); err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("Simulate routed %d times, want 1", calls)
	}

	calls = 0
	sc, err := DecodeScenario(doc)
	if err != nil {
		t.Fatal(err)
	}
	Run(sc)
	if calls != 2 {
		t.Errorf("DecodeScenario then Run routed %d times, want 2 (one each)", calls)
	}
}
