package web

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strconv"

	"github.com/a-h/templ"
)

//go:generate go tool templ generate -path ..
//go:generate sh -c "rm -f ../static/chunk-*.js && cd editor && go tool esbuild src/main.js --bundle --splitting --minify --format=esm --target=es2020 --legal-comments=none --entry-names=app --chunk-names=chunk-[hash] --outdir=../../static"

// handleIndex serves the playground page, opened on ?preset=slug or the first preset.
func (s *server) handleIndex(w http.ResponseWriter, r *http.Request) {
	initial := s.presets[0]
	if slug := r.URL.Query().Get("preset"); slug != "" {
		for _, p := range s.presets {
			if p.Slug == slug {
				initial = p
			}
		}
	}
	d := s.pageData("API Gateway ⇄ Lambda playground")
	d.Section = "playground"
	d.Embed = r.URL.Path == "/embed/playground"
	d.Initial = string(initial.Scenario)
	if trace, err := s.runSimulation(initial.Scenario); err == nil {
		d.InitialTrace = string(trace)
	}
	s.renderPage(w, r, http.StatusOK, playgroundPage(d))
}

func (s *server) pageData(title string) pageData {
	return pageData{
		Title:   title,
		AppJS:   s.assets.url("app.js"),
		AppCSS:  s.assets.url("app.css"),
		Favicon: s.assets.url("favicon.svg"),
		Presets: s.presets,
	}
}

// renderPage renders a templ page with a fresh CSP nonce (CodeMirror puts it on the styles
// it injects) and compresses it when the browser accepts gzip.
func (s *server) renderPage(w http.ResponseWriter, r *http.Request, status int, page templ.Component) {
	nonce := newNonce()
	ctx := templ.WithNonce(r.Context(), nonce)
	var buf bytes.Buffer
	if err := page.Render(ctx, &buf); err != nil {
		s.log.Error("rendering page", "path", r.URL.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", s.contentSecurityPolicy(nonce))
	h.Set("Cache-Control", "no-cache")
	h.Set("Vary", "Accept-Encoding")
	writeMaybeGzipped(w, r, status, buf.Bytes())
}

// writeMaybeGzipped writes body, gzipped when the client accepts it and it is worth it.
func writeMaybeGzipped(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	if len(body) > 1024 && acceptsGzip(r) {
		var gz bytes.Buffer
		zw := gzip.NewWriter(&gz)
		zw.Write(body)
		zw.Close()
		body = gz.Bytes()
		w.Header().Set("Content-Encoding", "gzip")
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}
