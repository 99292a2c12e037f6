package mapping

import "testing"

// Expected values below were produced by the oracle, which calls the Java methods API
// Gateway's $util is built on (commons-lang 2.6, java.net.URLEncoder/URLDecoder,
// java.util.Base64).

func TestEscapeJavaScript(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a/b", `a\/b`},
		{`it's "q" \ back`, `it\'s \"q\" \\ back`},
		{"tab\tnl\ncr\rff\fbs\b", `tab\tnl\ncr\rff\fbs\b`},
		{"\x01\x1f\x7f", `\u0001\u001F` + "\x7f"},
		{"é€\u2028", `\u00E9\u20AC\u2028`},
		{"😀", `\uD83D\uDE00`},
		{"", ""},
		{"plain text 123", "plain text 123"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := EscapeJavaScript(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestURLEncode(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"some": "value"}`, "%7B%22some%22%3A+%22value%22%7D"}, // AWS-recorded
		{"some raw data", "some+raw+data"},                       // AWS-recorded
		{"a b~*._-!'()é😀/?&=+", "a+b%7E*._-%21%27%28%29%C3%A9%F0%9F%98%80%2F%3F%26%3D%2B"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := URLEncode(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDecoders covers the $util methods that can fail: Java's result or Java's message.
func TestDecoders(t *testing.T) {
	tests := []struct {
		name        string
		decode      func(string) (string, error)
		in          string
		want, error string
	}{
		{"urlDecode", URLDecode, "a+b%20c%C3%A9%FF%E2", "a b cé\uFFFD\uFFFD", ""},
		{"urlDecode", URLDecode, "%F0%9F%98%80x", "😀x", ""},
		{"urlDecode", URLDecode, "%E2%82", "\uFFFD", ""},
		{"urlDecode", URLDecode, "plain", "plain", ""},
		{"urlDecode", URLDecode, "%zz", "", `java.lang.IllegalArgumentException: URLDecoder: Illegal hex characters in escape (%) pattern - Error at index 0 in: "zz"`},
		{"urlDecode", URLDecode, "%4", "", "java.lang.IllegalArgumentException: URLDecoder: Incomplete trailing escape (%) pattern"},
		{"base64Decode", Base64Decode, "aGk=", "hi", ""},
		{"base64Decode", Base64Decode, "aGk", "hi", ""},
		{"base64Decode", Base64Decode, "/w==", "\uFFFD", ""},
		{"base64Decode", Base64Decode, "8J+YgA==", "😀", ""},
		{"base64Decode", Base64Decode, "", "", ""},
		{"base64Decode", Base64Decode, "a b", "", "java.lang.IllegalArgumentException: Illegal base64 character 20"},
		{"base64Decode", Base64Decode, "aGk=x", "", "java.lang.IllegalArgumentException: Input byte array has incorrect ending byte at 4"},
		{"base64Decode", Base64Decode, "YQ=", "", "java.lang.IllegalArgumentException: Input byte array has wrong 4-byte ending unit"},
		{"base64Decode", Base64Decode, "a", "", "java.lang.IllegalArgumentException: Input byte[] should at least have 2 bytes for base64 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.in, func(t *testing.T) {
			got, err := tt.decode(tt.in)
			if tt.error != "" {
				if err == nil || err.Error() != tt.error {
					t.Fatalf("error %v, want %s", err, tt.error)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
