package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// runSimulation runs one scenario with the server's simulator.
func (s *server) runSimulation(scenario []byte) (trace json.RawMessage, err error) {
	return s.guarded(s.simulate, scenario)
}

// guarded runs work on a scenario document, one of a bounded number at a time, and turns a
// panic into an error: no scenario may take the server down.
func (s *server) guarded(work func([]byte) ([]byte, error), scenario []byte) (out json.RawMessage, err error) {
	s.busy <- struct{}{}
	defer func() { <-s.busy }()
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("simulator panicked", "panic", p)
			out, err = nil, fmt.Errorf("internal error: the simulator failed on this scenario (%v)", p)
		}
	}()
	return work(scenario)
}

// handleSimulate answers POST /api/simulate: a scenario in, its trace out.
func (s *server) handleSimulate(w http.ResponseWriter, r *http.Request) {
	s.answerJSON(w, r, s.runSimulation)
}

// handleDecode answers POST /api/decode: a scenario document in, JSON or YAML, and the same
// scenario out as JSON, checked as /api/simulate checks it. The page opens files through
// it, so that a YAML file needs no YAML parser in the page and a broken file is refused,
// with the field or line named, before it replaces the user's work.
func (s *server) handleDecode(w http.ResponseWriter, r *http.Request) {
	s.answerJSON(w, r, func(doc []byte) (json.RawMessage, error) { return s.guarded(scenarioJSON, doc) })
}

// answerJSON is the HTTP API's shape: a rate limit per client, a scenario document in the
// body (bounded), and JSON out — work's answer, or 400 with its error as the message.
func (s *server) answerJSON(w http.ResponseWriter, r *http.Request, work func([]byte) (json.RawMessage, error)) {
	if !s.allowHTTP(w, r) {
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxScenarioBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeJSONError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("scenario is larger than %d bytes", s.maxScenarioBytes))
			return
		}
		writeJSONError(w, http.StatusBadRequest, "reading the scenario: "+err.Error())
		return
	}
	out, err := work(body)
	if err != nil {
		writeJSONError(w, http.StatusBadRequest, err.Error())
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Set("Vary", "Accept-Encoding")
	writeMaybeGzipped(w, r, http.StatusOK, out)
}

func writeJSONError(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"message": message})
}
