package sim_test

import (
	"bytes"
	"encoding/base64"
	"testing"

	"github.com/apigw-playground/playground/sim"
)

// benchScenario is a typical proxy call: a JSON body, a query string, repeated headers,
// the event echoed back. Every keystroke in the page runs one of these.
var benchScenario = []byte(`{
  "request": {
    "method": "POST",
    "path": "/pets/42?tag=a&tag=b",
    "headers": {"Content-Type": "application/json", "X-Trace": ["one", "two"], "User-Agent": "bench"},
    "body": "{\"name\": \"Rex\", \"tags\": [\"a\", \"b\"]}"
  },
  "api": {"resource": "/pets/{petId}", "stageVariables": {"alias": "live"}},
  "lambda": {"handler": "proxy-echo"}
}`)

func BenchmarkDecodeScenario(b *testing.B) {
	for b.Loop() {
		if _, err := sim.DecodeScenario(benchScenario); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRunProxy(b *testing.B) {
	sc, err := sim.DecodeScenario(benchScenario)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		sim.Run(sc)
	}
}

// BenchmarkSimulate is what every front end runs per keystroke: document in, trace out,
// routed once. BenchmarkDecodeThenRun is the same with the two separate calls, which
// default, check and route twice; the difference is what Simulate saves. The second case
// uploads 64 KiB of binary, which routing base64-decodes.
func BenchmarkSimulate(b *testing.B) {
	for _, c := range simulateCases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := sim.Simulate(c.doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecodeThenRun(b *testing.B) {
	for _, c := range simulateCases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				sc, err := sim.DecodeScenario(c.doc)
				if err != nil {
					b.Fatal(err)
				}
				sim.Run(sc)
			}
		})
	}
}

var simulateCases = []struct {
	name string
	doc  []byte
}{
	{"proxy-echo", benchScenario},
	{"binary-64KiB", []byte(`{"request": {"method": "PUT", "path": "/upload", "isBase64Encoded": true,
		"headers": {"Content-Type": "application/octet-stream"},
		"body": "` + base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{0, 1, 2, 250}, 16<<10)) + `"},
		"api": {"binaryMediaTypes": ["application/octet-stream"]},
		"lambda": {"result": {"statusCode": 204, "body": ""}}}`)},
}
