package custom_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/apigw-playground/playground/sim/internal/conformtest"
	"github.com/apigw-playground/playground/sim/scenario"
)

// vectorCase is one AWS-recorded vector turned into a scenario with what AWS answered.
type vectorCase struct {
	conformtest.Head
	Source string `json:"source"`
	Notes  string `json:"notes"`
	Expect struct {
		Status int `json:"status"`
		// Body is compared byte for byte, BodyJSON as JSON (AWS's snapshots parsed it).
		Body           *string           `json:"body"`
		BodyJSON       any               `json:"bodyJSON"`
		IgnoreBodyKeys []string          `json:"ignoreBodyKeys"`
		PayloadJSON    any               `json:"payloadJSON"`
		NoLambdaCall   bool              `json:"noLambdaCall"`
		Headers        map[string]string `json:"headers"`
		// Log lines without timestamps; <...> is a redaction that matches anything.
		Log []string `json:"log"`
	} `json:"expect"`
}

const conformanceDir = "../../testdata/conformance/custom"

// TestConformance runs every AWS-recorded vector of this path through the whole simulator
// (sim.DecodeScenario, sim.Run) and compares with what AWS answered.
func TestConformance(t *testing.T) {
	conformtest.Run(t, conformtest.Load[vectorCase](t, conformanceDir), func(t *testing.T, c vectorCase, tr *scenario.Trace) {
		e := c.Expect
		context := func() string {
			return "\nsource: " + c.Source + "\ndiagnostics: " + jsonText(tr.Diagnostics) + "\nlog:\n  " + strings.Join(tr.Log, "\n  ")
		}
		if tr.Response.StatusCode != e.Status {
			t.Errorf("status %d, want %d%s", tr.Response.StatusCode, e.Status, context())
		}
		if e.Body != nil && tr.Response.Body != *e.Body {
			t.Errorf("body %q, want %q%s", tr.Response.Body, *e.Body, context())
		}
		if e.BodyJSON != nil {
			var got any
			if err := json.Unmarshal([]byte(tr.Response.Body), &got); err != nil {
				t.Errorf("body %q is not JSON: %v%s", tr.Response.Body, err, context())
			} else if m, ok := got.(map[string]any); ok {
				for _, k := range e.IgnoreBodyKeys {
					delete(m, k)
				}
			}
			want := e.BodyJSON
			if m, ok := want.(map[string]any); ok {
				for _, k := range e.IgnoreBodyKeys {
					delete(m, k)
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("body %s, want %s%s", tr.Response.Body, jsonText(want), context())
			}
		}
		switch {
		case e.NoLambdaCall && tr.Payload != nil:
			t.Errorf("the function was called with %q; AWS never calls it here", *tr.Payload)
		case e.PayloadJSON != nil:
			var got any
			if tr.Payload == nil || json.Unmarshal([]byte(*tr.Payload), &got) != nil || !reflect.DeepEqual(got, e.PayloadJSON) {
				t.Errorf("payload %v, want %s%s", tr.Payload, jsonText(e.PayloadJSON), context())
			}
		}
		for k, v := range e.Headers {
			if got, ok := tr.Response.Headers[k]; !ok || got != v {
				t.Errorf("header %s = %q, want %q (all: %v)", k, got, v, tr.Response.Headers)
			}
		}
		if e.Log != nil {
			compareLog(t, tr.Log, e.Log)
		}
	})
}

// redaction matches the placeholders AWS snapshots put where values vary.
var redaction = regexp.MustCompile(`<[^<>]+>|Day, dd MMM yyyy hh:mm:ss GMT|111111111111`)

func compareLog(t *testing.T, got, want []string) {
	t.Helper()
	for i := 0; i < len(got) || i < len(want); i++ {
		switch {
		case i >= len(got):
			t.Errorf("log line %d missing, want %q", i+1, want[i])
		case i >= len(want):
			t.Errorf("extra log line %d: %q", i+1, got[i])
		default:
			parts := redaction.Split(want[i], -1)
			for j := range parts {
				parts[j] = regexp.QuoteMeta(parts[j])
			}
			re := regexp.MustCompile(`^` + strings.Join(parts, `.+?`) + `$`)
			if !re.MatchString(got[i]) {
				t.Errorf("log line %d:\n  got:  %s\n  want: %s", i+1, got[i], want[i])
			}
		}
	}
}

// TestConformanceCoversVectors checks that every vector of this path is a case or is
// listed in SKIPPED.md, so a new recording cannot be forgotten.
func TestConformanceCoversVectors(t *testing.T) {
	skipped, err := os.ReadFile(filepath.Join(conformanceDir, "SKIPPED.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range conformtest.Vectors(t) {
		ours := v.Kind == "custom-integration" || strings.HasPrefix(v.ID, "mock-")
		if !ours {
			continue
		}
		if _, err := os.Stat(filepath.Join(conformanceDir, v.ID+".json")); err == nil {
			continue
		}
		listed := strings.Contains(string(skipped), v.ID)
		for _, prefix := range []string{"vtl-input-body-", "validator-"} {
			listed = listed || (strings.HasPrefix(v.ID, prefix) && strings.Contains(string(skipped), prefix+"*"))
		}
		if !listed {
			t.Errorf("vector %s is neither a case in %s nor listed in SKIPPED.md", v.ID, conformanceDir)
		}
	}
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
