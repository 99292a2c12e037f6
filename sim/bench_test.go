package sim_test

import (
	"testing"

	"github.com/apigw-playground/playground/sim"
)

// benchScenario is a typical proxy call: a JSON body, a query string, repeated headers,
// the event echoed back. Every keystroke in the page runs one of these.
var benchScenario = []byte(`{
  "request": {
    "method": "POST",
    "path": "/pets/42?tag=a&tag=b",
    "headers": {"Content-Type": "application/json", "X-Trace": ["one", "two"], "User-Agent": "bench"},
    "body": "{\"name\": \"Rex\", \"tags\": [\"a\", \"b\"]}"
  },
  "api": {"resource": "/pets/{petId}", "stageVariables": {"alias": "live"}},
  "lambda": {"handler": "proxy-echo"}
}`)

func BenchmarkDecodeScenario(b *testing.B) {
	for b.Loop() {
		if _, err := sim.DecodeScenario(benchScenario); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRunProxy(b *testing.B) {
	sc, err := sim.DecodeScenario(benchScenario)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		sim.Run(sc)
	}
}
