package web

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// echoSimulator answers every scenario with a trace that quotes it, so the tests here pin
// the server and not the simulator.
func echoSimulator(data []byte) ([]byte, error) {
	if !json.Valid(data) {
		return nil, errors.New("scenario: not JSON")
	}
	return json.Marshal(map[string]any{"echo": json.RawMessage(data)})
}

func testServer(t *testing.T, opts ...Option) *httptest.Server {
	t.Helper()
	opts = append([]Option{WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))), WithSimulator(echoSimulator)}, opts...)
	s, err := newServer(opts...)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv
}

func dial(t *testing.T, srv *httptest.Server, origin string) (*websocket.Conn, *http.Response, error) {
	t.Helper()
	h := http.Header{}
	if origin != "" {
		h.Set("Origin", origin)
	}
	c, resp, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(srv.URL, "http")+"/ws", h)
	if err == nil {
		t.Cleanup(func() { c.Close() })
	}
	return c, resp, err
}

func TestWebsocketOrigin(t *testing.T) {
	tests := []struct {
		name    string
		allow   []string
		origin  func(srvURL string) string
		allowed bool
	}{
		{"no origin (not a browser)", nil, func(string) string { return "" }, true},
		{"same host", nil, func(u string) string { return u }, true},
		{"other site", nil, func(string) string { return "https://evil.example" }, false},
		{"other site allowed", []string{"https://docs.example.com"}, func(string) string { return "https://docs.example.com" }, true},
		{"allow-list is exact", []string{"https://docs.example.com"}, func(string) string { return "http://docs.example.com" }, false},
		{"wildcard", []string{"*"}, func(string) string { return "https://anywhere.example" }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := testServer(t, WithAllowedOrigins(tt.allow...))
			_, resp, err := dial(t, srv, tt.origin(srv.URL))
			if tt.allowed && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if !tt.allowed {
				if err == nil {
					t.Fatal("connection from a foreign origin was accepted")
				}
				if resp == nil || resp.StatusCode != http.StatusForbidden {
					t.Fatalf("got %v, want 403", resp)
				}
			}
		})
	}
}

func TestOptionsRefuseBadValues(t *testing.T) {
	for name, opt := range map[string]Option{
		"origin without a scheme":  WithAllowedOrigins("docs.example.com"),
		"frame-ancestors with a ;": WithFrameAncestors("'self'; script-src *"),
		"frame-ancestors empty":    WithFrameAncestors(" "),
		"limits not positive":      WithLimits(0, 1),
	} {
		if _, err := newServer(opt); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestWebsocketProtocol(t *testing.T) {
	srv := testServer(t)
	c, _, err := dial(t, srv, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		send     string
		wantType string
		wantID   int64
		wantText string
	}{
		{"simulate", `{"type":"simulate","id":7,"scenario":{"request":{"method":"GET","path":"/"}}}`, "trace", 7, `"echo"`},
		{"unknown type", `{"type":"hello","id":8}`, "error", 8, "unknown message type"},
		{"no scenario", `{"type":"simulate","id":9}`, "error", 9, "scenario: missing"},
		{"not JSON", `{nope`, "error", 0, "not JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := c.WriteMessage(websocket.TextMessage, []byte(tt.send)); err != nil {
				t.Fatal(err)
			}
			var got wsMessage
			c.SetReadDeadline(time.Now().Add(5 * time.Second))
			if err := c.ReadJSON(&got); err != nil {
				t.Fatal(err)
			}
			if got.Type != tt.wantType || got.ID != tt.wantID {
				t.Errorf("got type %q id %d, want %q %d", got.Type, got.ID, tt.wantType, tt.wantID)
			}
			if all := got.Message + string(got.Trace); !strings.Contains(all, tt.wantText) {
				t.Errorf("answer %q does not contain %q", all, tt.wantText)
			}
		})
	}
}

func TestWebsocketRateLimit(t *testing.T) {
	srv := testServer(t, WithLimits(1<<20, 1))
	c, _, err := dial(t, srv, "")
	if err != nil {
		t.Fatal(err)
	}
	limited := 0
	for i := range 6 {
		c.WriteJSON(map[string]any{"type": "simulate", "id": i, "scenario": map[string]any{}})
		var got wsMessage
		if err := c.ReadJSON(&got); err != nil {
			t.Fatal(err)
		}
		if got.Type == "error" && strings.Contains(got.Message, "too many") {
			limited++
		}
	}
	// A burst of twice the rate passes; the rest of six quick messages are refused.
	if limited < 3 {
		t.Errorf("%d of 6 quick messages were refused, want at least 3", limited)
	}
}

func TestWebsocketMessageTooLarge(t *testing.T) {
	srv := testServer(t, WithLimits(2048, 10))
	c, _, err := dial(t, srv, "")
	if err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("x", 8192)
	c.WriteJSON(map[string]any{"type": "simulate", "id": 1, "scenario": map[string]any{"pad": big}})
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, _, err = c.ReadMessage()
	if !websocket.IsCloseError(err, websocket.CloseMessageTooBig) {
		t.Errorf("got %v, want close 1009 (message too big)", err)
	}
}

func TestSimulateHTTP(t *testing.T) {
	srv := testServer(t, WithLimits(1024, 10))
	tests := []struct {
		name       string
		body       string
		wantStatus int
		wantText   string
	}{
		{"scenario", `{"request":{"method":"GET","path":"/"}}`, 200, `"echo"`},
		{"bad scenario", `{nope`, 400, "not JSON"},
		{"too large", `{"pad":"` + strings.Repeat("x", 4096) + `"}`, 413, "larger than 1024 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Post(srv.URL+"/api/simulate", "application/json", strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.wantStatus || !strings.Contains(string(body), tt.wantText) {
				t.Errorf("got %d %s, want %d containing %q", resp.StatusCode, body, tt.wantStatus, tt.wantText)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q", ct)
			}
		})
	}
}

func TestSimulatorPanicIsAnError(t *testing.T) {
	srv := testServer(t, WithSimulator(func([]byte) ([]byte, error) { panic("boom") }))
	resp, err := http.Post(srv.URL+"/api/simulate", "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 400 || !strings.Contains(string(body), "internal error") {
		t.Errorf("got %d %s, want 400 with an internal error message", resp.StatusCode, body)
	}
}

func TestPageSecurityHeaders(t *testing.T) {
	srv := testServer(t, WithFrameAncestors("https://docs.example.com"))
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	if !bytes.HasPrefix(body, []byte("<!doctype html>")) {
		t.Errorf("page does not start with a doctype: %.40q", body)
	}
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors https://docs.example.com", "base-uri 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	nonce := regexp.MustCompile(`'nonce-([^']+)'`).FindStringSubmatch(csp)
	if nonce == nil || !bytes.Contains(body, []byte(`name="csp-nonce" content="`+nonce[1]+`"`)) {
		t.Errorf("the page does not carry the CSP's style nonce")
	}
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("X-Content-Type-Options is not nosniff")
	}
	for _, want := range []string{`data-playground=`, `data-trace=`, `id="presets"`, `data-testid="playground"`} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("page lacks %s", want)
		}
	}
}

// TestEveryPageForbidsOtherSitesFrames pins the default: each HTML page, the embed pages
// and the 404 among them, may be framed only by this server's own pages until the operator
// names other sites with -frame-ancestors.
func TestEveryPageForbidsOtherSitesFrames(t *testing.T) {
	srv := testServer(t)
	for _, path := range []string{"/", "/embed/playground", "/lessons", "/lessons/proxy-response", "/embed/lessons/proxy-response", "/embed/lessons/nope", "/nope"} {
		t.Run(path, func(t *testing.T) {
			resp, err := http.Get(srv.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Fatalf("Content-Type = %q, want an HTML page", ct)
			}
			csp := resp.Header.Get("Content-Security-Policy")
			if !strings.Contains(csp, "; frame-ancestors 'self'") || strings.Count(csp, "frame-ancestors") != 1 {
				t.Errorf("CSP %q: want frame-ancestors 'self' and nothing else", csp)
			}
		})
	}
}

// TestEmbedScript checks /embed.js, the script doc authors include beside their frames: a
// script with the resize message type the embed pages send, revalidated on every use so a
// new version reaches pages that cannot change the URL they include.
func TestEmbedScript(t *testing.T) {
	srv := testServer(t)
	resp, err := http.Get(srv.URL + "/embed.js")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") {
		t.Fatalf("got %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("Cache-Control = %q, want no-cache", cc)
	}
	if !bytes.Contains(body, []byte(`'apigw-playground:resize'`)) {
		t.Error("embed.js does not listen for apigw-playground:resize")
	}
}

func TestIndexOpensPreset(t *testing.T) {
	srv := testServer(t)
	resp, err := http.Get(srv.URL + "/?preset=custom-error-404")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Contains(body, []byte("Not found: pet 42")) {
		t.Error("?preset= did not open that preset")
	}
}

func TestStaticAssets(t *testing.T) {
	s, err := newServer(WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	url := srv.URL + s.assets.url("app.js")
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatal("app.js is not served gzipped")
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	js, _ := io.ReadAll(zr)
	if !bytes.Equal(js, s.assets.byName["app.js"].body) {
		t.Error("gzipped app.js differs from the embedded file")
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("versioned asset Cache-Control = %q, want immutable", cc)
	}
	req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
	again, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	again.Body.Close()
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation got %d, want 304", again.StatusCode)
	}
	if r, _ := http.Get(srv.URL + "/static/nope.js"); r.StatusCode != 404 {
		t.Errorf("missing asset got %d", r.StatusCode)
	}
}
