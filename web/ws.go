package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gorilla/websocket"
)

// wsMessage is one message of the websocket protocol in shared/spec/scenario.md: the page
// sends "simulate"; the server answers "trace" or "error" with the same id.
type wsMessage struct {
	Type     string          `json:"type"`
	ID       int64           `json:"id"`
	Scenario json.RawMessage `json:"scenario,omitempty"`
	Trace    json.RawMessage `json:"trace,omitempty"`
	Message  string          `json:"message,omitempty"`
}

// originAllowed refuses websocket connections from pages the operator has not allowed: a
// page on another site must not drive a trainer's server with its visitors' browsers.
func (s *server) originAllowed(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true // not a browser: curl, the CLI, tests
	}
	if s.allowedOrigins["*"] {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false
	}
	if strings.EqualFold(u.Host, r.Host) {
		return true
	}
	return s.allowedOrigins[strings.ToLower(u.Scheme+"://"+u.Host)]
}

func (s *server) handleWebsocket(w http.ResponseWriter, r *http.Request) {
	if !s.originAllowed(r) {
		s.log.Warn("websocket refused", "origin", r.Header.Get("Origin"), "host", r.Host)
		http.Error(w, "origin not allowed (start the server with -allow-origin to allow it)", http.StatusForbidden)
		return
	}
	up := websocket.Upgrader{
		ReadBufferSize:    4096,
		WriteBufferSize:   4096,
		CheckOrigin:       func(*http.Request) bool { return true }, // checked above
		EnableCompression: true,
	}
	conn, err := up.Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader has answered
	}
	defer conn.Close()
	// A scenario inside the envelope: allow a little room for {"type":..,"id":..}.
	conn.SetReadLimit(s.maxScenarioBytes + 1024)
	s.log.Info("websocket open", "remote", r.RemoteAddr)
	defer s.log.Info("websocket closed", "remote", r.RemoteAddr)

	limit := newTokenBucket(s.messagesPerSecond, 2*s.messagesPerSecond, time.Now)
	for {
		var in wsMessage
		if err := conn.ReadJSON(&in); err != nil {
			if _, ok := err.(*json.SyntaxError); ok {
				if conn.WriteJSON(wsMessage{Type: "error", Message: "message is not JSON: " + err.Error()}) == nil {
					continue
				}
			}
			if err == websocket.ErrReadLimit {
				conn.WriteControl(websocket.CloseMessage,
					websocket.FormatCloseMessage(websocket.CloseMessageTooBig, "scenario too large"), time.Now().Add(time.Second))
			}
			return
		}
		out := s.answer(in, limit)
		conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if err := conn.WriteJSON(out); err != nil {
			return
		}
	}
}

// answer builds the reply to one message.
func (s *server) answer(in wsMessage, limit *tokenBucket) wsMessage {
	if in.Type != "simulate" {
		return wsMessage{Type: "error", ID: in.ID, Message: `unknown message type ` + quote(in.Type) + `; want "simulate"`}
	}
	if ok, _ := limit.take(); !ok {
		return wsMessage{Type: "error", ID: in.ID, Message: "too many messages: slow down"}
	}
	if len(in.Scenario) == 0 || string(in.Scenario) == "null" {
		return wsMessage{Type: "error", ID: in.ID, Message: "scenario: missing"}
	}
	trace, err := s.runSimulation(in.Scenario)
	if err != nil {
		return wsMessage{Type: "error", ID: in.ID, Message: err.Error()}
	}
	return wsMessage{Type: "trace", ID: in.ID, Trace: trace}
}

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }
