package custom

import (
	"strings"
	"testing"

	"github.com/apigw-playground/playground/sim/scenario"
)

func TestSelectResponse(t *testing.T) {
	// The AWS-recorded set-up of test_lambda_selection_patterns.
	recorded := scenario.IntegrationResponses{
		{SelectionPattern: "", StatusCode: "200"},
		{SelectionPattern: ".*four hundred.*", StatusCode: "405"},
		{SelectionPattern: ".+", StatusCode: "502"},
		{SelectionPattern: "200", StatusCode: "504"},
	}
	tests := []struct {
		name      string
		responses scenario.IntegrationResponses
		subject   string
		want      string // status, or "error: <text>"
		reason    string
	}{
		{"success goes to the default", recorded, "", "200", "patterns are tried against the empty string"},
		{"first match in status order", recorded, "Error: Raising four hundred from within the Lambda function", "405", `".+" (502) matches too, but 405 comes first`},
		{"catch-all", recorded, "Error: Raising five hundred from within the Lambda function", "502", `".*four hundred.*" (405) does not match`},
		{"whole-string match", scenario.IntegrationResponses{{SelectionPattern: "Invalid*", StatusCode: "400"}, {SelectionPattern: "default", StatusCode: "200"}}, "Invalid input", "200", ""},
		{"dot stops at a newline", scenario.IntegrationResponses{{SelectionPattern: "bad.*", StatusCode: "400"}, {SelectionPattern: "default", StatusCode: "200"}}, "bad\nthing", "200", ""},
		{"Java syntax: lookahead and possessive", scenario.IntegrationResponses{{SelectionPattern: `(?=.*x)a*+x`, StatusCode: "400"}}, "aaax", "400", ""},
		{".* catches a success", scenario.IntegrationResponses{{SelectionPattern: ".*", StatusCode: "400"}, {SelectionPattern: "default", StatusCode: "200"}}, "", "400", ""},
		{"no match, no default", scenario.IntegrationResponses{{SelectionPattern: "x", StatusCode: "400"}}, "y", "error: No match for output mapping", ""},
		{"invalid pattern", scenario.IntegrationResponses{{SelectionPattern: "(", StatusCode: "400"}}, "y", "error: not a valid Java regular expression", ""},
		{"unbalanced pattern cannot escape the anchors", scenario.IntegrationResponses{{SelectionPattern: "x)|(y", StatusCode: "400"}}, "zy", "error: not a valid Java regular expression", ""},
		{"catastrophic pattern is stopped", scenario.IntegrationResponses{{SelectionPattern: "(a+)+b", StatusCode: "400"}}, strings.Repeat("a", 40), "error: took longer than", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sel, err := selectResponse(tt.responses, tt.subject, "errorMessage")
			if want, isErr := strings.CutPrefix(tt.want, "error: "); isErr {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Fatalf("err %v, want %q", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if sel.response.StatusCode != tt.want {
				t.Errorf("selected %s (%s), want %s", sel.response.StatusCode, sel.reason, tt.want)
			}
			if !strings.Contains(sel.reason, tt.reason) {
				t.Errorf("reason %q lacks %q", sel.reason, tt.reason)
			}
		})
	}
}

func FuzzSelectResponse(f *testing.F) {
	f.Add(".*four hundred.*", "Error: four hundred")
	f.Add(`(?<=a)b|\p{L}+`, "ab")
	f.Add("(a|aa)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaab")
	f.Fuzz(func(t *testing.T, pattern, subject string) {
		rs := scenario.IntegrationResponses{{SelectionPattern: pattern, StatusCode: "400"}, {SelectionPattern: "default", StatusCode: "200"}}
		sel, err := selectResponse(rs, subject, "errorMessage")
		if err == nil && sel.response == nil {
			t.Fatal("no error and nothing selected")
		}
	})
}

func FuzzMockStatus(f *testing.F) {
	for _, s := range []string{`{"statusCode": 200}`, `{"statusCode": "404"}`, ``, `{}`, `[1]`, `{"statusCode": 99}`, `{"statusCode": 2e2}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, payload string) {
		status, fail := mockStatus([]byte(payload))
		if fail == nil && (len(status) != 3 || status < "100" || status > "599") {
			t.Fatalf("status %q from %q", status, payload)
		}
	})
}
