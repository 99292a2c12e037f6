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

// freshEnv is what one new request brings, matching the oracle's bench loop: the params,
// context and stage-variable maps are decoded once and shared (the oracle reuses its parsed
// case too), while $input, and with it the parsed body, is new per render. (The oracle's
// $input.path parses the body text on every call; a render here parses it once.)
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
