package requestctx

import (
	"testing"

	"github.com/apigw-playground/playground/sim/route"
	"github.com/apigw-playground/playground/sim/scenario"
)

func TestNew(t *testing.T) {
	req := &route.Request{Method: "GET", Stage: "dev", ContextPath: "/dev/x", Resource: "/{proxy+}",
		Headers: scenario.Headers{{Name: "user-agent", Values: []string{"curl/8"}}}}
	rc := New(&scenario.Scenario{}, req)
	if rc.RequestID != DefaultRequestID || rc.RequestTime != "14/Nov/2023:22:13:20 +0000" || rc.RequestTimeEpoch != DefaultRequestTimeEpoch {
		t.Errorf("id/time %q %q %d", rc.RequestID, rc.RequestTime, rc.RequestTimeEpoch)
	}
	if rc.DomainName != "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com" || rc.DomainPrefix != "a1b2c3d4e5" {
		t.Errorf("domain %q %q", rc.DomainName, rc.DomainPrefix)
	}
	if rc.Identity.SourceIP != DefaultSourceIP || rc.Identity.UserAgent != "curl/8" {
		t.Errorf("identity %+v", rc.Identity)
	}
	if rc.TraceID != "Root=1-6553f100-c0ffee000000400080000000" {
		t.Errorf("trace id %q", rc.TraceID)
	}
	if rc.FunctionARN != "arn:aws:lambda:us-east-1:123456789012:function:playground" {
		t.Errorf("function %q", rc.FunctionARN)
	}

	sc := &scenario.Scenario{Context: scenario.Context{RequestID: "r", RequestTimeEpoch: 1, AccountID: "1", APIID: "api",
		DomainName: "api.example.com", Identity: scenario.ContextIdentity{SourceIP: "192.0.2.9", UserAgent: "ua", User: "bob"}}}
	req.Headers = scenario.Headers{{Name: "X-Amzn-Trace-Id", Values: []string{"Root=client;Parent=p;Sampled=1"}}}
	rc = New(sc, req)
	if rc.RequestID != "r" || rc.RequestTime != "01/Jan/1970:00:00:00 +0000" || rc.DomainPrefix != "api" ||
		rc.Identity.UserAgent != "ua" || rc.Identity.User != "bob" || rc.TraceID != "Root=client;Parent=p;Sampled=1" || rc.FunctionARN != "arn:aws:lambda:us-east-1:1:function:playground" {
		t.Errorf("overrides not applied: %+v", rc)
	}
	req.Headers = scenario.Headers{{Name: "x-amzn-trace-id", Values: []string{"Root=1-5f84c7a1-0123456789abcdef01234567"}}}
	if got := New(&scenario.Scenario{}, req).TraceID; got != "Root=1-5f84c7a1-0123456789abcdef01234567;Parent=0000400080000000;Sampled=0" {
		t.Errorf("bare Root: trace id %q", got)
	}
	if got := HTTPDate(DefaultRequestTimeEpoch); got != "Tue, 14 Nov 2023 22:13:20 GMT" {
		t.Errorf("HTTPDate = %q", got)
	}
}
