package custom

import (
	"strings"

	"github.com/apigw-playground/playground/sim/scenario"
	"github.com/apigw-playground/playground/sim/testlog"
)

// remappedResponseHeaders are renamed x-amzn-Remapped-<Name> when a method response sets
// them, because API Gateway owns them on the way out (AWS-recorded,
// test_apigateway_header_remapping_aws[AWS] response-headers).
var remappedResponseHeaders = []string{
	"Authorization", "Connection", "Content-Length", "Content-MD5", "Date", "Expect", "Host",
	"Max-Forwards", "Proxy-Authenticate", "Server", "Trailer", "Upgrade", "User-Agent", "WWW-Authenticate",
}

// droppedResponseHeaders are never sent from a method response mapping: Transfer-Encoding
// is dropped, and Via is replaced by API Gateway's own (AWS-recorded, same test).
var droppedResponseHeaders = []string{"Transfer-Encoding", "Via"}

func containsFold(list []string, name string) bool {
	for _, n := range list {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

// responseHeaderName is the name a mapped method response header goes out under, or ""
// when API Gateway drops it.
func responseHeaderName(name string) string {
	switch {
	case containsFold(droppedResponseHeaders, name):
		return ""
	case containsFold(remappedResponseHeaders, name):
		return "x-amzn-Remapped-" + name
	}
	return name
}

// headerValues returns every value of the named header, matched case-insensitively as
// HTTP header names are.
func headerValues(h scenario.Headers, name string) []string {
	var out []string
	for _, hd := range h {
		if strings.EqualFold(hd.Name, name) {
			out = append(out, hd.Values...)
		}
	}
	return out
}

// headerList is headers in order, names matched case-insensitively as HTTP matches them.
type headerList [][2]string

// index is the position of the named header, or -1.
func (h headerList) index(name string) int {
	for i := range h {
		if strings.EqualFold(h[i][0], name) {
			return i
		}
	}
	return -1
}

// set replaces the named header's value, or adds the header at the end.
func (h *headerList) set(name, value string) {
	if i := h.index(name); i >= 0 {
		(*h)[i][1] = value
		return
	}
	*h = append(*h, [2]string{name, value})
}

// pairs lists the headers for the Test log.
func (h headerList) pairs() []testlog.Pair {
	out := make([]testlog.Pair, len(h))
	for i, kv := range h {
		out[i] = testlog.Pair{Key: kv[0], Value: kv[1]}
	}
	return out
}
