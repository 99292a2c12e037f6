package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDecodeHTTP pins POST /api/decode, which the page's "Open file…" uses: a scenario in
// JSON or YAML comes back as JSON as written (no defaults, keys in the file's order), and
// a broken one is a 400 whose message names the line or the field, as the CLI's does.
func TestDecodeHTTP(t *testing.T) {
	srv := testServer(t, WithLimits(2048, 10))
	tests := []struct {
		name       string
		body       string
		wantStatus int
		want       string // the JSON answer, or text the error message contains
	}{
		{"YAML", "# a comment\nrequest:\n  method: POST\n  path: /pets/42\n  headers:\n    X-B: two\n    X-A: [one, \"1\"]\n  body: '{\"a\": 1}'\napi:\n  resource: /pets/{petId}\nlambda:\n  result: {statusCode: 200, body: \"\"}\n",
			200, `{"request":{"method":"POST","path":"/pets/42","headers":{"X-B":"two","X-A":["one","1"]},"body":"{\"a\": 1}"},"api":{"resource":"/pets/{petId}"},"lambda":{"result":{"statusCode":200,"body":""}}}`},
		{"JSON as written", "\ufeff  {\"request\": {\"path\": \"/\"},\n \"lambda\": {\"raw\": \"x\"}}", 200, "  {\"request\": {\"path\": \"/\"},\n \"lambda\": {\"raw\": \"x\"}}"},
		{"YAML syntax error", "request:\n  method: GET\n path: /\n", 400, "yaml: line 2"},
		{"JSON syntax error", "{\"request\": {\n  \"path\": \"/\",\n}}", 400, "line 3, column 1"},
		{"wrong field type", "request:\n  headers:\n    X-Trace: {a: 1}\n", 400, `request.headers["X-Trace"]`},
		{"invalid scenario", "request: {path: /a/b}\napi: {resource: /x}\n", 400, "api.resource"},
		{"no scenario", "- just\n- a list\n", 400, "scenario"},
		{"too large", "request: {body: " + strings.Repeat("x", 4096) + "}", 413, "larger than 2048 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Post(srv.URL+"/api/decode", "application/yaml", strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q", ct)
			}
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("got %d %s, want %d", resp.StatusCode, body, tt.wantStatus)
			}
			if tt.wantStatus == 200 {
				if string(body) != tt.want {
					t.Errorf("got  %s\nwant %s", body, tt.want)
				}
				return
			}
			var e struct{ Message string }
			if err := json.Unmarshal(body, &e); err != nil || !strings.Contains(e.Message, tt.want) {
				t.Errorf("error %s does not contain %q", body, tt.want)
			}
		})
	}
}

// FuzzScenarioJSON: whatever /api/decode accepts is JSON that the simulator reads as the
// same scenario — the same trace, byte for byte — so opening a YAML file in the page runs
// what `playground simulate` runs on the file itself.
func FuzzScenarioJSON(f *testing.F) {
	f.Add([]byte("request:\n  method: POST\n  path: /a?b=1\n  headers: {X-A: [\"1\", 2]}\n  body: 'x: y'\nlambda: {raw: \"{not json\"}\n"))
	f.Add([]byte("request: &r {path: /}\nintegration: {type: AWS, requestTemplates: {application/json: '#set($a = 1)$a'}}\ncontext: {requestTimeEpoch: 1.7e12}\n"))
	f.Add([]byte(`{"request": {"path": "/"}, "lambda": {"result": [1, 2.50, "3"]}}`))
	for _, pattern := range []string{"*.json", "*.yaml"} {
		files, _ := filepath.Glob(filepath.Join("..", "testdata", "golden", pattern))
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		out, err := scenarioJSON(doc)
		if err != nil {
			return
		}
		if !json.Valid(out) {
			t.Fatalf("not JSON: %s", out)
		}
		want, err := simulateScenario(doc)
		if err != nil {
			t.Fatalf("the document decoded but does not simulate: %v", err)
		}
		got, err := simulateScenario(out)
		if err != nil {
			t.Fatalf("the JSON it became does not simulate: %v\n%s", err, out)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("the JSON it became simulates differently:\n%s", out)
		}
	})
}
