package web

import (
	"container/list"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"
)

// tokenBucket is a rate limit: rate tokens a second, at most burst saved up. Each
// websocket connection has one, and each client of the HTTP API (clientLimits).
type tokenBucket struct {
	rate, burst, tokens float64
	last                time.Time
	now                 func() time.Time
}

func newTokenBucket(rate, burst float64, now func() time.Time) *tokenBucket {
	return &tokenBucket{rate: rate, burst: burst, tokens: burst, last: now(), now: now}
}

// take spends a token if there is one. When there is none, wait is how long until there
// is, which an HTTP client is told in Retry-After.
func (b *tokenBucket) take() (ok bool, wait time.Duration) {
	t := b.now()
	b.tokens = min(b.burst, b.tokens+t.Sub(b.last).Seconds()*b.rate)
	b.last = t
	if b.tokens < 1 {
		return false, time.Duration((1 - b.tokens) / b.rate * float64(time.Second))
	}
	b.tokens--
	return true, 0
}

// The HTTP API's limit per client, shared by POST /api/simulate and /api/decode (a file
// opened). The page sends its edits over the websocket (limited per connection); it uses
// POST /api/simulate only while its socket is down, or always
// when a proxy on the way blocks websockets — the case to size for is then a classroom of
// 30 behind one NAT address, all editing at once. A person's edits reach the server at
// most once per debounce (180 ms) and in practice one to three times a second while
// typing, twice that in compare mode: 30 people at 2 a second is 60 a second, and a burst
// of 6 each (everyone's page falling back at once after a restart, with compare mode on)
// is 180. A script hammering the API from one address gets the same 60 a second, and no
// more than twice the CPUs' simulations run at once, whoever asks. There is no flag (no
// limit has one): raise the constants if a larger class shares one address.
const (
	httpRequestsPerSecond = 60
	httpBurst             = 180
	// maxTrackedClients bounds the memory the limits take (a bucket is under 200 bytes):
	// past it, the client seen longest ago is forgotten and starts afresh with a full
	// bucket, as it would after a pause anyway.
	maxTrackedClients = 4096
)

// clientLimits holds a token bucket per client of the HTTP API, at most max of them, the
// least recently seen evicted first.
type clientLimits struct {
	rate, burst float64
	max         int
	now         func() time.Time

	mu     sync.Mutex
	recent *list.List // of *clientBucket, most recently seen first
	byKey  map[string]*list.Element
}

type clientBucket struct {
	key    string
	bucket *tokenBucket
}

func newClientLimits(rate, burst float64, max int, now func() time.Time) *clientLimits {
	return &clientLimits{rate: rate, burst: burst, max: max, now: now, recent: list.New(), byKey: map[string]*list.Element{}}
}

// take spends one of the client's tokens, or says how long it must wait for one.
func (c *clientLimits) take(client string) (ok bool, wait time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.byKey[client]
	if e != nil {
		c.recent.MoveToFront(e)
	} else {
		if c.recent.Len() >= c.max {
			oldest := c.recent.Back()
			delete(c.byKey, oldest.Value.(*clientBucket).key)
			c.recent.Remove(oldest)
		}
		e = c.recent.PushFront(&clientBucket{key: client, bucket: newTokenBucket(c.rate, c.burst, c.now)})
		c.byKey[client] = e
	}
	return e.Value.(*clientBucket).bucket.take()
}

// allowHTTP spends a token of the request's client and, when it has none left, answers
// 429 with the seconds to wait in Retry-After (rounded up: a client that waits that long
// gets through) and says so in the JSON error body the API's clients already read.
func (s *server) allowHTTP(w http.ResponseWriter, r *http.Request) bool {
	ok, wait := s.httpLimits.take(clientKey(r.RemoteAddr))
	if ok {
		return true
	}
	seconds := int(math.Ceil(wait.Seconds()))
	w.Header().Set("Retry-After", strconv.Itoa(seconds))
	writeJSONError(w, http.StatusTooManyRequests, fmt.Sprintf("too many requests from your address: try again in %d s", seconds))
	return false
}

// clientKey names the client a request comes from: its IP address as the connection shows
// it — no X-Forwarded-For, which any client can write, since no flag says a trusted proxy
// sets it. An IPv6 client is its /64, the block one host or home gets, so that cycling
// through its own addresses does not give it more buckets.
func clientKey(remoteAddr string) string {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	ip = ip.Unmap().WithZone("")
	if ip.Is6() {
		return netip.PrefixFrom(ip, 64).Masked().String()
	}
	return ip.String()
}
