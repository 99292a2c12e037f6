package web

import (
	"encoding/json"
	"testing"
)

// TestPresetsShowWhatTheySay runs every preset through the real simulator: each one is
// there to demonstrate one answer of API Gateway, and must keep giving it.
func TestPresetsShowWhatTheySay(t *testing.T) {
	presets, err := loadPresets()
	if err != nil {
		t.Fatal(err)
	}
	if len(presets) < 5 {
		t.Fatalf("only %d presets", len(presets))
	}
	for _, p := range presets {
		t.Run(p.Slug, func(t *testing.T) {
			out, err := simulateScenario(p.Scenario)
			if err != nil {
				t.Fatalf("the simulator refuses the preset: %v", err)
			}
			var trace struct {
				Response struct {
					StatusCode int `json:"statusCode"`
				} `json:"response"`
				Diagnostics []struct{ Stage, Message string } `json:"diagnostics"`
			}
			if err := json.Unmarshal(out, &trace); err != nil {
				t.Fatal(err)
			}
			if trace.Response.StatusCode != p.Expect.StatusCode {
				t.Errorf("status %d, want %d (diagnostics: %v)", trace.Response.StatusCode, p.Expect.StatusCode, trace.Diagnostics)
			}
		})
	}
}
