// Package e2e drives the real playground page in real Chromium: the server starts
// in-process on a free port, the browser is Debian's chromium. In CI (CI=true) a missing
// browser fails the tests; elsewhere they are skipped with the command that installs it.
package e2e

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/apigw-playground/playground/web"
)

const installHint = "apt-get install -y --no-install-recommends chromium"

var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserErr    error
	closeBrowser  = func() {}
	artifactsOnce sync.Once
	artifactsDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	closeBrowser()
	os.Exit(code)
}

func chromiumPath() string {
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// startBrowser starts one headless Chromium for the whole package. Its first Run has no
// timeout on purpose: a timeout there would end the browser with it.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("Chromium is missing; the browser tests must run in CI: %s", installHint)
		}
		t.Skipf("Chromium not found; install it to run the browser tests: %s", installHint)
	}
	browserOnce.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path),
			chromedp.NoSandbox,
			chromedp.WindowSize(1440, 900),
		)
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelCtx := chromedp.NewContext(allocCtx)
		browserErr = chromedp.Do(ctx)
		browserCtx = ctx
		closeBrowser = func() { cancelCtx(); cancelAlloc() }
	})
	if browserErr != nil {
		t.Fatalf("starting Chromium (%s): %v", path, browserErr)
	}
	return browserCtx
}

// newTab opens a tab with a time limit for the test's actions. fresh gives it its own
// browser context: an empty cache, as a first visit has.
func newTab(t *testing.T, fresh bool) context.Context {
	t.Helper()
	parent := startBrowser(t)
	var opts []chromedp.ContextOption
	if fresh {
		opts = append(opts, chromedp.WithNewBrowserContext())
	}
	tab, cancel := chromedp.NewContext(parent, opts...)
	t.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(tab, 45*time.Second)
	t.Cleanup(cancelTimeout)
	return ctx
}

// startServer runs the real playground server in-process on a free port.
func startServer(t *testing.T, opts ...web.Option) string {
	t.Helper()
	h, err := web.New(append([]web.Option{web.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// artifacts is where screenshots go: $E2E_ARTIFACTS, or a directory under the temp dir.
func artifacts(t *testing.T) string {
	artifactsOnce.Do(func() {
		artifactsDir = os.Getenv("E2E_ARTIFACTS")
		if artifactsDir == "" {
			artifactsDir = filepath.Join(os.TempDir(), "playground-e2e")
		}
		if err := os.MkdirAll(artifactsDir, 0o755); err != nil {
			t.Fatal(err)
		}
	})
	return artifactsDir
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	path := filepath.Join(artifacts(t), name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Error(err)
		return
	}
	t.Logf("screenshot: %s", path)
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		screenshot(t, ctx, strings.ReplaceAll(t.Name(), "/", "_")+"-failure")
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// waitFor polls a JavaScript condition in the page.
func waitFor(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(20*time.Second)))
	if err != nil {
		screenshot(t, ctx, strings.ReplaceAll(t.Name(), "/", "_")+"-failure")
		t.Fatalf("waiting until %s (%s): %v", what, expr, err)
	}
}

// text is the text of the first element with this data-testid, or "".
func text(t *testing.T, ctx context.Context, testid string) string {
	t.Helper()
	return eval[string](t, ctx, `(document.querySelector('[data-testid="`+testid+`"]') || {}).textContent || ""`)
}

func byTestID(id string) chromedp.CSS { return chromedp.CSS(`[data-testid="` + id + `"]`) }

// shareLink builds a share link the way the page does: deflate-raw JSON in base64url.
func shareLink(t *testing.T, base string, scenario any) string {
	t.Helper()
	data, err := json.Marshal(scenario)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write(data)
	w.Close()
	return base + "/#s=" + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

// recordCSPViolations makes every page the tab opens keep the Content-Security-Policy
// violations it reports in window.__csp.
func recordCSPViolations(t *testing.T, ctx context.Context) {
	t.Helper()
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`,
	})
	if err != nil {
		t.Fatal(err)
	}
}

// watchConsole collects the page's console errors and uncaught exceptions, a CSP
// violation among them, from now on; the func returns those seen so far.
func watchConsole(ctx context.Context) func() []string {
	var mu sync.Mutex
	var seen []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				mu.Lock()
				seen = append(seen, string(m.Type)+": "+m.Text)
				mu.Unlock()
			}
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}
