package jsonpath

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/apigw-playground/playground/sim/jv"
)

// jaywayCase is one line of testdata/jayway-cases.jsonl: what the oracle (Jayway JsonPath
// 2.0.0 over json-smart, as $input.json(path) prints it) answered for a body and a path.
type jaywayCase struct {
	Body  string `json:"body"`
	Path  string `json:"path"`
	JSON  string `json:"json"`
	Error string `json:"error"`
}

func readJaywayCases(t testing.TB) []jaywayCase {
	f, err := os.Open("testdata/jayway-cases.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []jaywayCase
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var c jaywayCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, c)
	}
	return cases
}

// TestEvalMatchesJayway replays paths recorded from the oracle over the same bodies.
func TestEvalMatchesJayway(t *testing.T) {
	for _, c := range readJaywayCases(t) {
		t.Run(c.Path, func(t *testing.T) {
			doc, err := jv.ParseJSON(c.Body)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Compile(c.Path)
			if c.Error != "" {
				if err == nil {
					t.Fatalf("compiled; Jayway refused it: %s", c.Error)
				}
				return
			}
			if err != nil {
				t.Fatalf("compile: %v", err)
			}
			v, err := p.Eval(doc)
			if err != nil {
				t.Fatal(err)
			}
			if got := jv.ToJSON(v); got != c.JSON {
				t.Errorf("got  %s\nwant %s", got, c.JSON)
			}
		})
	}
}

func TestDefinite(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"$", true},
		{"$.a.b", true},
		{"$['a']", true},
		{"$['a','b']", true},
		{"$.a[0]", true},
		{"$.a[0,1]", false},
		{"$.a[*]", false},
		{"$.a.*", false},
		{"$..a", false},
		{"$.a[1:2]", false},
		{"$.a[?(@.b)]", false},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			p, err := Compile(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if p.Definite() != tt.want {
				t.Errorf("Definite() = %v, want %v", p.Definite(), tt.want)
			}
		})
	}
}

func TestCompileCaches(t *testing.T) {
	a, err := Compile("$.cached.path")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Compile("$.cached.path")
	if a != b {
		t.Error("the second Compile of the same text should return the cached path")
	}
}

func TestCompileErrors(t *testing.T) {
	for _, path := range []string{"", "$.", "$..", "$[", "$.a b", "$[?(@.a", "$[?(@.a =~ /(/)]", "$[?(@.a in ['x'])]", "$['a'", "$[1:x]"} {
		t.Run(path, func(t *testing.T) {
			if _, err := Compile(path); err == nil {
				t.Fatal("want an error")
			} else if _, ok := err.(*Error); !ok {
				t.Fatalf("error type %T", err)
			}
		})
	}
}

func FuzzCompile(f *testing.F) {
	for _, c := range readJaywayCases(f) {
		f.Add(c.Path)
	}
	doc, _ := jv.ParseJSON(`{"a":[{"b":1,"c":"x"},{"b":[2,3]}],"d":{"e":null}}`)
	f.Fuzz(func(t *testing.T, path string) {
		p, err := Compile(path)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error type %T", err)
			}
			return
		}
		v, err := p.Eval(doc)
		if err != nil {
			return
		}
		if !p.Definite() {
			if _, ok := v.(*jv.List); !ok {
				t.Fatalf("indefinite path %q gave %T, want a list", path, v)
			}
		}
	})
}

func TestEvalBudget(t *testing.T) {
	doc, err := jv.ParseJSON(strings.Repeat(`{"a":[`, 12) + strings.Repeat(`]}`, 12))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Compile("$" + strings.Repeat("..*", 12))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Eval(doc); err != ErrTooMuchWork {
		t.Fatalf("error %v, want ErrTooMuchWork", err)
	}
}

// BenchmarkEval is one $input.path call's JSONPath work: a cached compile and a filter.
func BenchmarkEval(b *testing.B) {
	doc, err := jv.ParseJSON(`{"items":[{"id":1,"label":"a"},{"id":2,"label":"b"},{"id":3,"label":"c"}]}`)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		p, err := Compile("$.items[?(@.id > 1)].label")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := p.Eval(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReadMatchesCompileAndEval: Read, with its own cache lookup and walk, answers what
// Compile then Eval answer, for every recorded path, at its first and later calls, and for
// the same text in another string (found by the text, not by the address).
func TestReadMatchesCompileAndEval(t *testing.T) {
	for _, c := range readJaywayCases(t) {
		doc, err := jv.ParseJSON(c.Body)
		if err != nil {
			t.Fatal(err)
		}
		want, wantErr := "", ""
		if p, err := Compile(c.Path); err != nil {
			wantErr = err.Error()
		} else if v, err := p.Eval(doc); err != nil {
			wantErr = err.Error()
		} else {
			want = jv.ToJSON(v)
		}
		for _, path := range []string{c.Path, c.Path, strings.Clone(c.Path)} {
			got, gotErr := "", ""
			if v, err := Read(path, doc); err != nil {
				gotErr = err.Error()
			} else {
				got = jv.ToJSON(v)
			}
			if got != want || gotErr != wantErr {
				t.Errorf("Read(%q): got %s (error %q), want %s (error %q)", path, got, gotErr, want, wantErr)
			}
		}
	}
}
