package scenario

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestIntegrationDecodesAnyCase(t *testing.T) {
	// As an OpenAPI export or a CloudFormation template writes it.
	doc := `{
		"Type": "AWS", "HttpMethod": "post", "PassthroughBehavior": "when_no_templates",
		"uri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn/invocations",
		"credentials": "arn:aws:iam::123456789012:role/x", "cacheKeyParameters": [], "cacheNamespace": "abc",
		"TimeoutInMillis": "1000", "contentHandling": "convert_to_text",
		"requestParameters": {"integration.request.header.b": "'2'", "integration.request.header.a": "'1'"},
		"RequestTemplates": {"application/json": "{}"},
		"Responses": {
			"default": {"StatusCode": 200, "responseTemplates": {"application/json": "$input.body"}},
			".*four hundred.*": {"statusCode": "405", "ResponseParameters": {"method.response.header.X": "'x'"}}
		}
	}`
	var in Integration
	if err := json.Unmarshal([]byte(doc), &in); err != nil {
		t.Fatal(err)
	}
	if in.Type != "aws" || in.HTTPMethod != "POST" || in.PassthroughBehavior != "WHEN_NO_TEMPLATES" ||
		in.TimeoutInMillis != 1000 || in.ContentHandling != "CONVERT_TO_TEXT" || in.RequestTemplates["application/json"] != "{}" {
		t.Errorf("decoded %+v", in)
	}
	if len(in.RequestParameters) != 2 || in.RequestParameters[0].Name != "integration.request.header.b" {
		t.Errorf("request parameters lost their order: %+v", in.RequestParameters)
	}
	if len(in.Responses) != 2 || !in.Responses[0].IsDefault() || in.Responses[0].StatusCode != "200" ||
		in.Responses[1].SelectionPattern != ".*four hundred.*" || in.Responses[1].ResponseParameters[0].Value != "'x'" {
		t.Errorf("responses %+v", in.Responses)
	}
	// It writes back as the same contract.
	out, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var again Integration
	if err := json.Unmarshal(out, &again); err != nil {
		t.Fatalf("round trip: %v\n%s", err, out)
	}
	if again.Responses[1].SelectionPattern != ".*four hundred.*" || again.RequestParameters[1].Name != "integration.request.header.a" {
		t.Errorf("round trip lost data: %s", out)
	}
}

func TestIntegrationErrorsNameTheField(t *testing.T) {
	tests := []struct{ doc, want string }{
		{`{"type":"lambda"}`, `integration.type: "lambda" is not one of`},
		{`{"passthroughBehaviour":"NEVER"}`, `integration.passthroughBehaviour: unknown field`},
		{`{"passthroughBehavior":"SOMETIMES"}`, `integration.passthroughBehavior: "SOMETIMES" is not one of`},
		{`{"contentHandling":1}`, `integration.contentHandling: must be a string`},
		{`{"timeoutInMillis":10}`, `integration.timeoutInMillis: must be a whole number of milliseconds, at least 50`},
		{`{"responses":{"default":{}}}`, `integration.responses: "default": statusCode: missing`},
		{`{"responses":{"default":{"statusCode":"20"}}}`, `is not an HTTP status`},
		{`{"responses":{"x":{"statusCode":"200","selectionPattern":"x"}}}`, `"x": selectionPattern: unknown field`},
		{`{"requestParameters":{"integration.request.header.x":1}}`, `integration.requestParameters: integration.request.header.x: must be a string`},
		{`{"type":"aws","type":"mock"}`, `type: given twice`},
		{`[]`, `integration: must be a JSON object`},
	}
	for _, tt := range tests {
		var in Integration
		err := json.Unmarshal([]byte(tt.doc), &in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err %v, want %q", tt.doc, err, tt.want)
		}
	}
}

func TestResponsesOrdered(t *testing.T) {
	rs := IntegrationResponses{
		{SelectionPattern: ".+", StatusCode: "502"},
		{SelectionPattern: "default", StatusCode: "200"},
		{SelectionPattern: ".*four hundred.*", StatusCode: "405"},
		{SelectionPattern: "a", StatusCode: "405"},
	}
	var got []string
	for _, r := range rs.Ordered() {
		got = append(got, r.StatusCode+" "+r.SelectionPattern)
	}
	want := "200 default,405 .*four hundred.*,405 a,502 .+"
	if strings.Join(got, ",") != want {
		t.Errorf("order %v, want %s", got, want)
	}
}

func TestMethodResponseForms(t *testing.T) {
	var m map[string]MethodResponse
	doc := `{"200":{"responseParameters":{"method.response.header.A":true}},"400":{"description":"x","headers":{"B":{"schema":{"type":"string"}}}}}`
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatal(err)
	}
	if _, ok := m["200"].ResponseParameters["method.response.header.A"]; !ok {
		t.Errorf("API form: %+v", m["200"])
	}
	if _, ok := m["400"].ResponseParameters["method.response.header.B"]; !ok {
		t.Errorf("OpenAPI form: %+v", m["400"])
	}
}

func FuzzIntegrationJSON(f *testing.F) {
	f.Add(`{"type":"aws","responses":{"default":{"statusCode":"200"}}}`)
	f.Add(`{"Type":"MOCK","requestParameters":{"a":"b"},"timeoutInMillis":"29000"}`)
	f.Add(`{"responses":{".*":{"statusCode":500,"responseParameters":null}}}`)
	f.Fuzz(func(t *testing.T, doc string) {
		var in Integration
		if json.Unmarshal([]byte(doc), &in) != nil {
			return
		}
		out, err := json.Marshal(in)
		if err != nil {
			t.Fatalf("decoded integration does not encode: %v", err)
		}
		var again Integration
		if err := json.Unmarshal(out, &again); err != nil {
			t.Fatalf("re-decoding %s: %v", out, err)
		}
	})
}

func TestIntegrationNull(t *testing.T) {
	var sc struct {
		Integration     Integration               `json:"integration"`
		MethodResponses map[string]MethodResponse `json:"methodResponses"`
	}
	if err := json.Unmarshal([]byte(`{"integration":null,"methodResponses":{"200":null}}`), &sc); err != nil {
		t.Fatal(err)
	}
}
