package sim_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/apigw-playground/playground/sim/internal/conformtest"
	"github.com/apigw-playground/playground/sim/scenario"
)

// conformanceCase is one AWS-recorded proxy vector (shared/reference/aws-vectors.jsonl)
// turned into a scenario plus what AWS answered.
type conformanceCase struct {
	conformtest.Head
	// Source and Notes say where the expectation comes from, for the reader.
	Source json.RawMessage `json:"source"`
	Notes  string          `json:"notes"`
	Expect struct {
		// proxy-event vectors: the event the function received.
		Event json.RawMessage `json:"event"`
		// proxy-response vectors: what the client received.
		Status         int               `json:"status"`
		Body           json.RawMessage   `json:"body"`
		Headers        map[string]string `json:"headers_as_seen_by_python_requests"`
		HeadersInclude map[string]string `json:"headers_include"`
		DecodedBinary  *bool             `json:"body_is_decoded_binary"`
		BodyIfText     *string           `json:"body_if_text"`
	} `json:"expect"`
}

// placeholder is a value the recording tool redacted (<host:1>, <uuid:11>, ...): it stands
// for a value AWS made up, so any value of ours matches it.
var placeholder = regexp.MustCompile(`^<[^<>]+>$`)

// transportHeaders are response headers added by CloudFront or the HTTP layer, which the
// trace does not model (docs/fidelity.md, "Proxy integration").
var transportHeaders = []string{
	"Connection", "Content-Length", "Date", "Via", "X-Amz-Cf-Id", "X-Amz-Cf-Pop", "X-Cache",
	"x-amz-apigw-id", "x-amzn-RequestId",
}

const proxyCaseDir = "../testdata/conformance/proxy"

func TestProxyConformance(t *testing.T) {
	conformtest.Run(t, conformtest.Load[conformanceCase](t, proxyCaseDir), func(t *testing.T, c conformanceCase, tr *scenario.Trace) {
		if c.Expect.Event != nil {
			checkEvent(t, tr, c.Expect.Event)
		} else {
			checkResponse(t, tr, c)
		}
	})
}

// TestProxyConformanceCoversEveryVector fails when a proxy vector in the shared reference
// has no conformance case, so a new recording cannot be forgotten.
func TestProxyConformanceCoversEveryVector(t *testing.T) {
	for _, v := range conformtest.Vectors(t) {
		if v.Kind != "proxy-event" && v.Kind != "proxy-response" {
			continue
		}
		if _, err := os.Stat(filepath.Join(proxyCaseDir, v.ID+".json")); err != nil {
			t.Errorf("vector %s has no conformance case", v.ID)
		}
	}
}

func checkEvent(t *testing.T, tr *scenario.Trace, want json.RawMessage) {
	t.Helper()
	if tr.Payload == nil {
		t.Fatalf("no payload; diagnostics %+v", tr.Diagnostics)
	}
	var got, exp any
	if err := json.Unmarshal([]byte(*tr.Payload), &got); err != nil {
		t.Fatalf("payload is not JSON: %v", err)
	}
	if err := json.Unmarshal(want, &exp); err != nil {
		t.Fatal(err)
	}
	for _, diff := range compare("event", exp, got) {
		t.Error(diff)
	}
	if tr.Response.StatusCode != 200 {
		t.Errorf("status %d, want 200 (proxy-echo)", tr.Response.StatusCode)
	}
}

func checkResponse(t *testing.T, tr *scenario.Trace, c conformanceCase) {
	t.Helper()
	r := tr.Response
	if r.StatusCode != c.Expect.Status {
		t.Errorf("status %d, want %d (diagnostics %+v)", r.StatusCode, c.Expect.Status, tr.Diagnostics)
	}
	if c.Expect.Body != nil {
		var wantText string
		if json.Unmarshal(c.Expect.Body, &wantText) == nil {
			if r.Body != wantText {
				t.Errorf("body %q, want %q", r.Body, wantText)
			}
		} else {
			var got, exp any
			errGot := json.Unmarshal([]byte(r.Body), &got)
			_ = json.Unmarshal(c.Expect.Body, &exp) // it came from JSON
			if errGot != nil || !reflect.DeepEqual(got, exp) {
				t.Errorf("body %s, want %s", r.Body, c.Expect.Body)
			}
		}
	}
	if c.Expect.DecodedBinary != nil && r.IsBase64Encoded != *c.Expect.DecodedBinary {
		t.Errorf("binary body %v, want %v", r.IsBase64Encoded, *c.Expect.DecodedBinary)
	}
	if c.Expect.BodyIfText != nil && r.Body != *c.Expect.BodyIfText {
		t.Errorf("body %q, want %q", r.Body, *c.Expect.BodyIfText)
	}
	for name, want := range c.Expect.HeadersInclude {
		if got := r.Headers[name]; got != want {
			t.Errorf("header %s = %q, want %q", name, got, want)
		}
	}
	if c.Expect.Headers == nil {
		return
	}
	for name, want := range c.Expect.Headers {
		if containsFold(transportHeaders, name) {
			continue
		}
		got, ok := r.Headers[name]
		if !ok {
			t.Errorf("header %s missing (have %v)", name, slices.Sorted(maps.Keys(r.Headers)))
		} else if !placeholder.MatchString(want) && got != want {
			t.Errorf("header %s = %q, want %q", name, got, want)
		}
	}
	for name := range r.Headers {
		if _, ok := c.Expect.Headers[name]; !ok {
			t.Errorf("header %s not sent by AWS", name)
		}
	}
}

// compare reports every difference between an AWS-recorded value and ours; a placeholder
// in the recording matches anything, and objects must have exactly the same keys.
func compare(path string, want, got any) []string {
	if s, ok := want.(string); ok && placeholder.MatchString(s) {
		return nil
	}
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{path + ": got " + jsonText(got) + ", want an object"}
		}
		var diffs []string
		for _, k := range slices.Sorted(maps.Keys(w)) {
			if _, ok := g[k]; !ok {
				diffs = append(diffs, path+"."+k+": missing, want "+jsonText(w[k]))
				continue
			}
			diffs = append(diffs, compare(path+"."+k, w[k], g[k])...)
		}
		for _, k := range slices.Sorted(maps.Keys(g)) {
			if _, ok := w[k]; !ok {
				diffs = append(diffs, path+"."+k+": not sent by AWS (got "+jsonText(g[k])+")")
			}
		}
		return diffs
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return []string{path + ": got " + jsonText(got) + ", want " + jsonText(want)}
		}
		var diffs []string
		for i := range w {
			diffs = append(diffs, compare(path+"["+jsonText(i)+"]", w[i], g[i])...)
		}
		return diffs
	default:
		if !reflect.DeepEqual(want, got) {
			return []string{path + ": got " + jsonText(got) + ", want " + jsonText(want)}
		}
		return nil
	}
}

func jsonText(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return strings.TrimSpace(b.String())
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// TestCompareFindsDifferences keeps the conformance comparison honest: a placeholder
// matches anything, but a changed, missing or extra value is reported.
func TestCompareFindsDifferences(t *testing.T) {
	want := map[string]any{"a": "<host:1>", "b": []any{"x"}, "c": nil}
	tests := []struct {
		got   map[string]any
		diffs int
	}{
		{map[string]any{"a": 42.0, "b": []any{"x"}, "c": nil}, 0},
		{map[string]any{"a": "h", "b": []any{"y"}, "c": nil}, 1},
		{map[string]any{"a": "h", "b": []any{"x"}}, 1},
		{map[string]any{"a": "h", "b": []any{"x"}, "c": nil, "d": 1.0}, 1},
		{map[string]any{"a": "h", "b": "x", "c": ""}, 2},
	}
	for i, tt := range tests {
		if got := compare("event", want, tt.got); len(got) != tt.diffs {
			t.Errorf("case %d: %d differences %q, want %d", i, len(got), got, tt.diffs)
		}
	}
}
