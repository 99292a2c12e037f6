package conformance

import "testing"

func TestRecordedCaseCheck(t *testing.T) {
	s := func(v string) *string { return &v }
	tests := []struct {
		name string
		rc   RecordedCase
		got  Result
		ok   bool
	}{
		{"exact match", RecordedCase{Compare: "exact", ExpectedOutput: s("a b")}, OutputResult("", "a b"), true},
		{"exact keeps whitespace", RecordedCase{Compare: "exact", ExpectedOutput: s("a b")}, OutputResult("", "a  b"), false},
		{"json ignores spacing", RecordedCase{Compare: "json", ExpectedOutput: s(`{"a": 2}`)}, OutputResult("", `{"a":2}`), true},
		{"json compares values", RecordedCase{Compare: "json", ExpectedOutput: s(`{"a": 2}`)}, OutputResult("", `{"a":"2"}`), false},
		{"roundtrip empty is {}", RecordedCase{Compare: "json-roundtrip", ExpectedOutput: s(`{}`)}, OutputResult("", " \n"), true},
		{"roundtrip needs JSON", RecordedCase{Compare: "json-roundtrip", ExpectedOutput: s(`{}`)}, OutputResult("", "{x"), false},
		{"whitespace normalized", RecordedCase{Compare: "whitespace-normalized", ExpectedOutput: s("{ a , b }")}, OutputResult("", "\n {\n  a\n ,   b }\n"), true},
		{"error wants failure", RecordedCase{Compare: "error", ExpectedError: s("400")}, Result{Error: "payload"}, true},
		{"error rejects output", RecordedCase{Compare: "error", ExpectedError: s("400")}, OutputResult("", "x"), false},
		{"failure never matches output", RecordedCase{Compare: "exact", ExpectedOutput: s("")}, Result{Error: "boom"}, false},
		{"fields", RecordedCase{Compare: "fields", ExpectedFields: map[string]string{"R[0..1].K": "20"}},
			OutputResult("", `{"R": [{"K": "20"}, {"K": "20"}]}`), true},
		{"fields differ", RecordedCase{Compare: "fields", ExpectedFields: map[string]string{"R[0..1].K": "20"}},
			OutputResult("", `{"R": [{"K": "20"}, {"K": "$x"}]}`), false},
		{"fields missing element", RecordedCase{Compare: "fields", ExpectedFields: map[string]string{"R[0..1].K": "20"}},
			OutputResult("", `{"R": [{"K": "20"}]}`), false},
		{"unknown mode", RecordedCase{Compare: "fuzzy", ExpectedOutput: s("")}, OutputResult("", ""), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if problem := tt.rc.Check(tt.got); (problem == "") != tt.ok {
				t.Errorf("Check = %q, want ok=%v", problem, tt.ok)
			}
		})
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := Generate(7, 50), Generate(7, 50)
	for i := range a {
		if a[i].Template != b[i].Template || a[i].Body != b[i].Body {
			t.Fatalf("case %d differs between two runs with the same seed", i)
		}
	}
	if c := Generate(8, 50); c[0].Template == a[0].Template && c[1].Template == a[1].Template {
		t.Error("different seeds gave the same cases")
	}
}
