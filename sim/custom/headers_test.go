package custom

import (
	"strings"
	"testing"

	"github.com/apigw-playground/playground/sim/requestctx"
	"github.com/apigw-playground/playground/sim/route"
	"github.com/apigw-playground/playground/sim/scenario"
)

// TestResponseHeaderName pins the AWS recording of static method response header mappings
// for the 27 headers of test_apigateway_header_remapping_aws[AWS] (spec §2.2).
func TestResponseHeaderName(t *testing.T) {
	want := map[string]string{
		"Accept": "Accept", "Accept-Charset": "Accept-Charset", "Accept-Encoding": "Accept-Encoding",
		"Age": "Age", "Content-Encoding": "Content-Encoding", "Content-Type": "Content-Type",
		"Pragma": "Pragma", "Range": "Range", "Referer": "Referer", "TE": "TE", "Warn": "Warn",
		"Authorization": "x-amzn-Remapped-Authorization", "Connection": "x-amzn-Remapped-Connection",
		"Content-Length": "x-amzn-Remapped-Content-Length", "Content-MD5": "x-amzn-Remapped-Content-MD5",
		"Date": "x-amzn-Remapped-Date", "Expect": "x-amzn-Remapped-Expect", "Host": "x-amzn-Remapped-Host",
		"Max-Forwards": "x-amzn-Remapped-Max-Forwards", "Proxy-Authenticate": "x-amzn-Remapped-Proxy-Authenticate",
		"Server": "x-amzn-Remapped-Server", "Trailer": "x-amzn-Remapped-Trailer", "Upgrade": "x-amzn-Remapped-Upgrade",
		"User-Agent": "x-amzn-Remapped-User-Agent", "WWW-Authenticate": "x-amzn-Remapped-WWW-Authenticate",
		"Transfer-Encoding": "", "Via": "",
	}
	for name, out := range want {
		if got := responseHeaderName(name); got != out {
			t.Errorf("%s goes out as %q, want %q", name, got, out)
		}
	}
}

func TestHeaderList(t *testing.T) {
	var h headerList
	h.set("Content-Type", "a")
	h.set("X", "1")
	h.set("content-type", "b")
	if len(h) != 2 || h[0] != [2]string{"Content-Type", "b"} || h.index("x") != 1 || h.index("y") != -1 {
		t.Errorf("%v", h)
	}
	if p := h.pairs(); len(p) != 2 || p[1].Key != "X" || p[1].Value != "1" {
		t.Errorf("pairs %v", p)
	}
}

// TestInputParamsHeaders pins which request headers $input.params() shows (AWS-recorded,
// test_apigateway_header_remapping_aws[AWS] full): hop-by-hop and server headers are
// dropped, and the front door's Host, X-Amzn-Trace-Id and X-Forwarded-* are added, as in a
// proxy event (a REGIONAL API here, so no CloudFront headers).
func TestInputParamsHeaders(t *testing.T) {
	sc := &scenario.Scenario{API: scenario.API{EndpointType: "REGIONAL"}}
	req := &route.Request{Headers: scenario.Headers{
		{Name: "Accept", Values: []string{"*/*"}},
		{Name: "Authorization", Values: []string{"Bearer x"}},
		{Name: "Connection", Values: []string{"close"}},
		{Name: "Content-MD5", Values: []string{"m"}},
		{Name: "Expect", Values: []string{"100-continue"}},
		{Name: "Transfer-Encoding", Values: []string{"chunked"}},
		{Name: "User-Agent", Values: []string{"a", "b"}},
	}}
	rc := requestctx.Context{DomainName: "api.example", TraceID: "Root=1-x", Identity: requestctx.Identity{SourceIP: "192.0.2.1"}}
	h := inputParams(sc, req, rc).Header
	var got []string
	for i, k := range h.Keys() {
		got = append(got, k.(string)+"="+h.Values()[i].(string))
	}
	want := "Accept=*/* Authorization=Bearer x User-Agent=b Host=api.example X-Amzn-Trace-Id=Root=1-x " +
		"X-Forwarded-For=192.0.2.1 X-Forwarded-Port=443 X-Forwarded-Proto=https"
	if strings.Join(got, " ") != want {
		t.Errorf("$input.params().header = %v, want %s", got, want)
	}
}
