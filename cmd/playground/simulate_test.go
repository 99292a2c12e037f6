package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSimulate(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ok := write("ok.json", `{"request": {"method": "GET", "path": "/hello"}}`)
	bad502 := write("502.yaml", "request: {path: /x}\nlambda: {result: {statusCode: 200, oops: 1}}\n")
	invalid := write("bad.json", `{"request": {"headers": {"X-Trace": 1}}}`)
	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stdout string // part of standard output
		stderr string // part of standard error
	}{
		{"file", []string{"simulate", ok}, "", 0, `"statusCode": 200`, ""},
		{"stdin", []string{"simulate"}, `{"request": {"path": "/a"}}`, 0, `"Hello from Lambda!`, ""},
		{"dash is stdin", []string{"simulate", "-"}, `{"request": {"path": "/a"}}`, 0, `"methodRequest"`, ""},
		{"a 502 is a result", []string{"simulate", bad502}, "", 0, `"statusCode": 502`, ""},
		{"invalid scenario", []string{"simulate", invalid}, "", 2, "", `request.headers["X-Trace"]: must be a string or a list of strings`},
		{"missing file", []string{"simulate", filepath.Join(dir, "nope.json")}, "", 2, "", "no such file"},
		{"two files", []string{"simulate", ok, ok}, "", 2, "", "usage: playground simulate"},
		{"unknown command", []string{"frobnicate"}, "", 2, "", `unknown command "frobnicate"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, strings.NewReader(tt.stdin), &stdout, &stderr)
			if code != tt.code || !strings.Contains(stdout.String(), tt.stdout) || !strings.Contains(stderr.String(), tt.stderr) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want %d, %q, %q", code, stdout.String(), stderr.String(), tt.code, tt.stdout, tt.stderr)
			}
			if code == 0 && !json.Valid(stdout.Bytes()) {
				t.Fatal("the trace is not JSON")
			}
		})
	}
}
