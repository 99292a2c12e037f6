package mapping

import (
	"os"
	"testing"

	"github.com/apigw-playground/playground/sim/vtl"
)

const referenceCasePath = "../../../shared/bench/reference-case.json"

// referenceCase loads the shared performance case (the oracle measures the same file with
// `vtl-oracle/run --bench`).
func referenceCase(b *testing.B) (string, *Env) {
	data, err := os.ReadFile(referenceCasePath)
	if err != nil {
		b.Skipf("reference case not found at %s (it lives in ../shared beside the project): %v", referenceCasePath, err)
	}
	template, env, err := DecodeOracleCase(data)
	if err != nil {
		b.Fatal(err)
	}
	return template, env
}

// freshEnv is what one request brings: the same inputs, nothing parsed or built yet, as the
// oracle builds a new context per render.
func freshEnv(base *Env) *Env {
	return &Env{Body: base.Body, Params: base.Params, Context: base.Context, StageVariables: base.StageVariables, params: base.params}
}

// BenchmarkReferenceParseRender parses the template and renders it, body parse included.
func BenchmarkReferenceParseRender(b *testing.B) {
	template, base := referenceCase(b)
	b.ReportAllocs()
	for b.Loop() {
		t, err := vtl.Parse(template)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := RenderTemplate(t, freshEnv(base)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReferenceRender renders the pre-parsed template, body parse included.
func BenchmarkReferenceRender(b *testing.B) {
	template, base := referenceCase(b)
	t, err := vtl.Parse(template)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := RenderTemplate(t, freshEnv(base)); err != nil {
			b.Fatal(err)
		}
	}
}
