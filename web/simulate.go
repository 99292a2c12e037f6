package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// runSimulation runs one scenario with the server's simulator, one of a bounded number at a
// time, and turns a panic into an error: no scenario may take the server down.
func (s *server) runSimulation(scenario []byte) (trace json.RawMessage, err error) {
	s.busy <- struct{}{}
	defer func() { <-s.busy }()
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("simulator panicked", "panic", p)
			trace, err = nil, fmt.Errorf("internal error: the simulator failed on this scenario (%v)", p)
		}
	}()
	return s.simulate(scenario)
}

// handleSimulate answers POST /api/simulate: a scenario in, its trace out.
func (s *server) handleSimulate(w http.ResponseWriter, r *http.Request) {
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
	trace, err := s.runSimulation(body)
	if err != nil {
		writeJSONError(w, http.StatusBadRequest, err.Error())
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Set("Vary", "Accept-Encoding")
	writeMaybeGzipped(w, r, http.StatusOK, trace)
}

func writeJSONError(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"message": message})
}
