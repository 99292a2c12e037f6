package web

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestTokenBucket(t *testing.T) {
	clock := &fakeClock{t: time.Unix(0, 0)}
	b := newTokenBucket(2, 4, clock.now)
	took := 0
	for {
		ok, wait := b.take()
		if !ok {
			if wait != 500*time.Millisecond {
				t.Errorf("empty bucket: wait %v, want 500ms (one token at 2 a second)", wait)
			}
			break
		}
		took++
	}
	if took != 4 {
		t.Errorf("burst = %d, want 4", took)
	}
	clock.advance(time.Second)
	for i, want := range []bool{true, true, false} {
		if ok, _ := b.take(); ok != want {
			t.Errorf("after one second, take #%d = %v, want exactly 2 more", i+1, ok)
		}
	}
}

func TestClientLimits(t *testing.T) {
	clock := &fakeClock{t: time.Unix(0, 0)}
	c := newClientLimits(1, 2, 2, clock.now)
	take := func(client string) bool { ok, _ := c.take(client); return ok }

	if !take("a") || !take("a") || take("a") {
		t.Fatal("client a: want a burst of 2, then refused")
	}
	if !take("b") {
		t.Fatal("client b is limited by client a's requests")
	}
	clock.advance(time.Second)
	if !take("a") || take("a") {
		t.Error("client a after one second: want exactly one more")
	}

	// A third client makes room by forgetting the one seen longest ago (b, since a was
	// just seen); the table never holds more than max.
	take("c")
	if c.recent.Len() != 2 || len(c.byKey) != 2 || c.byKey["b"] != nil || c.byKey["a"] == nil {
		t.Errorf("after a third client: tracking %v, want a and c", keys(c))
	}
	for i := range 1000 {
		take(fmt.Sprint("client-", i))
	}
	if c.recent.Len() != 2 || len(c.byKey) != 2 {
		t.Errorf("tracking %d clients, want at most 2", len(c.byKey))
	}
}

func keys(c *clientLimits) []string {
	var out []string
	for e := c.recent.Front(); e != nil; e = e.Next() {
		out = append(out, e.Value.(*clientBucket).key)
	}
	return out
}

func TestClientKey(t *testing.T) {
	for addr, want := range map[string]string{
		"192.0.2.7:51234":            "192.0.2.7",
		"[::ffff:192.0.2.7]:80":      "192.0.2.7",
		"[2001:db8:1:2:aaaa::1]:443": "2001:db8:1:2::/64",
		"[2001:db8:1:2:bbbb::9]:443": "2001:db8:1:2::/64",
		"[fe80::1%eth0]:80":          "fe80::/64",
		"not an address":             "not an address",
		"@":                          "@",
	} {
		if got := clientKey(addr); got != want {
			t.Errorf("clientKey(%q) = %q, want %q", addr, got, want)
		}
	}
}

// TestHTTPRateLimit drives POST /api/simulate past one client's limit on a fake clock:
// 429 with a JSON message and Retry-After in whole seconds, other clients unaffected, and
// the client let through again once the wait has passed.
func TestHTTPRateLimit(t *testing.T) {
	clock := &fakeClock{t: time.Unix(0, 0)}
	s, err := newServer(WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))), WithSimulator(echoSimulator))
	if err != nil {
		t.Fatal(err)
	}
	s.httpLimits = newClientLimits(0.4, 2, 16, clock.now)
	post := func(remote string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("POST", "/api/simulate", strings.NewReader(`{"request":{}}`))
		r.RemoteAddr = remote
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		return w
	}
	for i := range 2 {
		if w := post("192.0.2.1:1000"); w.Code != 200 {
			t.Fatalf("request %d within the burst: %d %s", i+1, w.Code, w.Body)
		}
	}
	w := post("192.0.2.1:1001") // another connection from the same address
	if w.Code != http.StatusTooManyRequests {
		t.Fatalf("past the burst: got %d, want 429", w.Code)
	}
	if ra := w.Header().Get("Retry-After"); ra != "3" {
		t.Errorf("Retry-After = %q, want 3 (2.5 s to the next token, rounded up)", ra)
	}
	var body struct{ Message string }
	if ct := w.Header().Get("Content-Type"); ct != "application/json" || json.Unmarshal(w.Body.Bytes(), &body) != nil || !strings.Contains(body.Message, "too many requests") {
		t.Errorf("429 answer: %s %s, want a JSON message", ct, w.Body)
	}
	if w := post("198.51.100.2:1000"); w.Code != 200 {
		t.Errorf("another client got %d, want 200", w.Code)
	}
	if w := post("192.0.2.1:1000"); w.Code != 429 {
		t.Errorf("before Retry-After: got %d, want 429", w.Code)
	}
	clock.advance(3 * time.Second)
	if w := post("192.0.2.1:1000"); w.Code != 200 {
		t.Errorf("after Retry-After: got %d, want 200", w.Code)
	}
}
