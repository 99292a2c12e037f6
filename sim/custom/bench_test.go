package custom_test

import (
	"os"
	"testing"

	"github.com/apigw-playground/playground/sim"
	"github.com/apigw-playground/playground/sim/custom"
	"github.com/apigw-playground/playground/sim/requestctx"
	"github.com/apigw-playground/playground/sim/route"
)

// BenchmarkRun measures one custom-integration call end to end (routing done once):
// request template, echo Lambda, response template, Test log. The web page re-runs a
// scenario on every edit, so this is the latency a user feels.
func BenchmarkRun(b *testing.B) {
	for _, name := range []string{"custom-request-template", "custom-error-json-headers", "custom-mock"} {
		b.Run(name, func(b *testing.B) {
			data, err := os.ReadFile("../../testdata/golden/" + name + ".json")
			if err != nil {
				b.Fatal(err)
			}
			sc, err := sim.DecodeScenario(data)
			if err != nil {
				b.Fatal(err)
			}
			req, err := route.New(sc)
			if err != nil {
				b.Fatal(err)
			}
			rc := requestctx.New(sc, req)
			b.ReportAllocs()
			for b.Loop() {
				custom.Run(sc, req, rc)
			}
		})
	}
}
