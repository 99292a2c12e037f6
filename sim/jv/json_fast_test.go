package jv

import (
	"fmt"
	"math"
	"math/big"
	"strings"
	"testing"
	"unicode/utf8"
)

// referenceBody is the body of the project's reference case (issue 3's benchmark).
const referenceBody = `{"name":"O'Brien \"Bob\"","count":3,"items":[{"id":1,"label":"a"},{"id":2,"label":"b"},{"id":3,"label":"c"}]}`

// trickyBodies are the edges between the fast parse and the permissive one: standard JSON
// the fast parse must read exactly as json-smart does, and near-standard JSON it must leave
// to the permissive parser.
var trickyBodies = []string{
	referenceBody,
	`{}`, `[]`, ` { } `, "\t[\r\n]\n", `{"a":{}}`, `[[],[[]],{}]`, `[{"a":[{"b":[{}]}]}]`,
	`{"a":1} trailing`, `[1]]`, `{"a":1}}`, `["x"] , 2`, `{"a":1}` + "\x1a", `[1]` + "\x00",
	// strings
	`["plain","", "a b","\"","\\","\/","\b\f\n\r\t"]`,
	`["\u0041\u00e9\u20ac","\ud83d\ude00","\ud83d","\ude00","\ud83d\ud83d\ude00","\ud83dx"]`,
	`["\ud83d` + "\x01" + `\ude00","\x41\x7f","\q\z","a\u00"]`, `["\u12G4"]`, `["\u`, `["a\`,
	"[\"tab\tin\x01raw\"]", "[\"ctl\x01\\n\x7f\"]", "[\"eoi\x1a\\n\"]", "[\"eoi\x1a\"]",
	`["\ud83dabc\"","a\"b'c\'d","\u00e9x` + "\x7f" + `y"]`, `['a"b\'c\"d']`, `{'k\'':"v\'"}`,
	`{"k\"ey":1,"k\u0065y":2}`, `["é","日本語","😀"]`, `['single']`, `{'a':1}`,
	`["` + strings.Repeat(`\"`, 50) + `"]`, `["` + strings.Repeat("x", 300) + `\n"]`,
	// numbers at every boundary of json-smart's typing
	`[0,-0,1,-1,9,10,255,256,-256,123456789,-123456789,999999999,1000000000]`,
	`[2147483647,2147483648,-2147483648,-2147483649]`,
	`[9223372036854775807,9223372036854775808,-9223372036854775808,-9223372036854775809]`,
	`[99999999999999999999,123456789012345678901234567890]`,
	`[1.5,-0.0,0.1,1e5,1E+2,1e-7,1.0E-7,-1.5e3,1e400,-1e400,4.9e-324]`,
	`[1.23456789012345678,1.234567890123456789,12345678901234567.8,-1.2345678901234567]`,
	`[1e2147483648,1.5e-2147483648,1.00000000000000000e99999999999]`,
	`[01,007,-01,00.5,0e0]`, `[1.]`, `[.5]`, `[-]`, `[-a]`, `[1e]`, `[1e+]`, `[+1]`, `[1.5.5]`,
	`[1 2]`, `[1x]`, `[1~]`, `[1é]`, `{"a":1 }`, `{"a":1` + "\f" + `}`, `[` + strings.Repeat("7", 1001) + `]`,
	`[` + strings.Repeat("7", 999) + `]`,
	// words
	`[true,false,null]`, `[true ,false	,null
]`, `[truex]`, `[True]`, `[NaN]`, `[nul]`, `{"a":true x}`, `{"a":null}`, `[tru`, `{"a":fals`,
	// structure
	`{"a":1,}`, `[1,]`, `[,1]`, `[1,,2]`, `{,"a":1}`, `{"a" 1}`, `{"a"::1}`, `{"a":}`, `{a:1}`,
	`{ "a" : 1 , "b" :	[ 2 , 3 ] , "c":{ } }`, `{"a": x}`, `{"a":1 ,}`, `[1 2 ]`, `[1 ` + "\x01" + `]`,
	`{"a":1 "b":2}`, `["a""b"]`, `{"a":1,"a":2}`, `{"a":1,"b":2,"a":3}`, `[1:2]`, `{"a"}`,
	`{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10}`,
	`{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"a":10}`,
	`[{"id":1,"v":"x"},{"id":2,"v":"y"},{"id":3,"w":"z"}]`, `{"a":[{"id":1}],"id":{"id":2}}`,
	// containers past pending (see collection), nested, and given up on after spilling
	`{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,}`, `[` + strings.Repeat(`1,`, 20) + `]`,
	`[` + strings.Repeat(`1,`, 40) + `{"a":[1,2,{"b":3,"c":[4]}]},2]`, `[` + strings.Repeat(`1,`, 40) + `{"a":[1,2,{"b":3,}]}]`,
	`{` + strings.Repeat(`"k":1,`, 20) + `"z":[` + strings.Repeat(`[1,2],`, 20) + `{"y":2}]}`,
	`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1,2,3,{"a":{"b":[4,5]}}]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`,
	// keys: near the end, repeated (short ones by their words, long ones alike in their first
	// seven bytes and length), with NUL bytes, spaced from their colon
	`{"a":1}`, `{"a" :1}`, `{"abcdefgX":1,"abcdefgY":2}`, `{"abcdefgh":1,"abcdefgh":2,"abcdefg":3}`,
	"{\"a\x00\":1,\"a\":2}", `{"a\u0000":1,"a":2,"a\u0000":3}`, `{"":1,"":2}`, `{"ab":1,"ba":2,"ab":3}`,
	`{"` + strings.Repeat("k", 40) + `":1,"` + strings.Repeat("k", 40) + `":2}`,
	// escaped strings the fast parse decodes itself (see standardEscaped) and those it
	// leaves to the permissive parser's decoder, near and past the text area's room, as keys
	// and values
	`["a\"b\\c\/d\be\ff\ng\rh\ti\'j"]`, `{"k\"1":"v\n","k\u0032":"\x41\n"}`, "[\"a\\n\x01b\",\"\\n\x7f\"]",
	`["` + strings.Repeat(`a\n`, 11) + `","x\n"]`, `["` + strings.Repeat(`\\`, 16) + `","` + strings.Repeat(`\\`, 17) + `"]`,
	`["é\"日本","\q","\`, `["a\"`, `{"s":"two","t":"three","u":"x\"y"}`,
	// escaped strings past the small document's text area
	`["` + strings.Repeat(`ab\n`, 7) + `","x\ty","` + strings.Repeat(`\u0041`, 6) + `"]`,
	`["` + strings.Repeat(`\x41`, 9) + `","\ud83dabcdefghijklmnopqrstuvwxyz\q","\ud83d\qabcdefghijklmnopqrstuvwxyz"]`,
	`[` + strings.Repeat(`[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17],`, 3) + `{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":{"j":[` + strings.Repeat(`"x",`, 17) + `"y"]}}]`,
	`{`, `[`, `{"a"`, `{"a":`, `{"a":1`, `[1`, `["a"`, `[{]`, `[{"a":[}]`,
	// not containers: the permissive parser's alone
	``, ` `, `a=b`, `"str"`, `"str" x`, `42`, ` 42 `, `4 2`, `true`, `null`, `-`, `}`, `]`, `:`,
	strings.Repeat("[", 1001) + strings.Repeat("]", 1001), strings.Repeat(`{"a":`, 999) + "1" + strings.Repeat("}", 999),
}

// TestFastObjectKeys checks objects of up to indexThreshold keys, some repeated, some
// alike in their first bytes: the fast parse tells repeated keys by their words (see
// keyWord), which must never take two keys for different when they are the same.
func TestFastObjectKeys(t *testing.T) {
	var names []string
	for _, a := range "abcdefgh" {
		for _, b := range "xyz" {
			names = append(names, string(a)+string(b), "prefix_"+string(a)+string(b))
		}
	}
	for i := range names {
		for n := 1; n <= indexThreshold+1; n++ {
			var body strings.Builder
			body.WriteString("{")
			for j := range n {
				key := names[(i+j*j)%len(names)]
				if j == n-1 && i%3 == 0 {
					key = names[i] // repeated
				}
				fmt.Fprintf(&body, "%q:%d,", key, j)
			}
			text := strings.TrimSuffix(body.String(), ",") + "}"
			fast, ok := fastParse(text)
			if !ok {
				t.Fatalf("fast parse gave up on %s", text)
			}
			want, _ := (&jsonParser{in: text}).parsePermissive()
			if diff := sameJSON(fast, want); diff != "" {
				t.Fatalf("%s: fast parse differs at %s", text, diff)
			}
		}
	}
}

// TestFastKeysAfterBackslashKeys parses keys whose text has a backslash before its first
// quote after a key ending in that backslash was interned: the fast parse finds a key's
// box by the word of its text up to the first quote, which must not find that key's.
func TestFastKeysAfterBackslashKeys(t *testing.T) {
	for _, c := range []struct{ interned, body string }{
		{`{"a\\":1}`, `{"a\":1}`},
		{`{"a\\":1}`, `{"a\":1,"b":2}`},
		{`{"k\\":1}`, `{"k\":1,"x":"y"}`},
		{`{"ab\\":1}`, `{"ab\":"x":2}`},
		{`{"\\":1}`, `{"\":{"a":[1]}}`},
	} {
		t.Run(c.body, func(t *testing.T) {
			if _, err := ParseJSON(c.interned); err != nil {
				t.Fatal(err)
			}
			want, wantErr := (&jsonParser{in: c.body}).parsePermissive()
			got, err := ParseJSON(c.body)
			if fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Fatalf("error = %v, want %v", err, wantErr)
			}
			if diff := sameJSON(got, want); diff != "" {
				t.Fatalf("differs at %s", diff)
			}
		})
	}
}

// TestEscapedStringsInTextArea decodes strings with escapes with every room left in the
// text area: the string never depends on it, and it goes there whenever its raw text fits,
// and never when the string itself does not (then it takes a buffer of its own).
func TestEscapedStringsInTextArea(t *testing.T) {
	for _, body := range []string{
		`"\n"`, `"ab\tcd"`, `"` + strings.Repeat(`x\"`, 12) + `"`, `"\u0041\u00e9\u20ac\ud83d\ude00"`,
		`"\ud83d"`, `"\ud83dx"`, `"\ud83d\q"`, `"\ud83d\ud83d\ude00"`, `"\x41\x7f"`, "\"a\x01\\n\"", `"\q\z"`,
		`"\ude00"`, `"\ud83d\u0041"`, `'it\'s'`, `"a\u00"`, `"\u12G4"`, `"abc\`, "\"eoi\x1a\\n\"", `"\n`,
	} {
		want, wantNext, wantFault := (&jsonParser{in: body}).scanString(0) // in a buffer of its own
		for room := 0; room <= len(body)+utf8.UTFMax; room++ {
			const used = 3 // by earlier strings
			p := &jsonParser{in: body, text: arena[byte]{chunk: make([]byte, used+room), used: used}}
			s, next, fault := p.scanString(0)
			if s != want || next != wantNext || fault != wantFault {
				t.Fatalf("%s with room %d: %q, %d, %d; want %q, %d, %d", body, room, s, next, fault, want, wantNext, wantFault)
			}
			got := p.text.used - used
			if got != 0 && (fault != stringOK || got != len(s) || len(s) > room) {
				t.Errorf("%s with room %d: %d bytes of the text area used for %q (%d)", body, room, got, s, fault)
			}
			if fault == stringOK && next-2 <= room && got != len(s) {
				t.Errorf("%s with room %d: raw text fits, but %d bytes of the text area used, want %d", body, room, got, len(s))
			}
		}
	}
}

// FuzzFastPathMatchesPermissive checks the fast parse against the permissive parser:
// whenever the fast parse accepts a body, the permissive parser must read the same value,
// down to Go types and key order; and ParseJSON and ParseDocumentIn as a whole must answer
// what the permissive parser answers, value or error.
func FuzzFastPathMatchesPermissive(f *testing.F) {
	for _, c := range readJSONSmartCases(f) {
		f.Add(c.Body)
	}
	for _, body := range trickyBodies {
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, body string) {
		want, wantErr := (&jsonParser{in: body}).parsePermissive()
		if fast, ok := fastParse(body); ok {
			if wantErr != nil {
				t.Fatalf("fast parse accepted what json-smart refuses (%v): %s", wantErr, ToJSON(fast))
			}
			if diff := sameJSON(fast, want); diff != "" {
				t.Fatalf("fast parse differs at %s", diff)
			}
		}
		got, err := ParseJSON(body)
		if fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Fatalf("error = %v, want %v", err, wantErr)
		}
		if diff := sameJSON(got, want); diff != "" {
			t.Fatalf("ParseJSON differs at %s", diff)
		}
		if err := cappedContainers(got); err != "" {
			t.Fatal(err)
		}
		// In a DocSpace, strings are boxed in the space (see boxString).
		doc, err := ParseDocumentIn(new(DocSpace), body)
		if fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Fatalf("ParseDocumentIn: error = %v, want %v", err, wantErr)
		}
		if err == nil {
			if diff := sameJSON(doc.Root, want); diff != "" {
				t.Fatalf("ParseDocumentIn differs at %s", diff)
			}
		}
	})
}

// fastParse is the fast parse alone, which only reads objects and arrays.
func fastParse(body string) (any, bool) {
	if start, container := containerStart(body); container {
		return (&jsonParser{in: body}).parseStandard(start)
	}
	return nil, false
}

// TestFastPathTakesStandardJSON guards the benchmark's premise: standard JSON bodies do not
// fall back to the permissive parser.
func TestFastPathTakesStandardJSON(t *testing.T) {
	for _, body := range []string{
		referenceBody, `{}`, ` [ 1 , -2.5e3 , "x\u00e9" , true , false , null , {} , [] ] `,
		`{"a":1,"a":2}`, `{"big":123456789012345678901234567890,"dec":1.234567890123456789}`,
		`[` + strings.Repeat(`{"id":1,"tags":["a","b"]},`, 40) + `{}]`,
	} {
		if _, ok := fastParse(body); !ok {
			t.Errorf("fast parse gave up on %.60s", body)
		}
	}
}

func TestParseDocument(t *testing.T) {
	for _, body := range []string{
		referenceBody,
		`{"a":[1,{"b":[]}],"c":{}}`,
		`{"a":[1,{"b":[]}],"c":{},}`, // not standard: read by the permissive parser
		`[` + strings.Repeat(`{"id":1,"tags":["a","b"]},`, 40) + `{}]`, // past a small document
		`"just a string"`,
		`{"a":1,"a":2,"z":{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10}}`, // built with Put
	} {
		t.Run(body[:min(len(body), 30)], func(t *testing.T) {
			doc, err := ParseDocument(body)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Changed() {
				t.Error("a new document is changed")
			}
			plain, _ := ParseJSON(body)
			if diff := sameJSON(doc.Root, plain); diff != "" {
				t.Fatalf("Root differs from ParseJSON at %s", diff)
			}
			for _, c := range containers(doc.Root, nil) {
				if got := docOf(c); got != doc {
					t.Errorf("%s belongs to %p, want the document %p", ToJSON(c), got, doc)
				}
			}
			for _, c := range containers(plain, nil) {
				if got := docOf(c); got != nil {
					t.Errorf("ParseJSON's %s belongs to a document", ToJSON(c))
				}
			}
			if cs := containers(doc.Root, nil); len(cs) > 0 {
				switch c := cs[len(cs)-1].(type) {
				case *List:
					c.Touch()
				case *Map:
					c.Put("new", true)
				}
				if !doc.Changed() {
					t.Error("a write to a container does not change its document")
				}
			}
		})
	}
	if _, err := ParseDocument(`{"a":`); err == nil {
		t.Error("a broken body made a document")
	}
}

func docOf(container any) *Document {
	if m, ok := container.(*Map); ok {
		if m.extra == nil {
			return nil
		}
		return m.extra.doc
	}
	return container.(*List).doc
}

// containers appends every *Map and *List in v to out.
func containers(v any, out []any) []any {
	switch x := v.(type) {
	case *Map:
		out = append(out, x)
		for _, item := range x.vals {
			out = containers(item, out)
		}
	case *List:
		out = append(out, x)
		for _, item := range x.Items {
			out = containers(item, out)
		}
	}
	return out
}

// cappedContainers reports a list whose items have room past their end: a template's append
// would then write into memory another container may own.
func cappedContainers(v any) string {
	for _, c := range containers(v, nil) {
		if l, ok := c.(*List); ok && cap(l.Items) != len(l.Items) {
			return fmt.Sprintf("list %s has cap %d, len %d", ToJSON(l), cap(l.Items), len(l.Items))
		}
	}
	return ""
}

// sameJSON compares two parsed values exactly — Go types, number representations, key
// order, List.JSON — and describes the first difference ("" if none).
func sameJSON(a, b any) string {
	switch x := a.(type) {
	case *Map:
		y, ok := b.(*Map)
		if !ok || x.Len() != y.Len() || (x.index() == nil) != (y.index() == nil) {
			return fmt.Sprintf("%s vs %s", ToJSON(a), describe(b))
		}
		for i, k := range x.keys {
			if k != y.keys[i] {
				return fmt.Sprintf("key %d: %#v vs %#v", i, k, y.keys[i])
			}
			if d := sameJSON(x.vals[i], y.vals[i]); d != "" {
				return fmt.Sprintf("%v: %s", k, d)
			}
		}
		return ""
	case *List:
		y, ok := b.(*List)
		if !ok || x.JSON != y.JSON || len(x.Items) != len(y.Items) {
			return fmt.Sprintf("%s vs %s", ToJSON(a), describe(b))
		}
		for i := range x.Items {
			if d := sameJSON(x.Items[i], y.Items[i]); d != "" {
				return fmt.Sprintf("[%d]: %s", i, d)
			}
		}
		return ""
	case *big.Int:
		if y, ok := b.(*big.Int); ok && x.Cmp(y) == 0 {
			return ""
		}
	case *BigDecimal:
		if y, ok := b.(*BigDecimal); ok && x.Unscaled.Cmp(y.Unscaled) == 0 && x.Scale == y.Scale {
			return ""
		}
	case float64:
		if y, ok := b.(float64); ok && math.Float64bits(x) == math.Float64bits(y) {
			return ""
		}
	default:
		if a == b {
			return ""
		}
	}
	return fmt.Sprintf("%s vs %s", describe(a), describe(b))
}

func describe(v any) string { return fmt.Sprintf("%T %s", v, ToJSON(v)) }

// BenchmarkParseJSONReference parses the reference case's body, as issue 3's target counts it.
func BenchmarkParseJSONReference(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseJSON(referenceBody); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseDocumentInReference parses the reference case's body as a render does: into
// a request's DocSpace (one space, cleared for every parse, where a render has a new one).
func BenchmarkParseDocumentInReference(b *testing.B) {
	b.ReportAllocs()
	space := new(DocSpace)
	for b.Loop() {
		*space = DocSpace{}
		if _, err := ParseDocumentIn(space, referenceBody); err != nil {
			b.Fatal(err)
		}
	}
}

// TestStandardEscaped decodes strings with escapes with every room left in the text area:
// the fast parse's decoder either gives up, leaving the text area as it was, or returns
// exactly what the permissive parser's does, using the text area as it would.
func TestStandardEscaped(t *testing.T) {
	for _, body := range []string{
		`"\n"`, `"ab\tcd"`, `"O'Brien \"Bob\""`, `"` + strings.Repeat(`x\"`, 12) + `"`, `"\/\\\b\f\r\'"`,
		`"é\n日本"`, `"12345678\"9"`, `"\u0041"`, `"a\u0041\n"`, `"\x41"`, `"\q"`, "\"a\x01\\n\"", "\"a\\n\x01\"",
		"\"a\\n\x7f\"", "\"\\n\x1a\"", `"\n`, `"\`, `"ab\`, `"a\"`, `"\"\"\"`,
	} {
		esc := strings.IndexByte(body, '\\')
		want, wantNext, wantFault := (&jsonParser{in: body}).scanString(0)
		for room := 0; room <= len(body)+utf8.UTFMax; room++ {
			const used = 3 // by earlier strings
			p := &jsonParser{in: body, text: arena[byte]{chunk: make([]byte, used+room), used: used}}
			s, next := p.standardEscaped(0, esc)
			if next == gaveUp {
				if p.text.used != used {
					t.Errorf("%s with room %d: gave up, but %d bytes of the text area used", body, room, p.text.used-used)
				}
				continue
			}
			if wantFault != stringOK || s != want || next != wantNext {
				t.Fatalf("%s with room %d: %q, %d; the permissive parser: %q, %d, %d", body, room, s, next, want, wantNext, wantFault)
			}
			if got := p.text.used - used; got != len(s) {
				t.Errorf("%s with room %d: %d bytes of the text area used, want %d", body, room, got, len(s))
			}
		}
	}
	// The usual escapes must not be given up on when there is room.
	p := &jsonParser{in: `"O'Brien \"Bob\""`, text: arena[byte]{chunk: make([]byte, 32)}}
	if _, next := p.standardEscaped(0, 9); next == gaveUp {
		t.Error("gave up on the reference body's string")
	}
}
