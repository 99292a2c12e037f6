package paramap

import "testing"

func TestCheckIntegrationRequest(t *testing.T) {
	tests := []struct {
		name, value string
		expression  string // "" when the mapping is usable
	}{
		{"integration.request.header.X-Amz-Invocation-Type", "'Event'", ""},
		{"integration.request.header.Host", "method.request.header.Host", ""},
		{"integration.request.querystring.q", "method.request.path.id", ""},
		// The seven headers AWS refuses as targets, in any case.
		{"integration.request.header.Content-Length", "'0'", "integration.request.header.Content-Length"},
		{"integration.request.header.transfer-encoding", "'deflate'", "integration.request.header.transfer-encoding"},
		{"integration.request.header.Authorization", "'x'", "integration.request.header.Authorization"},
		{"integration.request.header.Connection", "'keep-alive'", "integration.request.header.Connection"},
		{"integration.request.header.Expect", "'200-ok'", "integration.request.header.Expect"},
		{"integration.request.header.Proxy-Authenticate", "'Basic'", "integration.request.header.Proxy-Authenticate"},
		{"integration.request.header.TE", "'gzip'", "integration.request.header.TE"},
		// Bad target, bad source.
		{"method.request.header.X", "'v'", "method.request.header.X"},
		{"integration.request.header.X", "method.response.header.Y", "method.response.header.Y"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"="+tt.value, func(t *testing.T) {
			err := CheckIntegrationRequest(tt.name, tt.value)
			switch {
			case tt.expression == "" && err != nil:
				t.Fatalf("unexpected error %v (%s)", err, err.Reason)
			case tt.expression != "" && err == nil:
				t.Fatalf("no error, want one naming %s", tt.expression)
			case err != nil && (err.Expression != tt.expression || err.Reason == ""):
				t.Fatalf("error %+v, want expression %s and a reason", err, tt.expression)
			case err != nil && err.Error() != "Invalid mapping expression specified: "+tt.expression:
				t.Fatalf("Error() = %q", err.Error())
			}
		})
	}
}
