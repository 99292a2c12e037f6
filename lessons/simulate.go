package lessons

import (
	"fmt"

	"github.com/apigw-playground/playground/sim"
	"github.com/apigw-playground/playground/sim/scenario"
)

// decodeScenario reads a scenario the way every other entry point of the product does, so
// that a lesson's scenario runs unchanged in the playground, the CLI and the HTTP API.
func decodeScenario(data []byte) (sc *scenario.Scenario, err error) {
	defer func() {
		if r := recover(); r != nil {
			sc, err = nil, fmt.Errorf("the simulator failed to read this scenario: %v", r)
		}
	}()
	return sim.DecodeScenario(data)
}

// runScenario runs a decoded scenario. A lesson is rendered when it loads, so a panic in
// the simulator must not take the whole server down: it becomes an error shown in the page
// in place of the result.
func runScenario(sc *scenario.Scenario) (tr *scenario.Trace, err error) {
	defer func() {
		if r := recover(); r != nil {
			tr, err = nil, fmt.Errorf("the simulator failed on this scenario: %v", r)
		}
	}()
	tr = sim.Run(sc)
	if tr == nil {
		return nil, fmt.Errorf("the simulator returned no trace")
	}
	return tr, nil
}
