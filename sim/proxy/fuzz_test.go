package proxy

import (
	"errors"
	"testing"
)

// FuzzParseResponse: whatever a function returns, ParseResponse either reads it or says
// why it is malformed; it never panics and never fails without a reason.
func FuzzParseResponse(f *testing.F) {
	for _, seed := range []string{
		`{}`, `{"statusCode":"201"}`, `"justAString"`, `null`, `{"statusCode":200,"wrongValue":"value"}`,
		`{"multiValueHeaders":{"x":["1",2,true,null]},"headers":{"X":"1"}}`, `{"body":"dGVzdA==","isBase64Encoded":true}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := ParseResponse(data)
		if err != nil {
			var m *MalformedError
			if !errors.As(err, &m) || m.Reason == "" {
				t.Fatalf("error %v is not a MalformedError with a reason", err)
			}
			return
		}
		if res.StatusCode < 100 || res.StatusCode > 599 {
			t.Fatalf("status %d accepted", res.StatusCode)
		}
	})
}
