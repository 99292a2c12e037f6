package web

import "github.com/apigw-playground/playground/sim"

// simulateScenario is the default Simulator: the same DecodeScenario and Run as the CLI,
// so the page, the API and `playground simulate` answer alike.
func simulateScenario(data []byte) ([]byte, error) {
	sc, err := sim.DecodeScenario(data)
	if err != nil {
		return nil, err
	}
	return sim.TraceJSON(sim.Run(sc)), nil
}
