// Package web serves the playground: the page (templ components), its embedded assets, the
// HTTP simulate API and the websocket that carries live edits to the simulator and traces
// back. It does no simulation itself: every scenario goes through one Simulator.
package web

import (
	"bufio"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"time"

	"github.com/apigw-playground/playground/lessons"
)

// Simulator turns a scenario document (JSON) into its trace document (JSON). An error means
// the scenario itself could not be read; its message names the field. The default is
// sim.Simulate.
type Simulator func(scenario []byte) (trace []byte, err error)

// Option configures a server.
type Option func(*server) error

// WithLogger sets the logger for requests and connections; the default is slog.Default().
func WithLogger(l *slog.Logger) Option {
	return func(s *server) error { s.log = l; return nil }
}

// WithSimulator replaces the simulator; tests use it to pin behaviour.
func WithSimulator(sim Simulator) Option {
	return func(s *server) error { s.simulate = sim; return nil }
}

// WithAllowedOrigins lists the origins (scheme://host[:port]) whose pages may open the
// websocket. Without it only pages served by this server itself may (same host). "*"
// allows every origin, for a trainer's throwaway server.
func WithAllowedOrigins(origins ...string) Option {
	return func(s *server) error {
		for _, o := range origins {
			o = strings.TrimSpace(o)
			if o == "" {
				continue
			}
			if o != "*" {
				u, err := url.Parse(o)
				if err != nil || u.Scheme == "" || u.Host == "" {
					return fmt.Errorf("allow-origin %q: want scheme://host[:port], e.g. https://docs.example.com", o)
				}
				o = strings.ToLower(u.Scheme + "://" + u.Host)
			}
			s.allowedOrigins[o] = true
		}
		return nil
	}
}

// WithFrameAncestors sets the CSP frame-ancestors sources of the pages: the sites that may
// show them in a frame (an internal wiki embedding /embed/lessons/...). The default allows
// only this server's own pages.
func WithFrameAncestors(sources string) Option {
	return func(s *server) error {
		sources = strings.TrimSpace(sources)
		if sources == "" || strings.ContainsAny(sources, ";,\r\n") {
			return fmt.Errorf("frame-ancestors %q: want space-separated CSP sources, e.g. 'self' https://wiki.example.com", sources)
		}
		s.frameAncestors = sources
		return nil
	}
}

// WithLimits sets the largest scenario accepted (bytes, over HTTP or in one websocket
// message) and how many websocket messages a connection may send per second.
func WithLimits(maxScenarioBytes int64, messagesPerSecond float64) Option {
	return func(s *server) error {
		if maxScenarioBytes <= 0 || messagesPerSecond <= 0 {
			return fmt.Errorf("limits must be positive")
		}
		s.maxScenarioBytes, s.messagesPerSecond = maxScenarioBytes, messagesPerSecond
		return nil
	}
}

// server is the playground's HTTP server: one value, handlers as methods.
type server struct {
	log               *slog.Logger
	simulate          Simulator
	allowedOrigins    map[string]bool
	frameAncestors    string
	maxScenarioBytes  int64
	messagesPerSecond float64
	// busy bounds the simulations running at once, so a burst of requests queues instead
	// of starving the machine.
	busy chan struct{}
	// httpLimits is the HTTP API's rate limit per client; the websocket has its own per
	// connection.
	httpLimits *clientLimits
	assets     *assets
	presets    []Preset
	lessons    *lessons.Library
	// checksVersion versions the URL of lessons' checks.js.
	checksVersion string
	mux           *http.ServeMux
}

// Defaults: a scenario is a few templates and bodies, far below 512 KiB; a person typing
// with a debounce sends a handful of messages a second.
const (
	defaultMaxScenarioBytes  = 512 << 10
	defaultMessagesPerSecond = 20
)

func newServer(opts ...Option) (*server, error) {
	s := &server{
		log:               slog.Default(),
		simulate:          simulateScenario,
		allowedOrigins:    map[string]bool{},
		frameAncestors:    "'self'",
		maxScenarioBytes:  defaultMaxScenarioBytes,
		messagesPerSecond: defaultMessagesPerSecond,
		busy:              make(chan struct{}, 2*runtime.NumCPU()),
		httpLimits:        newClientLimits(httpRequestsPerSecond, httpBurst, maxTrackedClients, time.Now),
	}
	for _, opt := range opts {
		if err := opt(s); err != nil {
			return nil, err
		}
	}
	a, err := loadAssets()
	if err != nil {
		return nil, err
	}
	s.assets = a
	if s.presets, err = loadPresets(); err != nil {
		return nil, err
	}
	if s.lessons == nil {
		if s.lessons, err = lessons.Load(lessons.Content()); err != nil {
			return nil, fmt.Errorf("the embedded lessons: %w", err)
		}
	}
	sum := sha256.Sum256(lessons.CheckScript)
	s.checksVersion = hex.EncodeToString(sum[:8])
	s.routes()
	return s, nil
}

// New returns the playground's HTTP handler.
func New(opts ...Option) (http.Handler, error) {
	s, err := newServer(opts...)
	if err != nil {
		return nil, err
	}
	return s, nil
}

func (s *server) routes() {
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("GET /{$}", s.handleIndex)
	s.mux.HandleFunc("GET /embed/playground", s.handleIndex)
	s.mux.HandleFunc("GET /lessons", s.handleLessons)
	s.mux.HandleFunc("GET /lessons/checks.js", s.handleChecksScript)
	s.mux.HandleFunc("GET /lessons/{slug}", s.handleLesson)
	s.mux.HandleFunc("GET /embed/lessons/{slug}", s.handleLesson)
	s.mux.HandleFunc("GET /static/{name}", s.handleStatic)
	s.mux.HandleFunc("GET /embed.js", s.handleEmbedScript)
	s.mux.HandleFunc("GET /api/presets", s.handlePresets)
	s.mux.HandleFunc("POST /api/simulate", s.handleSimulate)
	s.mux.HandleFunc("POST /api/decode", s.handleDecode)
	s.mux.HandleFunc("GET /ws", s.handleWebsocket)
	s.mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		s.notFound(w, r, "There is no page at "+r.URL.Path+".")
	})
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
}

// ServeHTTP sets the security headers every answer carries, then routes.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	s.mux.ServeHTTP(sw, r)
	if r.URL.Path != "/ws" {
		s.log.Debug("http", "method", r.Method, "path", r.URL.Path, "status", sw.status, "dur", time.Since(start))
	}
}

// contentSecurityPolicy is the policy of an HTML page. Scripts come only from this server;
// CodeMirror's injected styles carry the nonce; nothing from a scenario can run, because it
// is only ever put into the page as text.
func (s *server) contentSecurityPolicy(nonce string) string {
	return strings.Join([]string{
		"default-src 'none'",
		"script-src 'self'",
		"style-src 'self' 'nonce-" + nonce + "'",
		"img-src 'self' data:",
		"connect-src 'self'",
		"font-src 'self'",
		"base-uri 'none'",
		"form-action 'none'",
		"frame-ancestors " + s.frameAncestors,
	}, "; ")
}

func newNonce() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return base64.RawStdEncoding.EncodeToString(b[:])
}

// statusWriter remembers the status for the request log and still lets the websocket
// upgrade take the connection over.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) { w.status = code; w.ResponseWriter.WriteHeader(code) }

// Unwrap lets http.ResponseController (and the websocket upgrader's Hijack) reach the
// underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Hijack hands the connection to the websocket upgrader, which asks for http.Hijacker.
func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return http.NewResponseController(w.ResponseWriter).Hijack()
}
