package web

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorilla/websocket"
)

// BenchmarkWebsocketRoundTrip measures one edit's round trip as the page makes it: a
// simulate message over a live websocket, the real simulator, the trace back.
func BenchmarkWebsocketRoundTrip(b *testing.B) {
	presets, err := loadPresets()
	if err != nil {
		b.Fatal(err)
	}
	for _, slug := range []string{"proxy-hello-world", "custom-hide-fields"} {
		b.Run(slug, func(b *testing.B) {
			var scenario []byte
			for _, p := range presets {
				if p.Slug == slug {
					scenario = p.Scenario
				}
			}
			s, err := newServer(WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))), WithLimits(1<<20, 1e9))
			if err != nil {
				b.Fatal(err)
			}
			srv := httptest.NewServer(s)
			defer srv.Close()
			c, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(srv.URL, "http")+"/ws", nil)
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			msg := []byte(`{"type":"simulate","id":1,"scenario":` + string(scenario) + `}`)
			b.ResetTimer()
			for b.Loop() {
				if err := c.WriteMessage(websocket.TextMessage, msg); err != nil {
					b.Fatal(err)
				}
				if _, _, err := c.ReadMessage(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
