package e2e

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

var updateScreenshot = flag.Bool("update-screenshot", false, "write the README screenshot to docs/screenshot.png")

const firstTraceJS = `performance.getEntriesByName('playground:first-trace').length > 0`

// openPreset starts a server, opens the page on a preset and waits for its first trace.
// The test fails on any console error but those it expects, each given once per time.
func openPreset(t *testing.T, slug string, expectedConsole ...string) (context.Context, string) {
	t.Helper()
	base := startServer(t)
	ctx := newTab(t, false)
	consoleErrors := watchConsole(ctx)
	recordCSPViolations(t, ctx)
	t.Cleanup(func() {
		for _, e := range consoleErrors() {
			if i := slices.Index(expectedConsole, e); i >= 0 {
				expectedConsole = slices.Delete(expectedConsole, i, i+1)
				continue
			}
			t.Errorf("console: %s", e)
		}
		for _, v := range eval[[]string](t, ctx, `window.__csp || []`) {
			t.Errorf("Content-Security-Policy violation: %s", v)
		}
	})
	do(t, ctx, chromedp.EmulateViewport(1440, 900), chromedp.Navigate(base+"/?preset="+slug))
	waitFor(t, ctx, "the first trace is drawn", firstTraceJS)
	return ctx, base
}

// retypeRequestTemplate replaces the first request template by typing, as a person would.
func retypeRequestTemplate(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	editor := byTestID("request-template-editor-0")
	do(t, ctx,
		chromedp.Click(byTestID("tab-integration")),
		chromedp.Click(editor),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.SendKeys(editor, text),
	)
}

func TestPageLoadsWithFirstTrace(t *testing.T) {
	ctx, _ := openPreset(t, "proxy-hello-world")
	if got := text(t, ctx, "response-status"); got != "200" {
		t.Errorf("response status = %q, want 200", got)
	}
	if got := text(t, ctx, "response-body"); !strings.Contains(got, "Hello World") {
		t.Errorf("response body = %q, want Hello World", got)
	}
	// CodeMirror's own styles (injected under the CSP nonce) are in force.
	waitFor(t, ctx, "the editor is styled", `getComputedStyle(document.querySelector('.cm-editor')).display === 'flex'`)
	waitFor(t, ctx, "the websocket is live", `document.querySelector('[data-testid="connection"]').dataset.state === 'live'`)
	screenshot(t, ctx, "page-loaded")
}

func TestSwitchIntegration(t *testing.T) {
	ctx, _ := openPreset(t, "proxy-hello-world")
	do(t, ctx,
		chromedp.Click(byTestID("tab-integration")),
		chromedp.WaitVisible(byTestID("proxy-note")),
		chromedp.Click(byTestID("integration-aws")),
		chromedp.WaitVisible(byTestID("passthrough")),
	)
	waitFor(t, ctx, "the trace is for the custom integration",
		`(document.querySelector('[data-testid="trace-summary"]')||{}).textContent?.includes('Lambda custom')`)
	// The function still returns a proxy-shaped result: behind a custom integration that
	// whole object is the body, which is the point of comparing the two.
	if got := text(t, ctx, "response-body"); !strings.Contains(got, "statusCode") {
		t.Errorf("custom integration response body = %q, want the function's whole result", got)
	}
	screenshot(t, ctx, "switched-to-custom")
}

func TestTypingInTemplateChangesPayload(t *testing.T) {
	ctx, _ := openPreset(t, "custom-hide-fields")
	retypeRequestTemplate(t, ctx, `{"typed": "$input.params('userId')-yes"}`)
	waitFor(t, ctx, "the payload shows the typed template",
		`(document.querySelector('[data-testid="payload"]')||{}).textContent?.includes('7-yes')`)
	screenshot(t, ctx, "template-typed")
}

func TestDiagnosticIsUnderlined(t *testing.T) {
	ctx, _ := openPreset(t, "custom-hide-fields")
	retypeRequestTemplate(t, ctx, `{"a": #if($x}`)
	waitFor(t, ctx, "a diagnostic is listed", `!!document.querySelector('[data-testid="diagnostics"]')`)
	waitFor(t, ctx, "the template is underlined", `!!document.querySelector('[data-testid="request-template-0"] .cm-diag')`)
	if got := text(t, ctx, "diagnostics"); !strings.Contains(got, "requestTemplate") {
		t.Errorf("diagnostics = %q, want a requestTemplate diagnostic", got)
	}
	screenshot(t, ctx, "diagnostic")
}

func TestShareLinkRoundTrip(t *testing.T) {
	ctx, _ := openPreset(t, "proxy-repeated-values")
	do(t, ctx,
		chromedp.Click(byTestID("tab-request")),
		chromedp.SendKeys(byTestID("request-path"), "&shared=yes"),
	)
	waitFor(t, ctx, "the edit reached the trace", `(document.querySelector('[data-testid="trace-method-request"]')||{}).textContent?.includes('shared')`)
	want := eval[string](t, ctx, `JSON.stringify(document.querySelector('[data-playground]').playground.scenario())`)
	do(t, ctx, chromedp.Click(byTestID("share")))
	waitFor(t, ctx, "the share link is shown", `document.querySelector('[data-testid="share-url"]').value.includes('#s=')`)
	link := eval[string](t, ctx, `document.querySelector('[data-testid="share-url"]').value`)

	other := newTab(t, false)
	do(t, other, chromedp.Navigate(link))
	waitFor(t, other, "the shared scenario's trace", firstTraceJS)
	got := eval[string](t, other, `JSON.stringify(document.querySelector('[data-playground]').playground.scenario())`)
	if got != want {
		t.Errorf("scenario from the share link differs:\n got %s\nwant %s", got, want)
	}
	if status := text(t, other, "response-status"); status == "" {
		t.Error("no trace drawn for the shared scenario")
	}
}

// TestScenarioValuesAreText opens a shared scenario full of markup: every value must show
// as text and nothing in it may run.
func TestScenarioValuesAreText(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t, false)
	const payload = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`
	scenario := map[string]any{
		"request": map[string]any{
			"method":  "POST",
			"path":    "/xss?q=" + strings.ReplaceAll(payload, " ", "%20"),
			"headers": map[string]any{"X-Evil": payload, "Content-Type": "text/html"},
			"body":    payload,
		},
		"integration": map[string]any{"type": "aws_proxy"},
		"lambda": map[string]any{"result": map[string]any{
			"statusCode": 200, "headers": map[string]any{"Content-Type": "text/html", "X-Evil": payload}, "body": payload,
		}},
	}
	consoleErrors := watchConsole(ctx)
	do(t, ctx, chromedp.Navigate(shareLink(t, base, scenario)))
	waitFor(t, ctx, "the trace", firstTraceJS)
	if got := text(t, ctx, "response-body"); !strings.Contains(got, "<script>window.__pwned=1</script>") {
		t.Errorf("response body shown as %q, want the markup as text", got)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('[data-playground] script, [data-playground] img').length`); n != 0 {
		t.Errorf("%d script/img elements were created from scenario values", n)
	}
	if pwned := eval[bool](t, ctx, `window.__pwned !== undefined`); pwned {
		t.Error("a script from the scenario ran")
	}
	for _, e := range consoleErrors() {
		t.Errorf("console: %s", e)
	}
	screenshot(t, ctx, "markup-as-text")
}

func TestCompareView(t *testing.T) {
	ctx, _ := openPreset(t, "proxy-hello-world")
	do(t, ctx, chromedp.Click(byTestID("compare-toggle")))
	waitFor(t, ctx, "both columns", `!!document.querySelector('[data-testid="compare-proxy-status"]') && !!document.querySelector('[data-testid="compare-custom-status"]')`)
	if got := text(t, ctx, "compare-proxy-status"); got != "200" {
		t.Errorf("proxy column status = %q, want 200", got)
	}
	screenshot(t, ctx, "compare")
}

// TestPageWeightAndFirstTrace measures a first visit (empty cache): bytes transferred and
// the time from navigation to the first trace on screen. It logs them; it asserts nothing
// about time (docs/performance.md keeps the numbers).
func TestPageWeightAndFirstTrace(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t, true)
	do(t, ctx, chromedp.Navigate(base+"/"))
	waitFor(t, ctx, "the first trace", firstTraceJS)
	raw := eval[string](t, ctx, `(() => {
		const nav = performance.getEntriesByType('navigation')[0];
		const res = performance.getEntriesByType('resource');
		const sum = (k) => nav[k] + res.reduce((a, r) => a + r[k], 0);
		return JSON.stringify({
			transferBytes: sum('transferSize'),
			decodedBytes: sum('decodedBodySize'),
			domContentLoadedMs: nav.domContentLoadedEventEnd,
			scriptStartMs: (performance.getEntriesByName('playground:script-start')[0] || {}).startTime || 0,
			firstTraceMs: performance.getEntriesByName('playground:first-trace')[0].startTime,
			resources: [nav, ...res].map((r) => ({ name: new URL(r.name).pathname, transfer: r.transferSize, decoded: r.decodedBodySize, start: r.startTime, end: r.responseEnd })),
		});
	})()`)
	var m struct {
		TransferBytes, DecodedBytes      int
		DOMContentLoadedMs, FirstTraceMs float64
		ScriptStartMs                    float64
		Resources                        []struct {
			Name              string
			Transfer, Decoded int
			Start, End        float64
		}
	}
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		t.Fatal(err)
	}
	for _, r := range m.Resources {
		t.Logf("  %-20s %7d B transferred, %7d B decoded, %4.0f–%4.0f ms", r.Name, r.Transfer, r.Decoded, r.Start, r.End)
	}
	t.Logf("page weight: %d B transferred (%.1f KB; target < 150 KB), %d B decoded", m.TransferBytes, float64(m.TransferBytes)/1024, m.DecodedBytes)
	t.Logf("navigation → script evaluated: %.0f ms; → DOMContentLoaded: %.0f ms; → first trace: %.0f ms (target < 300 ms)", m.ScriptStartMs, m.DOMContentLoadedMs, m.FirstTraceMs)
	if m.TransferBytes > 150*1024 {
		t.Errorf("page weight %d B is over the 150 KB budget", m.TransferBytes)
	}
}

// TestScreenshotForREADME renders the page as the README shows it; with -update-screenshot
// it writes docs/screenshot.png.
func TestScreenshotForREADME(t *testing.T) {
	ctx, _ := openPreset(t, "custom-error-404")
	do(t, ctx, chromedp.Click(byTestID("tab-integration")))
	waitFor(t, ctx, "the editors are drawn", `!!document.querySelector('[data-testid="request-template-editor-0"]')`)
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(artifacts(t), "readme.png")
	if *updateScreenshot {
		path = filepath.Join("..", "docs", "screenshot.png")
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

func TestDarkThemeAndFiles(t *testing.T) {
	ctx, _ := openPreset(t, "custom-hide-fields")
	do(t, ctx, chromedp.Click(byTestID("theme-toggle")))
	bg := eval[string](t, ctx, `getComputedStyle(document.body).backgroundColor`)
	if bg == "rgb(246, 247, 249)" {
		t.Errorf("theme toggle left the light background %s", bg)
	}
	screenshot(t, ctx, "dark")

	// Open a scenario file: the page loads it and runs it.
	file := filepath.Join(t.TempDir(), "scenario.json")
	os.WriteFile(file, []byte(`{"request":{"method":"GET","path":"/from-file"},"integration":{"type":"aws_proxy"},"lambda":{"result":{"statusCode":418,"body":"teapot"}}}`), 0o644)
	do(t, ctx, chromedp.SetUploadFiles(byTestID("upload-input"), []string{file}))
	waitFor(t, ctx, "the uploaded scenario's trace", `(document.querySelector('[data-testid="response-status"]')||{}).textContent === '418'`)
	if got := eval[string](t, ctx, `document.querySelector('[data-playground]').playground.scenario().request.path`); got != "/from-file" {
		t.Errorf("path after upload = %q", got)
	}
}

// TestKeyboard drives the editors without a mouse: arrow keys move between tabs,
// Alt+digit jumps to one, and typing in a field reaches the trace.
func TestKeyboard(t *testing.T) {
	ctx, _ := openPreset(t, "proxy-hello-world")
	selected := `document.querySelector('[role="tab"][aria-selected="true"]').dataset.testid`
	do(t, ctx, chromedp.Focus(byTestID("tab-lambda")), chromedp.KeyEvent(kb.ArrowRight))
	waitFor(t, ctx, "ArrowRight wraps to the first tab", selected+` === 'tab-request'`)
	do(t, ctx, chromedp.KeyEvent(kb.ArrowRight))
	waitFor(t, ctx, "ArrowRight moves on", selected+` === 'tab-api' && document.activeElement.dataset.testid === 'tab-api'`)
	do(t, ctx, chromedp.KeyEvent("1", chromedp.KeyModifiers(chromedp.ModifierAlt)))
	waitFor(t, ctx, "Alt+1 opens the request tab", selected+` === 'tab-request'`)
	do(t, ctx, chromedp.Focus(byTestID("request-path")), chromedp.KeyEvent(kb.End), chromedp.KeyEvent("?k=v"))
	waitFor(t, ctx, "the typed query reaches the trace", `(document.querySelector('[data-testid="mr-params"]')||{}).textContent?.includes('query')`)
}
