package e2e

import (
	"bufio"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/apigw-playground/playground/web"
)

// flakyNetwork sits in front of the server: it can cut every websocket and refuse new ones,
// as a restart or a proxy's timeout would.
type flakyNetwork struct {
	next  http.Handler
	down  atomic.Bool
	mu    sync.Mutex
	conns []net.Conn
}

func (f *flakyNetwork) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/ws" {
		if f.down.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		w = &recordingWriter{ResponseWriter: w, f: f}
	}
	f.next.ServeHTTP(w, r)
}

// cut closes every websocket and refuses new ones until restore.
func (f *flakyNetwork) cut() {
	f.down.Store(true)
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.conns {
		c.Close()
	}
	f.conns = nil
}

func (f *flakyNetwork) restore() { f.down.Store(false) }

type recordingWriter struct {
	http.ResponseWriter
	f *flakyNetwork
}

func (w *recordingWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	c, rw, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err == nil {
		w.f.mu.Lock()
		w.f.conns = append(w.f.conns, c)
		w.f.mu.Unlock()
	}
	return c, rw, err
}

// TestReconnectAndFallback cuts the websocket: edits keep producing traces over
// POST /api/simulate, and the page reconnects once the server takes websockets again.
func TestReconnectAndFallback(t *testing.T) {
	h, err := web.New(web.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		t.Fatal(err)
	}
	network := &flakyNetwork{next: h}
	srv := httptest.NewServer(network)
	defer srv.Close()
	ctx := newTab(t, false)
	state := `document.querySelector('[data-testid="connection"]').dataset.state`
	do(t, ctx, chromedp.Navigate(srv.URL+"/?preset=proxy-hello-world"))
	waitFor(t, ctx, "the websocket is live", state+` === 'live'`)

	network.cut()
	waitFor(t, ctx, "the page sees the websocket gone", state+` !== 'live'`)
	do(t, ctx,
		chromedp.Click(byTestID("tab-request")),
		chromedp.SendKeys(byTestID("request-path"), "?offline=1"),
	)
	waitFor(t, ctx, "an edit is simulated over HTTP", `(document.querySelector('[data-testid="mr-params"]')||{}).textContent?.includes('offline')`)

	network.restore()
	waitFor(t, ctx, "the page reconnects", state+` === 'live'`)
}
