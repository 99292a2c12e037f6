package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/apigw-playground/playground/static"
)

// asset is one embedded file, compressed once at start-up so every answer is a copy.
type asset struct {
	body, gzipped []byte
	contentType   string
	etag          string
}

// assets are the embedded static files by name, with the versioned URLs the page links to.
type assets struct {
	byName map[string]*asset
}

func loadAssets() (*assets, error) {
	a := &assets{byName: map[string]*asset{}}
	err := fs.WalkDir(static.FS, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(name, ".go") {
			return err
		}
		body, err := fs.ReadFile(static.FS, name)
		if err != nil {
			return err
		}
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		zw.Write(body)
		zw.Close()
		sum := sha256.Sum256(body)
		ctype := mime.TypeByExtension(path.Ext(name))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		a.byName[name] = &asset{body: body, gzipped: gz.Bytes(), contentType: ctype, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading embedded assets: %w", err)
	}
	for _, need := range []string{"app.js", "app.css", "embed.js"} {
		if a.byName[need] == nil {
			return nil, fmt.Errorf("embedded asset static/%s is missing: rebuild it with `go generate ./web`", need)
		}
	}
	return a, nil
}

// url is the versioned address of an asset: a new build gets a new URL, so browsers may
// cache each one for ever.
func (a *assets) url(name string) string {
	return "/static/" + name + "?v=" + strings.Trim(a.byName[name].etag, `"`)
}

func (s *server) handleStatic(w http.ResponseWriter, r *http.Request) {
	s.serveAsset(w, r, r.PathValue("name"))
}

// handleEmbedScript serves static/embed.js at /embed.js, the short address doc authors put
// in their pages to size the playground's frames.
func (s *server) handleEmbedScript(w http.ResponseWriter, r *http.Request) {
	s.serveAsset(w, r, "embed.js")
}

func (s *server) serveAsset(w http.ResponseWriter, r *http.Request, name string) {
	a := s.assets.byName[name]
	if a == nil {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	h.Set("ETag", a.etag)
	h.Set("Vary", "Accept-Encoding")
	// A versioned URL, or a chunk named by its content hash, never changes.
	if r.URL.Query().Get("v") != "" || strings.HasPrefix(name, "chunk-") {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	if r.Header.Get("If-None-Match") == a.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := a.body
	if acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body = a.gzipped
	}
	h.Set("Content-Length", fmt.Sprint(len(body)))
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		if strings.TrimSpace(strings.SplitN(part, ";", 2)[0]) == "gzip" {
			return true
		}
	}
	return false
}
