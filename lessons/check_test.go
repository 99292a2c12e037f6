package lessons

import (
	"encoding/json"
	"testing"

	"github.com/apigw-playground/playground/sim/scenario"
)

func strPtr(s string) *string { return &s }

// checkTrace is a trace with something at every path the check cases look at.
func checkTrace() *scenario.Trace {
	return &scenario.Trace{
		Payload: strPtr(`{"petId": "7", "tags": ["a", "b"], "owner": {"name": "Ada"}, "none": null}`),
		IntegrationResponse: &scenario.SelectedResponse{
			SelectionPattern: ".*Not found.*", StatusCode: "404",
		},
		Response: scenario.Response{
			StatusCode:        404,
			Headers:           map[string]string{"Content-Type": "application/json", "X-Reason": "missing"},
			MultiValueHeaders: map[string][]string{"Set-Cookie": {"a=1", "b=2"}},
			Body:              `{"message": "Not found: pet 7"}`,
		},
		Log: []string{"Starting execution for request: 1", "Method completed with status: 404"},
	}
}

// checkCases is shared by the Go test and the checks.js parity test.
var checkCases = []struct {
	name      string
	assertion string
	pass      bool
	message   string
}{
	{"status equals", `{"at":"response.statusCode","equals":404}`, true, `response.statusCode is 404`},
	{"status differs", `{"at":"response.statusCode","equals":200}`, false, `response.statusCode is 404, expected 200`},
	{"string is not number", `{"at":"integrationResponse.statusCode","equals":404}`, false, `integrationResponse.statusCode is "404", expected 404`},
	{"string status", `{"at":"integrationResponse.statusCode","equals":"404"}`, true, `integrationResponse.statusCode is "404"`},
	{"body contains", `{"at":"response.body","contains":"Not found"}`, true, `response.body contains "Not found"`},
	{"body lacks", `{"at":"response.body","contains":"Gone"}`, false, `response.body does not contain "Gone"; it is "{\"message\": \"Not found: pet 7\"}"`},
	{"not contains", `{"at":"response.body","notContains":"stack"}`, true, `response.body does not contain "stack"`},
	{"not contains fails", `{"at":"response.body","notContains":"pet"}`, false, `response.body contains "pet", expected it not to`},
	{"header any case", `{"at":"response.headers.x-reason","equals":"missing"}`, true, `response.headers.x-reason is "missing"`},
	{"header present", `{"at":"response.headers.Content-Type","present":true}`, true, `response.headers.Content-Type is present`},
	{"header absent", `{"at":"response.headers.X-Other","present":false}`, true, `response.headers.X-Other is absent`},
	{"header missing", `{"at":"response.headers.X-Other","present":true}`, false, `response.headers.X-Other is absent, expected it to be present`},
	{"multi-value list", `{"at":"response.multiValueHeaders.Set-Cookie","equals":["a=1","b=2"]}`, true, `response.multiValueHeaders.Set-Cookie is ["a=1","b=2"]`},
	{"log contains", `{"at":"log","contains":"status: 404"}`, true, `log contains "status: 404"`},
	{"json path", `{"at":"payload","json":"$.petId","equals":"7"}`, true, `payload $.petId is "7"`},
	{"json nested", `{"at":"payload","json":"$.owner.name","equals":"Ada"}`, true, `payload $.owner.name is "Ada"`},
	{"json index", `{"at":"payload","json":"$.tags[1]","equals":"b"}`, true, `payload $.tags[1] is "b"`},
	{"json list", `{"at":"payload","json":"$.tags","equals":["a","b"]}`, true, `payload $.tags is ["a","b"]`},
	{"json object", `{"at":"payload","json":"$.owner","equals":{"name":"Ada"}}`, true, `payload $.owner is {"name":"Ada"}`},
	{"json null is absent", `{"at":"payload","json":"$.none","present":false}`, true, `payload $.none is absent`},
	{"json missing", `{"at":"payload","json":"$.nope","equals":1}`, false, `payload $.nope is absent, expected 1`},
	{"json of non-json", `{"at":"log","json":"$","present":true}`, false, `log is not text, so it cannot be read as JSON`},
	{"json invalid", `{"at":"response.headers.X-Reason","json":"$","present":true}`, false, `response.headers.X-Reason is not valid JSON`},
	{"json whole", `{"at":"response.body","json":"$","equals":{"message":"Not found: pet 7"}}`, true, `response.body $ is {"message":"Not found: pet 7"}`},
	{"null trace field", `{"at":"lambdaResult","present":false}`, true, `lambdaResult is absent`},
	{"absent contains", `{"at":"lambdaResult","contains":"x"}`, false, `lambdaResult is absent, expected it to contain "x"`},
	{"absent not contains", `{"at":"lambdaResult","notContains":"x"}`, true, `lambdaResult does not contain "x"`},
	{"number contains", `{"at":"response.statusCode","contains":"4"}`, false, `response.statusCode is 404, which is not text`},
	{"long value shortened", `{"at":"payload","equals":"x"}`, false, `payload is "{\"petId\": \"7\", \"tags\": [\"a\", \"b\"], \"owner\": {\"…, expected "x"`},
	{"path into a string", `{"at":"response.body.message","present":false}`, true, `response.body.message is absent`},
}

func TestCheck(t *testing.T) {
	trace := checkTrace()
	for _, c := range checkCases {
		t.Run(c.name, func(t *testing.T) {
			var a Assertion
			if err := json.Unmarshal([]byte(c.assertion), &a); err != nil {
				t.Fatal(err)
			}
			if err := a.validate(); err != nil {
				t.Fatalf("validate: %v", err)
			}
			r := Check([]Assertion{a}, trace)[0]
			if r.Pass != c.pass || r.Message != c.message {
				t.Errorf("Check = %v %q; want %v %q", r.Pass, r.Message, c.pass, c.message)
			}
		})
	}
}

func TestCheckWithoutTrace(t *testing.T) {
	r := Check([]Assertion{{At: "response.statusCode", Present: new(bool)}}, nil)
	if r[0].Pass || r[0].Message != "the trace cannot be read: there is no trace" {
		t.Errorf("Check(nil trace) = %+v", r[0])
	}
}

func TestAssertionValidate(t *testing.T) {
	for _, c := range []struct{ assertion, err string }{
		{`{"equals":1}`, `a check needs "at", the path of the value it looks at`},
		{`{"at":"response..x","equals":1}`, `"response..x" is not a path like response.statusCode`},
		{`{"at":"payload","json":"name","equals":1}`, `"name" is not a JSON path like $.items[0].id`},
		{`{"at":"payload","json":"$.a[-1]","equals":1}`, `"$.a[-1]" is not a JSON path like $.items[0].id`},
		{`{"at":"payload","json":"$.a[x]","equals":1}`, `"$.a[x]" is not a JSON path like $.items[0].id`},
		{`{"at":"payload","json":"$..a","equals":1}`, `"$..a" is not a JSON path like $.items[0].id`},
		{`{"at":"payload"}`, `check on "payload" needs exactly one of equals, contains, notContains, present`},
		{`{"at":"payload","contains":"a","present":true}`, `check on "payload" needs exactly one of equals, contains, notContains, present`},
	} {
		t.Run(c.assertion, func(t *testing.T) {
			var a Assertion
			if err := json.Unmarshal([]byte(c.assertion), &a); err != nil {
				t.Fatal(err)
			}
			err := a.validate()
			if err == nil || err.Error() != c.err {
				t.Errorf("validate() = %v; want %s", err, c.err)
			}
		})
	}
}

// BenchmarkCheck measures evaluating an exercise's checks against one trace, which the
// server does when it verifies a learner's scenario.
func BenchmarkCheck(b *testing.B) {
	trace := checkTrace()
	var assertions []Assertion
	for _, c := range checkCases {
		var a Assertion
		if err := json.Unmarshal([]byte(c.assertion), &a); err != nil {
			b.Fatal(err)
		}
		assertions = append(assertions, a)
	}
	for b.Loop() {
		Check(assertions, trace)
	}
}
