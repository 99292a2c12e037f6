package web

import "github.com/apigw-playground/playground/sim"

// simulateScenario is the default Simulator: sim.Simulate, as the CLI runs it, so the page,
// the API and `playground simulate` answer alike.
func simulateScenario(data []byte) ([]byte, error) {
	tr, err := sim.Simulate(data)
	if err != nil {
		return nil, err
	}
	return sim.TraceJSON(tr), nil
}
