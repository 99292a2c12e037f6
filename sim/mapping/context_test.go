package mapping

import (
	"strings"
	"testing"

	"github.com/apigw-playground/playground/sim/jv"
	"github.com/apigw-playground/playground/sim/requestctx"
	"github.com/apigw-playground/playground/sim/vtl"
)

func testContext() *jv.Map {
	return NewContext(requestctx.Context{
		RequestID: "req-1", HTTPMethod: "POST", Stage: "dev", Path: "/dev/pets", ResourcePath: "/pets",
		AccountID: "123456789012", APIID: "abc123", RequestTimeEpoch: 1700000000000,
		Identity: requestctx.Identity{SourceIP: "203.0.113.10", UserAgent: "curl/8"},
	})
}

func TestContextVariables(t *testing.T) {
	tests := []struct{ template, want string }{
		{"$context.requestId $context.httpMethod $context.stage", "req-1 POST dev"},
		{"$context.path $context.resourcePath", "/dev/pets /pets"},
		{"$context.identity.sourceIp|$context.identity.userAgent|$context.identity.apiKey|", "203.0.113.10|curl/8||"},
		{"$context.requestTimeEpoch", "1700000000000"},
		{"$context.authorizer.principalId|$context.authorizer.claims.sub|$context.error.messageString|", "|||"},
		{"$context.requestOverride", "{header={}, path={}, querystring={}}"},
		{"$context.responseOverride.status", ""},
		// AWS-recorded (LocalStack vtl_map_assignation): every assignment form works.
		{`#set($context.requestOverride.querystring["a"] = "1")$context.requestOverride.querystring.put("b", "2")` +
			`#set($context["requestOverride"].querystring["c"] = "3")$context.requestOverride.querystring`, "{a=1, b=2, c=3}"},
	}
	for _, tt := range tests {
		t.Run(tt.template, func(t *testing.T) {
			got, err := Render(tt.template, &Env{Context: testContext()})
			if err != nil {
				t.Fatal(err)
			}
			if got.Output != tt.want {
				t.Errorf("got %q, want %q", got.Output, tt.want)
			}
		})
	}
}

// TestOverridesCarryOver: the request template sets overrides, the response template (same
// Env, new body) reads them, and OverridesOf reports them (AWS-recorded mock-* vectors).
func TestOverridesCarryOver(t *testing.T) {
	env := &Env{Context: testContext()}
	_, err := Render(`#set($context.responseOverride.status = 444)#set($context.responseOverride.header.foo = "bar")`+
		`#set($context.requestOverride.header.h1 = "v1")#set($context.responseOverride.custom = "kept")`, env)
	if err != nil {
		t.Fatal(err)
	}
	env.Body = `{"from":"backend"}`
	got, err := Render(`$context.responseOverride.status $context.responseOverride.custom $input.path('$.from')`, env)
	if err != nil {
		t.Fatal(err)
	}
	if want := "444 kept backend"; got.Output != want {
		t.Errorf("response template: got %q, want %q", got.Output, want)
	}
	o := OverridesOf(env.Context)
	if o.Status != "444" {
		t.Errorf("Status = %q, want 444", o.Status)
	}
	if v, _ := o.ResponseHeader.Get("foo"); v != "bar" {
		t.Errorf("response header foo = %v", v)
	}
	if v, _ := o.RequestHeader.Get("h1"); v != "v1" {
		t.Errorf("request header h1 = %v", v)
	}
	if o := OverridesOf(nil); o.Status != "" || o.RequestHeader != nil {
		t.Errorf("OverridesOf(nil) = %+v, want zero", o)
	}
}

func TestInputParams(t *testing.T) {
	path, qs, header := jv.NewMap(1), jv.NewMap(2), jv.NewMap(2)
	path.Put("id", "42")
	qs.Put("id", "from-qs")
	qs.Put("q", "1")
	header.Put("Accept", "*/*")
	header.Put("q", "from-header")
	env := &Env{Params: Params{Path: path, QueryString: qs, Header: header}}
	tests := []struct{ template, want string }{
		{"$input.params('id')|$input.params('q')|$input.params('Accept')|$input.params('none')", "42|1|*/*|"},
		{"$input.params()", "{path={id=42}, querystring={id=from-qs, q=1}, header={Accept=*/*, q=from-header}}"},
		{"$input.params().header.get('Accept')", "*/*"},
		{"#foreach($k in $input.params().querystring.keySet())$k;#end", "id;q;"},
	}
	for _, tt := range tests {
		t.Run(tt.template, func(t *testing.T) {
			got, err := Render(tt.template, env)
			if err != nil {
				t.Fatal(err)
			}
			if got.Output != tt.want {
				t.Errorf("got %q, want %q", got.Output, tt.want)
			}
		})
	}
	got, err := Render("$input.params()", &Env{})
	if err != nil || got.Output != "{path={}, querystring={}, header={}}" {
		t.Errorf("no params: got %q, %v", got.Output, err)
	}
}

func TestPayloadError(t *testing.T) {
	// ToQoz 2015 recording: AWS answered 400 with exactly this message.
	_, err := Render(`"$input.path('$')"`, &Env{Body: "{a"})
	pe, ok := err.(*PayloadError)
	if !ok {
		t.Fatalf("error %v (%T), want *PayloadError", err, err)
	}
	if want := "Could not process payloadnet.minidev.json.parser.ParseException: Unexpected End Of File position 1: null"; pe.Message() != want {
		t.Errorf("Message() = %q, want %q", pe.Message(), want)
	}
	// A template that never reads the body renders fine over the same body.
	if got, err := Render("$input.body", &Env{Body: "{a"}); err != nil || got.Output != "{a" {
		t.Errorf("got %q, %v", got.Output, err)
	}
}

func TestInputPathResultsAreIndependent(t *testing.T) {
	env := &Env{Body: `{"a":{"b":1}}`}
	got, err := Render(`#set($x = $input.path('$.a'))#set($x.b = 2)$x.b $input.path('$.a.b') $input.json('$.a')`, env)
	if err != nil {
		t.Fatal(err)
	}
	if want := `2 1 {"b":1}`; got.Output != want {
		t.Errorf("got %q, want %q (each $input.path call reads the body afresh, as in Java)", got.Output, want)
	}
}

// TestWritesToHandedOutTreeNeverShow: $input.path hands out the parsed tree itself (see
// Env.document), so every way a template can write to it must make the next $input.path or
// $input.json read the body afresh, as Java's parse per call does.
func TestWritesToHandedOutTreeNeverShow(t *testing.T) {
	const body = `{"a":{"b":1,"c":2},"l":[1,2,3]}`
	pristine := `{"a":{"b":1,"c":2},"l":[1,2,3]}|{b=1, c=2}|[1,2,3]`
	after := `|$input.json('$')|$input.path('$.a')|$input.path('$.l')`
	writes := map[string]string{
		"set property":      `#set($r = $input.path('$'))#set($r.a.b = 9)`,
		"set index":         `#set($r = $input.path('$'))#set($r.l[0] = 9)`,
		"map put":           `#set($a = $input.path('$.a'))#set($d = $a.put('z', 1))`,
		"map remove":        `#set($a = $input.path('$.a'))#set($d = $a.remove('b'))`,
		"map clear":         `#set($a = $input.path('$.a'))#set($d = $a.clear())`,
		"map putAll":        `#set($a = $input.path('$.a'))#set($d = $a.putAll({'z': 1}))`,
		"keySet remove":     `#set($a = $input.path('$.a'))#set($d = $a.keySet().remove('b'))`,
		"entry setValue":    `#set($a = $input.path('$.a'))#foreach($e in $a.entrySet())#set($d = $e.setValue(7))#end`,
		"list add":          `#set($l = $input.path('$.l'))#set($d = $l.add(4))`,
		"list add at":       `#set($l = $input.path('$.l'))#set($d = $l.add(0, 4))`,
		"list set":          `#set($l = $input.path('$.l'))#set($d = $l.set(0, 4))`,
		"list remove":       `#set($l = $input.path('$.l'))#set($d = $l.remove(0))`,
		"list clear":        `#set($l = $input.path('$.l'))#set($d = $l.clear())`,
		"list addAll":       `#set($l = $input.path('$.l'))#set($d = $l.addAll([4]))`,
		"through a list":    `#set($all = $input.path('$..b'))#set($r = $input.path('$'))#set($r.a.b = 9)`,
		"nested via result": `#set($l = $input.path('$.*'))#set($d = $l.get(0).put('b', 9))`,
	}
	for name, write := range writes {
		t.Run(name, func(t *testing.T) {
			got, err := Render(write+after, &Env{Body: body})
			if err != nil {
				t.Fatal(err)
			}
			if got.Output != "|"+pristine {
				t.Errorf("got %q, want %q", got.Output, "|"+pristine)
			}
		})
	}
	got, err := Render(`#set($r = $input.path('$'))$r.a.b`+after, &Env{Body: body})
	if err != nil || got.Output != "1|"+pristine {
		t.Errorf("reading without writing: got %q, %v", got.Output, err)
	}
}

// A tree handed out stays as the template left it when the body is parsed again: after a
// write (the next $input.path parses anew) and in a later render over a new body, with the
// first tree still reachable from $context.
func TestHandedOutTreeOutlivesReparse(t *testing.T) {
	env := &Env{Body: `{"a":{"b":1}}`}
	got, err := Render(`#set($r = $input.path('$'))#set($r.a.b = 9)#set($s = $input.path('$'))#set($context.kept = $r.a)$r.a.b $s.a.b`, env)
	if err != nil || got.Output != "9 1" {
		t.Fatalf("first render: got %q, %v; want \"9 1\"", got.Output, err)
	}
	env.Body = `{"a":{"b":2}}`
	got, err = Render(`$input.path('$.a.b') $context.kept.b`, env)
	if err != nil || got.Output != "2 9" {
		t.Fatalf("render over a new body: got %q, %v; want \"2 9\"", got.Output, err)
	}
}

// TestConcurrentRenders: renders over the same body that change what $input.path returned
// must not disturb each other. Run with -race.
func TestConcurrentRenders(t *testing.T) {
	const body = `{"items":[{"id":1},{"id":2}],"name":"x"}`
	template := `#set($r = $input.path('$'))#set($r.name = "changed")#set($x = $r.items.add(3))$input.json('$')`
	want := `{"items":[{"id":1},{"id":2}],"name":"x"}`
	done := make(chan string)
	for i := 0; i < 8; i++ {
		go func() {
			out := ""
			for j := 0; j < 50; j++ {
				got, err := Render(template, &Env{Body: body})
				if err != nil {
					out = err.Error()
					break
				}
				if got.Output != want {
					out = got.Output
					break
				}
			}
			done <- out
		}()
	}
	for i := 0; i < 8; i++ {
		if bad := <-done; bad != "" {
			t.Fatalf("got %q, want %q", bad, want)
		}
	}
}

// TestInputPathOwnership: a render may hand its freshly parsed body to the template (the
// first $input.path), so what a template changes must never reach another render of the
// same Env or, through the body cache, of another Env.
func TestInputPathOwnership(t *testing.T) {
	const body = `{"x": 1, "l": [1]}`
	env := &Env{Body: body}
	steps := []struct{ template, want string }{
		{"#set($a = $input.path('$'))#set($a.x = 9)$a.l.add(2)$a", "true{x=9, l=[1,2]}"},
		{"$input.path('$')|$input.json('$')", `{x=1, l=[1]}|{"x":1,"l":[1]}`},
		{"#set($a = $input.path('$.l'))$a.clear()$a|$input.path('$.l')", "[]|[1]"},
	}
	for i, s := range steps {
		for _, e := range []*Env{env, {Body: body}} {
			got, err := Render(s.template, e)
			if err != nil {
				t.Fatal(err)
			}
			if got.Output != s.want {
				t.Errorf("step %d: got %q, want %q", i, got.Output, s.want)
			}
		}
	}
}

// TestInputParamsAgainAndAgain: $input.params(name) asked for at every render, with the
// params maps' keys stored as parsed keys or not, and changed by the template: the lookups
// by hint (paramHints) must find what a search would.
func TestInputParamsAgainAndAgain(t *testing.T) {
	tmpl, err := vtl.Parse(`$input.params('id')|$input.params('q')|#set($d = $input.params().path.remove('id'))` +
		`$input.params('id')|#set($d = $input.params().querystring.put('id', 'new'))$input.params('id')|$input.params('Q')`)
	if err != nil {
		t.Fatal(err)
	}
	parsed := func(text string) *jv.Map {
		v, err := jv.ParseJSON(text)
		if err != nil {
			t.Fatal(err)
		}
		return v.(*jv.Map)
	}
	built := func(kv ...string) *jv.Map {
		m := jv.NewMap(len(kv) / 2)
		for i := 0; i < len(kv); i += 2 {
			m.Put(strings.Clone(kv[i]), kv[i+1]) // keys not stored as parsed keys are
		}
		return m
	}
	for i := range 6 {
		var env *Env
		if i%2 == 0 {
			env = &Env{Params: Params{Path: parsed(`{"id":"42"}`), QueryString: parsed(`{"id":"from-qs","q":"1"}`), Header: parsed(`{"q":"h"}`)}}
		} else {
			env = &Env{Params: Params{Path: built("id", "42"), QueryString: built("id", "from-qs", "q", "1"), Header: built("q", "h")}}
		}
		got, err := RenderTemplate(tmpl, env)
		if err != nil {
			t.Fatal(err)
		}
		if want := "42|1|from-qs|new|"; got.Output != want {
			t.Errorf("render %d: got %q, want %q", i, got.Output, want)
		}
	}
}

// TestBodyChangesBetweenRenders: an Env rendered again over another Body (a response
// template after the request's) parses the new one; one over the same text does not need
// to, and a body that failed fails again.
func TestBodyChangesBetweenRenders(t *testing.T) {
	env := &Env{Body: "{a"}
	steps := []struct{ body, want, err string }{
		{"{a", "", "Could not process payload"},
		{`{"a":1}`, "1", ""},
		{strings.Clone(`{"a":1}`), "1", ""},
		{`{"a":2}`, "2", ""},
		{strings.Clone("{a"), "", "Could not process payload"},
		{"{a", "", "Could not process payload"},
		{"", "", ""},
		{`{"a":3}`, "3", ""},
	}
	for i, s := range steps {
		env.Body = s.body
		got, err := Render(`$input.path('$.a')`, env)
		switch {
		case s.err != "":
			if err == nil || !strings.HasPrefix(err.Error(), s.err) {
				t.Errorf("step %d (%q): got %q, %v; want error %q", i, s.body, got.Output, err, s.err)
			}
		case err != nil || got.Output != s.want:
			t.Errorf("step %d (%q): got %q, %v; want %q", i, s.body, got.Output, err, s.want)
		}
	}
}
