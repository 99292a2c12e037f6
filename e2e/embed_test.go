package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/apigw-playground/playground/lessons"
	"github.com/apigw-playground/playground/web"
)

// docsSite is a doc author's page on another origin: the playground's server is reached as
// 127.0.0.1 and the docs as localhost, two origins (and two sites, so Chromium puts the
// frame in its own process, as it would for a real wiki). Its page holds one iframe on
// the playground and the playground's embed.js, and records in window.__resizes the resize
// messages it sees, and in window.__frameLoaded that the frame finished loading.
type docsSite struct {
	origin     string // http://localhost:port
	playground string // set before the page is opened
}

func startDocsSite(t *testing.T) *docsSite {
	t.Helper()
	d := &docsSite{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		frame := d.playground + r.URL.Query().Get("frame")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Team docs</title></head>
<body style="margin:0;font-family:sans-serif">
<h1>Our API's integration</h1>
<script>
window.__resizes = [];
window.__frameLoaded = false;
window.addEventListener('message', (e) => { if (e.data && e.data.type === 'apigw-playground:resize') window.__resizes.push(e.data.height); });
</script>
<iframe id="embed" title="playground" src=%q style="width:100%%;border:0" onload="window.__frameLoaded = true"></iframe>
<p id="after">Text after the frame.</p>
%s
</body></html>`, frame, embedScript(d.playground+"/embed.js", r.URL.Query().Has("late")))
	}))
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	d.origin = "http://localhost:" + u.Port()
	return d
}

// embedScript includes embed.js in the docs page: at once, or (late) only after the frame
// has loaded, when the framed page has long sent its first height.
func embedScript(src string, late bool) string {
	if !late {
		return fmt.Sprintf(`<script src=%q></script>`, src)
	}
	return fmt.Sprintf(`<script>
document.getElementById('embed').addEventListener('load', () => setTimeout(() => {
  const s = document.createElement('script');
  s.src = %q;
  document.body.append(s);
}, 500));
</script>`, src)
}

// frameHeightJS is the iframe's height on the docs page; a frame nobody sizes is 150px.
const frameHeightJS = `document.getElementById('embed').getBoundingClientRect().height`

// inFrame attaches to the out-of-process iframe whose URL starts with prefix.
func inFrame(t *testing.T, ctx context.Context, prefix string) context.Context {
	t.Helper()
	var id string
	deadline := time.Now().Add(20 * time.Second)
	for id == "" {
		infos, err := chromedp.Targets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, info := range infos {
			if info.Type == "iframe" && strings.HasPrefix(info.URL, prefix) {
				id = string(info.TargetID)
			}
		}
		if id == "" {
			if time.Now().After(deadline) {
				t.Fatalf("no iframe target at %s", prefix)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	frameCtx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(target.ID(id)))
	t.Cleanup(cancel)
	return frameCtx
}

// TestEmbedLessonInOtherOrigin frames a lesson in another origin's page that the operator
// allows (-frame-ancestors): the lesson loads in the frame and embed.js sizes the frame to
// the lesson, far beyond the 150px default.
func TestEmbedLessonInOtherOrigin(t *testing.T) {
	docs := startDocsSite(t)
	docs.playground = startServer(t, web.WithFrameAncestors("'self' "+docs.origin))
	ctx := newTab(t, false)
	do(t, ctx, chromedp.EmulateViewport(1100, 800), chromedp.Navigate(docs.origin+"/?frame=/embed/lessons/proxy-response"))
	waitFor(t, ctx, "embed.js sizes the frame to the lesson", frameHeightJS+` > 600 && window.__resizes.length > 0`)
	height := eval[float64](t, ctx, frameHeightJS)
	if last := eval[float64](t, ctx, `window.__resizes.at(-1)`); height != last {
		t.Errorf("frame height %.0f, want the last reported content height %.0f", height, last)
	}

	frame := inFrame(t, ctx, docs.playground+"/embed/lessons/proxy-response")
	waitFor(t, frame, "the lesson's playgrounds are live in the frame",
		`!!document.querySelector('[data-testid="lesson"] figure.pg [data-testid="response-status"]')`)
	lib, err := lessons.Load(lessons.Content())
	if err != nil {
		t.Fatal(err)
	}
	want, _ := lib.Lesson("proxy-response")
	if got := eval[string](t, frame, `document.querySelector('[data-testid="lesson"] h1').textContent`); got != want.Title {
		t.Errorf("framed lesson title = %q, want %q", got, want.Title)
	}
	if n := eval[int](t, frame, `document.querySelectorAll('header.topbar, nav.lesson-toc, nav.lesson-pager').length`); n != 0 {
		t.Errorf("the embed page has %d pieces of site chrome, want none", n)
	}
	// The frame grows with its content: the resize follows a change of the lesson's height.
	before := eval[float64](t, ctx, frameHeightJS)
	do(t, frame, chromedp.Evaluate[chromedp.Void](`document.querySelector('[data-testid="lesson"]').style.paddingBottom = '400px'`))
	waitFor(t, ctx, "the frame follows the content's new height", fmt.Sprintf(`%s >= %f`, frameHeightJS, before+399))
	screenshot(t, ctx, "embed-lesson-other-origin")
}

// TestEmbedBlockedByDefault frames the same lesson from the other origin with the
// default frame-ancestors ('self'): Chromium shows its error page in the frame instead,
// so no lesson runs there and nothing sizes the frame.
func TestEmbedBlockedByDefault(t *testing.T) {
	docs := startDocsSite(t)
	docs.playground = startServer(t)
	ctx := newTab(t, false)
	do(t, ctx, chromedp.EmulateViewport(1100, 800), chromedp.Navigate(docs.origin+"/?frame=/embed/lessons/proxy-response"))
	waitFor(t, ctx, "the frame's navigation ends", `window.__frameLoaded`)
	if n := eval[int](t, ctx, `window.__resizes.length`); n != 0 {
		t.Errorf("a blocked frame sent %d resize messages: the lesson ran in another origin's frame", n)
	}
	if h := eval[float64](t, ctx, frameHeightJS); h != 150 {
		t.Errorf("blocked frame height = %.0f, want the untouched 150", h)
	}
	// Chromium keeps a target for the frame, but what it holds is its error page.
	frame := inFrame(t, ctx, docs.playground+"/embed/lessons/proxy-response")
	if got := eval[string](t, frame, `location.href`); !strings.HasPrefix(got, "chrome-error://") {
		t.Errorf("the blocked frame shows %s, want Chromium's error page", got)
	}
	if eval[bool](t, frame, `!!document.querySelector('[data-testid="lesson"]')`) {
		t.Error("the lesson is shown in a frame the policy forbids")
	}
	screenshot(t, ctx, "embed-blocked-by-default")
}

// TestEmbedPlaygroundSharedLink frames /embed/playground with a share link's scenario in
// the fragment: the frame shows that scenario's trace, without the site's header. The docs
// page includes embed.js only after the frame has loaded, so the frame's first report is
// lost and embed.js must ask for another.
func TestEmbedPlaygroundSharedLink(t *testing.T) {
	docs := startDocsSite(t)
	docs.playground = startServer(t, web.WithFrameAncestors("'self' "+docs.origin))
	scenario := map[string]any{
		"request":     map[string]any{"method": "GET", "path": "/teapot"},
		"integration": map[string]any{"type": "aws_proxy"},
		"lambda": map[string]any{"result": map[string]any{
			"statusCode": 418, "body": "short and stout",
		}},
	}
	fragment := strings.TrimPrefix(shareLink(t, "", scenario), "/")
	ctx := newTab(t, false)
	do(t, ctx, chromedp.EmulateViewport(1300, 900), chromedp.Navigate(docs.origin+"/?late&frame="+url.QueryEscape("/embed/playground"+fragment)))
	waitFor(t, ctx, "embed.js sizes the frame to the playground", frameHeightJS+` > 300`)

	frame := inFrame(t, ctx, docs.playground+"/embed/playground")
	waitFor(t, frame, "the shared scenario's trace", `(document.querySelector('[data-testid="response-status"]') || {}).textContent === '418'`)
	if got := text(t, frame, "response-body"); !strings.Contains(got, "short and stout") {
		t.Errorf("framed response body = %q", got)
	}
	if n := eval[int](t, frame, `document.querySelectorAll('header.topbar').length`); n != 0 {
		t.Error("the embedded playground shows the site header")
	}
	screenshot(t, ctx, "embed-playground-shared-link")
}
