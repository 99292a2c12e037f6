package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestOpenYAMLFile opens scenario files through "Open file…": a YAML file replaces the
// scenario and its trace (the server reads it; the page has no YAML parser), and a broken
// one is refused with its line or field named while the scenario on screen stays.
func TestOpenYAMLFile(t *testing.T) {
	// Chromium logs each refused file's 400 from /api/decode; nothing else may be logged.
	const refused = "error: Failed to load resource: the server responded with a status of 400 (Bad Request)"
	ctx, _ := openPreset(t, "proxy-hello-world", refused, refused)
	accept := eval[string](t, ctx, `document.querySelector('[data-testid="upload-input"]').accept`)
	for _, want := range []string{".json", ".yaml", ".yml", "application/yaml"} {
		if !strings.Contains(accept, want) {
			t.Errorf("the file input accepts %q, which lacks %s", accept, want)
		}
	}

	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	scenarioNow := `JSON.stringify(document.querySelector('[data-playground]').playground.scenario())`

	good := write("teapot.yaml", `# a scenario kept beside the templates
request:
  method: GET
  path: /from-yaml?x=1
  headers:
    X-Second: b
    X-First: [a, "1"]
lambda:
  result:
    statusCode: 418
    body: teapot
`)
	do(t, ctx, chromedp.SetUploadFiles(byTestID("upload-input"), []string{good}))
	waitFor(t, ctx, "the YAML scenario's trace", `(document.querySelector('[data-testid="response-status"]')||{}).textContent === '418'`)
	if got := text(t, ctx, "preset-summary"); got != "Opened teapot.yaml" {
		t.Errorf("summary = %q", got)
	}
	opened := eval[string](t, ctx, scenarioNow)
	if !strings.Contains(opened, `"path":"/from-yaml?x=1"`) || !strings.Contains(opened, `"headers":{"X-Second":"b","X-First":["a","1"]}`) {
		t.Errorf("scenario after opening the YAML file: %s", opened)
	}
	screenshot(t, ctx, "yaml-opened")

	for _, tt := range []struct{ file, content, want string }{
		{"broken.yml", "request:\n  method: GET\n path: /\n", "yaml: line 2"},
		{"wrong.yaml", "request:\n  headers:\n    X-Trace: {a: 1}\n", `request.headers["X-Trace"]`},
	} {
		do(t, ctx, chromedp.SetUploadFiles(byTestID("upload-input"), []string{write(tt.file, tt.content)}))
		waitFor(t, ctx, "the error for "+tt.file, `(() => { const e = document.querySelector('[data-testid="upload-error"]'); return !!e && !e.hidden && e.textContent.includes('`+tt.file+`'); })()`)
		if got := text(t, ctx, "upload-error"); !strings.Contains(got, tt.want) || !strings.Contains(got, "is unchanged") {
			t.Errorf("%s: error %q does not name %s", tt.file, got, tt.want)
		}
		if got := eval[string](t, ctx, scenarioNow); got != opened {
			t.Errorf("%s replaced the scenario on screen:\n got %s\nwant %s", tt.file, got, opened)
		}
		if got := text(t, ctx, "response-status"); got != "418" {
			t.Errorf("%s: the trace on screen changed to status %q", tt.file, got)
		}
	}
	screenshot(t, ctx, "yaml-refused")

	// Opening a good file again clears the error.
	do(t, ctx, chromedp.SetUploadFiles(byTestID("upload-input"), []string{write("again.json", `{"request":{"path":"/again"},"lambda":{"result":{"statusCode":201,"body":""}}}`)}))
	waitFor(t, ctx, "the JSON scenario's trace", `(document.querySelector('[data-testid="response-status"]')||{}).textContent === '201'`)
	if hidden := eval[bool](t, ctx, `document.querySelector('[data-testid="upload-error"]').hidden`); !hidden {
		t.Error("the error stays on screen after a file opened")
	}
}
