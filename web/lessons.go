package web

import (
	"net/http"

	"github.com/apigw-playground/playground/lessons"
)

// WithLessons serves this library at /lessons (an instructor's own directory, say); the
// default is the lessons embedded in the binary.
func WithLessons(lib *lessons.Library) Option {
	return func(s *server) error { s.lessons = lib; return nil }
}

func (s *server) handleLessons(w http.ResponseWriter, r *http.Request) {
	d := s.pageData("Lessons · API Gateway ⇄ Lambda playground")
	d.Section = "lessons"
	s.renderPage(w, r, http.StatusOK, lessonsIndex(d, s.lessons.Lessons()))
}

// handleLesson serves /lessons/{slug}, and /embed/lessons/{slug} for other sites' frames.
func (s *server) handleLesson(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	embed := r.URL.Path != "/lessons/"+slug
	l, ok := s.lessons.Lesson(slug)
	if !ok {
		s.notFound(w, r, "There is no lesson "+quote(slug)+".")
		return
	}
	d := s.pageData(l.Title + " · API Gateway ⇄ Lambda playground")
	d.Section = "lessons"
	d.Embed = embed
	d.ChecksJS = "/lessons/checks.js?v=" + s.checksVersion
	s.renderPage(w, r, http.StatusOK, lessonPage(d, l, s.lessons.Lessons(), s.lessons.Previous(slug), s.lessons.Next(slug)))
}

// handleChecksScript serves the exercises' check evaluator, the twin of lessons.Check.
func (s *server) handleChecksScript(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/javascript; charset=utf-8")
	if r.URL.Query().Get("v") == s.checksVersion {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	h.Set("Vary", "Accept-Encoding")
	writeMaybeGzipped(w, r, http.StatusOK, lessons.CheckScript)
}

func (s *server) notFound(w http.ResponseWriter, r *http.Request, what string) {
	d := s.pageData("Not found · API Gateway ⇄ Lambda playground")
	s.renderPage(w, r, http.StatusNotFound, notFoundPage(d, what))
}

// current is the aria-current value of a navigation link.
func current(on bool) string {
	if on {
		return "page"
	}
	return "false"
}

func boolAttr(on bool) string {
	if on {
		return "true"
	}
	return "false"
}
