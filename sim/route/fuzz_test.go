package route

import (
	"strings"
	"testing"
)

// FuzzMatch: any resource template and path either match, fail to match, or give a
// template error; a match never yields an empty parameter value (AWS matches a parameter
// only against a non-empty segment).
func FuzzMatch(f *testing.F) {
	f.Add("/{proxy+}", "/a//b/")
	f.Add("/pets/{petId}", "/pets/42")
	f.Add("/a/{b}/{c+}", "/a/1/2/3?x")
	f.Add("/", "//")
	f.Fuzz(func(t *testing.T, resource, path string) {
		params, ok, err := Match(resource, path)
		if err != nil || !ok {
			return
		}
		for _, p := range params {
			if p.Value == "" || p.Name == "" {
				t.Fatalf("%q on %q gave %v", resource, path, params)
			}
		}
		if strings.Count(resource, "{") != len(params) {
			t.Fatalf("%q on %q gave %d parameters", resource, path, len(params))
		}
	})
}

// FuzzParseQuery: decoding never panics and keeps every non-empty pair.
func FuzzParseQuery(f *testing.F) {
	f.Add("a=1&a=2&b")
	f.Add("x=%zz+y;z=%41")
	f.Fuzz(func(t *testing.T, raw string) {
		params := ParseQuery(raw)
		if len(params) > len(raw) {
			t.Fatalf("%q gave %d parameters", raw, len(params))
		}
	})
}
