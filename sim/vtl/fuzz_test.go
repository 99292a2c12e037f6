package vtl

import (
	"os"
	"strings"
	"testing"
	"time"
)

// fuzzSeeds are the golden templates: every construct the engine knows.
func fuzzSeeds(f *testing.F) {
	data, err := os.ReadFile("testdata/cases.txt")
	if err != nil {
		f.Fatal(err)
	}
	for _, c := range strings.Split(string(data), "\n----\n") {
		f.Add(c)
	}
}

// FuzzParse: no input makes the parser panic; errors carry a position.
func FuzzParse(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		_, err := Parse(src)
		if e, ok := err.(*Error); ok && (e.Line < 1 || e.Column < 1) {
			t.Fatalf("bad position %d:%d", e.Line, e.Column)
		}
	})
}

// FuzzRender: rendering any template under tight limits ends without a panic.
func FuzzRender(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		tmpl, err := Parse(src)
		if err != nil {
			return
		}
		ctx, _ := decodeJSON(testContext)
		_, _, err = tmpl.Render(Vars{{"context", ctx}}, Options{MaxOutputBytes: 1 << 16, Timeout: 200 * time.Millisecond, RegexTimeout: 10 * time.Millisecond})
		if e, ok := err.(*Error); ok && strings.HasPrefix(e.Message, "internal error") {
			t.Fatal(e.Message)
		}
	})
}
