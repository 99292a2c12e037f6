package sim_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/apigw-playground/playground/sim/internal/conformtest"
	"github.com/apigw-playground/playground/sim/scenario"
)

// The snapshot conformance cases (testdata/conformance/snapshots) are the AWS recordings
// in shared/reference/localstack-snapshots that aws-vectors.jsonl does not already turn
// into vectors: response header sets, MOCK passthrough behaviours, header remapping on
// both Lambda integrations, stage variables, and the like. Each file holds one scenario
// and the fields AWS recorded (or asserted) for it; README.md beside them describes the
// format and what was deliberately left out.

const snapshotCaseDir = "../testdata/conformance/snapshots"

// snapshotCase is one file of snapshotCaseDir.
type snapshotCase struct {
	conformtest.Head
	Source []caseSource   `json:"source"`
	Notes  string         `json:"notes"`
	Expect snapshotExpect `json:"expect"`
	// ExpectedFailure marks a recording the simulator does not reproduce yet, with the
	// owner of the fix (a request in notes/requests.md). The case still runs: it is
	// skipped with its differences while it fails, and fails once it passes, so the
	// marker cannot outlive the bug.
	ExpectedFailure *struct {
		Owner  string `json:"owner"`
		Reason string `json:"reason"`
	} `json:"expectedFailure,omitempty"`
}

// caseSource names the recording a case comes from: a snapshot key, or for tests that only
// assert, the validation file that dates the last run against AWS.
type caseSource struct {
	Snapshot   string `json:"snapshot,omitempty"`
	Validation string `json:"validation,omitempty"`
	Test       string `json:"test"`
	Key        string `json:"key"`
	Recorded   string `json:"recorded"`
}

// snapshotExpect holds what AWS answered; every field left out is not checked. Values
// written as the recording tool's redactions (<host:1>) match any value but an empty one.
type snapshotExpect struct {
	Status int `json:"status"`
	// Body is the exact response body; BodyJSON the body compared as JSON.
	Body     *string         `json:"body"`
	BodyJSON json.RawMessage `json:"bodyJSON"`
	// Headers is the complete set of response headers, names compared case-insensitively,
	// less the transport headers the trace does not model (transportHeaders).
	Headers map[string]string `json:"headers"`
	// HeadersMatch: header → regular expression its value must match;
	// HeadersExclude: header → text its value must not contain.
	HeadersMatch   map[string]string `json:"headersMatch"`
	HeadersExclude map[string]string `json:"headersExclude"`
	// PayloadJSON is what the function received (custom integrations: the rendered
	// request template); EventHeaders and EventBody are a proxy event's headers (complete
	// set) and body.
	PayloadJSON  json.RawMessage   `json:"payloadJSON"`
	EventHeaders map[string]string `json:"eventHeaders"`
	EventBody    json.RawMessage   `json:"eventBody"`
	// LambdaCalled false: API Gateway answered without invoking the function.
	LambdaCalled *bool `json:"lambdaCalled"`
}

// loadSnapshotCases loads the cases, each of which must name its recording.
func loadSnapshotCases(t *testing.T) []snapshotCase {
	t.Helper()
	cases := conformtest.Load[snapshotCase](t, snapshotCaseDir)
	for _, c := range cases {
		if len(c.Source) == 0 {
			t.Fatalf("%s: no source", c.ID)
		}
	}
	return cases
}

func TestSnapshotConformance(t *testing.T) {
	conformtest.Run(t, loadSnapshotCases(t), func(t *testing.T, c snapshotCase, tr *scenario.Trace) {
		diffs := snapshotDiffs(tr, c.Expect)
		switch {
		case c.ExpectedFailure == nil:
			for _, d := range diffs {
				t.Error(d)
			}
		case len(diffs) > 0:
			t.Skipf("EXPECTED FAILURE (fix owned by %s: %s):\n%s",
				c.ExpectedFailure.Owner, c.ExpectedFailure.Reason, strings.Join(diffs, "\n"))
		default:
			t.Errorf("marked as an expected failure (%s) but matches AWS now: remove expectedFailure", c.ExpectedFailure.Reason)
		}
	})
}

// snapshotDiffs lists every way tr differs from what AWS recorded.
func snapshotDiffs(tr *scenario.Trace, want snapshotExpect) []string {
	r := tr.Response
	var diffs []string
	if want.Status != 0 && r.StatusCode != want.Status {
		diffs = append(diffs, fmt.Sprintf("status %d, want %d (diagnostics %+v)", r.StatusCode, want.Status, tr.Diagnostics))
	}
	if want.Body != nil && r.Body != *want.Body {
		diffs = append(diffs, fmt.Sprintf("body %q, want %q", clip(r.Body), *want.Body))
	}
	if want.BodyJSON != nil {
		diffs = append(diffs, jsonDiffs("body", want.BodyJSON, r.Body)...)
	}
	got := lowerCaseKeys(r.Headers)
	if want.Headers != nil {
		diffs = append(diffs, headerSetDiffs("response header", want.Headers, got)...)
	}
	for name, pattern := range want.HeadersMatch {
		if v, ok := got[strings.ToLower(name)]; !ok || !regexp.MustCompile(pattern).MatchString(v) {
			diffs = append(diffs, fmt.Sprintf("response header %s = %q, want a match of %s", name, v, pattern))
		}
	}
	for name, text := range want.HeadersExclude {
		if v := got[strings.ToLower(name)]; strings.Contains(v, text) {
			diffs = append(diffs, fmt.Sprintf("response header %s = %q, must not contain %q", name, v, text))
		}
	}
	if want.LambdaCalled != nil && (tr.LambdaResult != nil) != *want.LambdaCalled {
		diffs = append(diffs, fmt.Sprintf("function invoked: %v, want %v", tr.LambdaResult != nil, *want.LambdaCalled))
	}
	if want.PayloadJSON == nil && want.EventHeaders == nil && want.EventBody == nil {
		return diffs
	}
	if tr.Payload == nil {
		return append(diffs, "the function was not invoked, want a payload")
	}
	if want.PayloadJSON != nil {
		diffs = append(diffs, jsonDiffs("payload", want.PayloadJSON, *tr.Payload)...)
	}
	var event struct {
		Headers map[string]string `json:"headers"`
		Body    any               `json:"body"`
	}
	if want.EventHeaders != nil || want.EventBody != nil {
		if err := json.Unmarshal([]byte(*tr.Payload), &event); err != nil {
			return append(diffs, "payload is not a proxy event: "+err.Error())
		}
	}
	if want.EventHeaders != nil {
		diffs = append(diffs, headerSetDiffs("event header", want.EventHeaders, lowerCaseKeys(event.Headers))...)
	}
	if want.EventBody != nil {
		var exp any
		_ = json.Unmarshal(want.EventBody, &exp) // it came from a decoded case
		diffs = append(diffs, compare("event.body", exp, event.Body)...)
	}
	return diffs
}

// jsonDiffs compares text, which must be JSON, with the recorded JSON value.
func jsonDiffs(what string, want json.RawMessage, text string) []string {
	var exp, got any
	_ = json.Unmarshal(want, &exp) // it came from a decoded case
	if err := json.Unmarshal([]byte(text), &got); err != nil {
		return []string{fmt.Sprintf("%s %q is not JSON, want %s", what, clip(text), want)}
	}
	return append(compare(what, exp, got), emptyWhereRedacted(what, exp, got)...)
}

// emptyWhereRedacted reports the values AWS had (the recording tool redacted them) but
// ours leaves empty: compare lets a redaction match anything, yet a redacted value was
// always a real one.
func emptyWhereRedacted(path string, want, got any) []string {
	switch w := want.(type) {
	case string:
		if placeholder.MatchString(w) && (got == nil || got == "") {
			return []string{fmt.Sprintf("%s: empty, want a value (AWS recorded %s)", path, w)}
		}
	case map[string]any:
		g, _ := got.(map[string]any)
		var diffs []string
		for _, k := range slices.Sorted(maps.Keys(w)) {
			if v, ok := g[k]; ok {
				diffs = append(diffs, emptyWhereRedacted(path+"."+k, w[k], v)...)
			}
		}
		return diffs
	case []any:
		g, _ := got.([]any)
		var diffs []string
		for i := range w {
			if i < len(g) {
				diffs = append(diffs, emptyWhereRedacted(fmt.Sprintf("%s[%d]", path, i), w[i], g[i])...)
			}
		}
		return diffs
	}
	return nil
}

// headerSetDiffs compares a complete recorded header set with ours (keys lower-cased),
// leaving out the transport headers neither side models alike.
func headerSetDiffs(what string, want, got map[string]string) []string {
	var diffs []string
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if containsFold(transportHeaders, name) {
			continue
		}
		v, ok := got[strings.ToLower(name)]
		switch {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("%s %s missing, want %q", what, name, want[name]))
		case placeholder.MatchString(want[name]) && v == "":
			diffs = append(diffs, fmt.Sprintf("%s %s empty, want a value (AWS recorded %s)", what, name, want[name]))
		case !placeholder.MatchString(want[name]) && v != want[name]:
			diffs = append(diffs, fmt.Sprintf("%s %s = %q, want %q", what, name, v, want[name]))
		}
	}
	recorded := lowerCaseKeys(want)
	for _, name := range slices.Sorted(maps.Keys(got)) {
		if _, ok := recorded[name]; !ok && !containsFold(transportHeaders, name) {
			diffs = append(diffs, fmt.Sprintf("%s %s = %q not sent by AWS", what, name, got[name]))
		}
	}
	return diffs
}

// clip shortens a long text for a failure message.
func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "..."
	}
	return s
}

func lowerCaseKeys(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[strings.ToLower(k)] = v
	}
	return out
}

// TestSnapshotConformanceAccountsForEveryRecording walks every recorded key of the shared
// snapshot files: each must be an aws-vectors.jsonl vector, a case here, or named in
// NOT-COVERED.md with the reason, so a recording cannot be forgotten silently.
func TestSnapshotConformanceAccountsForEveryRecording(t *testing.T) {
	ref := conformtest.ReferenceDir(t)
	accounted := map[string]bool{} // "file::test::key"
	for _, c := range loadSnapshotCases(t) {
		for _, s := range c.Source {
			if s.Snapshot != "" {
				accounted[s.Snapshot+"::"+s.Test+"::"+s.Key] = true
			}
		}
	}
	for _, v := range conformtest.Vectors(t) {
		if v.Source.Snapshot != "" {
			// Vector keys may name a nested value ("response-raw-body.empty-body"): the
			// recording is its first segment.
			key, _, _ := strings.Cut(v.Source.Key, ".")
			accounted[filepath.Base(v.Source.Snapshot)+"::"+v.Source.Test+"::"+key] = true
		}
	}
	notCovered := readNotCovered(t, filepath.Join(snapshotCaseDir, "NOT-COVERED.md"))
	patterns := make([]*regexp.Regexp, len(notCovered))
	used := make([]bool, len(notCovered))
	for i, n := range notCovered {
		patterns[i] = regexp.MustCompile(n.match)
	}
	files, _ := filepath.Glob(filepath.Join(ref, "localstack-snapshots", "*.snapshot.json"))
	for _, file := range files {
		var snapshot map[string]struct {
			Content map[string]json.RawMessage `json:"recorded-content"`
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &snapshot); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for node, test := range snapshot {
			_, name, _ := strings.Cut(node, ".py::")
			for key := range test.Content {
				id := filepath.Base(file) + "::" + name + "::" + key
				if accounted[id] {
					continue
				}
				found := false
				for i, p := range patterns {
					if p.MatchString(id) {
						found, used[i] = true, true
						break
					}
				}
				if !found {
					t.Errorf("recording %s is neither a vector, a case nor listed in NOT-COVERED.json", id)
				}
			}
		}
	}
	for i, u := range used {
		if !u {
			t.Errorf("NOT-COVERED.md %q matches no recording", notCovered[i].match)
		}
	}
}

type notCoveredRow struct{ match, reason string }

// notCoveredLine matches a table row of NOT-COVERED.md: | `pattern` | reason |. The
// pattern is a regular expression over "snapshot file::test::key".
var notCoveredLine = regexp.MustCompile("^\\| `([^`]+)` \\| (.+) \\|$")

// readNotCovered reads the recordings deliberately left out, with their reasons.
func readNotCovered(t *testing.T, path string) []notCoveredRow {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rows []notCoveredRow
	for _, line := range strings.Split(string(data), "\n") {
		if m := notCoveredLine.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
			rows = append(rows, notCoveredRow{match: m[1], reason: m[2]})
		}
	}
	if len(rows) == 0 {
		t.Fatalf("%s lists nothing", path)
	}
	return rows
}

// TestSnapshotDiffsFindsDifferences keeps the comparison honest: each kind of expectation
// reports a difference when the trace does not meet it, and none when it does.
func TestSnapshotDiffsFindsDifferences(t *testing.T) {
	payload := `{"headers":{"Host":"h","X":""},"body":null}`
	tr := &scenario.Trace{
		Payload: &payload,
		Response: scenario.NewResponse(200, [][2]string{
			{"Content-Type", "application/json"}, {"X-Amzn-Trace-Id", "Root=1-a;Parent=b"}, {"Date", "today"},
		}, `{"a":1}`, false),
	}
	body, wrongBody := `{"a":1}`, "nope"
	called := true
	tests := []struct {
		name   string
		expect snapshotExpect
		diffs  int
	}{
		{"all met", snapshotExpect{
			Status: 200, Body: &body, BodyJSON: json.RawMessage(`{"a":"<n:1>"}`),
			Headers:      map[string]string{"content-type": "application/json", "x-amzn-trace-id": "<trace:1>", "Via": "<via:1>"},
			HeadersMatch: map[string]string{"X-Amzn-Trace-Id": "^Root=1-a;"}, HeadersExclude: map[string]string{"X-Amzn-Trace-Id": "Parent=c"},
			EventHeaders: map[string]string{"host": "<host:1>", "X": ""}, EventBody: json.RawMessage(`null`),
		}, 0},
		{"status and body", snapshotExpect{Status: 500, Body: &wrongBody}, 2},
		{"missing and extra header", snapshotExpect{Headers: map[string]string{"Content-Type": "application/json", "X-Other": "1"}}, 2},
		{"redacted value left empty", snapshotExpect{EventHeaders: map[string]string{"Host": "h", "X": "<x:1>"}}, 1},
		{"header patterns", snapshotExpect{HeadersMatch: map[string]string{"X-Amzn-Trace-Id": "^Root=2"}, HeadersExclude: map[string]string{"X-Amzn-Trace-Id": "Parent=b"}}, 2},
		{"function call", snapshotExpect{LambdaCalled: new(bool)}, 0},
		{"function call expected", snapshotExpect{LambdaCalled: &called}, 1},
		{"payload", snapshotExpect{PayloadJSON: json.RawMessage(`{"headers":{"Host":"h","X":""},"body":"x"}`)}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := snapshotDiffs(tr, tt.expect); len(got) != tt.diffs {
				t.Errorf("%d differences %q, want %d", len(got), got, tt.diffs)
			}
		})
	}
}
