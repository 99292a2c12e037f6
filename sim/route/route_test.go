package route

import (
	"reflect"
	"strings"
	"testing"

	"github.com/apigw-playground/playground/sim/scenario"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		resource, path string
		ok             bool
		params         Params
	}{
		{"/", "/", true, nil},
		{"/", "/x", false, nil},
		{"/pets", "/pets", true, nil},
		{"/pets", "/pets/", true, nil},
		{"/pets", "/Pets", false, nil},
		{"/pets/{petId}", "/pets/42", true, Params{{"petId", "42"}}},
		{"/pets/{petId}", "/pets/42/", true, Params{{"petId", "42"}}},
		{"/pets/{petId}", "/pets/", false, nil},
		{"/pets/{petId}", "/pets/42/x", false, nil},
		{"/pets/{petId}", "/pets//42", false, nil},
		{"/pets/{petId}", "/pets/a%2Fb", true, Params{{"petId", "a%2Fb"}}},
		{"/{proxy+}", "/", false, nil},
		{"/{proxy+}", "/proxy-value", true, Params{{"proxy", "proxy-value"}}},
		{"/{proxy+}", "/proxy-value/", true, Params{{"proxy", "proxy-value"}}},
		{"/{proxy+}", "/proxy-value//double-slash", true, Params{{"proxy", "proxy-value//double-slash"}}},
		{"/{proxy+}", "/u/test%2Balias@gmail.com/plus/test+alias", true, Params{{"proxy", "u/test%2Balias@gmail.com/plus/test+alias"}}},
		{"/a/{b}/{rest+}", "/a/1/2/3", true, Params{{"b", "1"}, {"rest", "2/3"}}},
		{"/a/{rest+}", "/a", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.resource+" "+tt.path, func(t *testing.T) {
			params, ok, err := Match(tt.resource, tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if ok != tt.ok || !reflect.DeepEqual(params, tt.params) {
				t.Fatalf("got %v %v, want %v %v", params, ok, tt.params, tt.ok)
			}
		})
	}
}

func TestMatchRejectsBadTemplates(t *testing.T) {
	for _, resource := range []string{"pets", "/a//b", "/{proxy+}/x", "/{}", "/a{b}", "/{a}/{a}", "/{a+b}"} {
		if _, _, err := Match(resource, "/x"); err == nil {
			t.Errorf("%q: no error", resource)
		}
	}
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		raw  string
		want Params
	}{
		{"", nil},
		{"a=1&a=2&b", Params{{"a", "1"}, {"a", "2"}, {"b", ""}}},
		{"dateTimeOffset=2023-06-12T18:05:10.123456+00:00", Params{{"dateTimeOffset", "2023-06-12T18:05:10.123456 00:00"}}},
		{"email=test%2Balias@gmail.com&plus=test+alias@gmail.com", Params{{"email", "test+alias@gmail.com"}, {"plus", "test alias@gmail.com"}}},
		{"url=https://www.google.com/&whitespace=foo%20bar", Params{{"url", "https://www.google.com/"}, {"whitespace", "foo bar"}}},
		{"a=1;b=2", Params{{"a", "1"}, {"b", "2"}}},
		{"bad=%zz+x", Params{{"bad", "%zz x"}}},
		{"&&a=1&", Params{{"a", "1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			if got := ParseQuery(tt.raw); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestIsBinary(t *testing.T) {
	recorded := []string{"image/png", "*/test"}
	tests := []struct {
		media string
		types []string
		want  bool
	}{
		{"image/png", nil, false},
		{"image/png", recorded, true},
		{"IMAGE/PNG", recorded, true},
		{"image/jpg", recorded, false},
		{"image/*", recorded, false},
		{"*/test", recorded, false},
		{"random/test", recorded, false},
		{"*/*", recorded, false},
		{"*/*", []string{"*/*"}, true},
		{"application/pdf", []string{"*/*"}, true},
		{"image/gif", []string{"image/*"}, true},
		{"text/gif", []string{"image/*"}, false},
	}
	for _, tt := range tests {
		if got := IsBinary(MediaType(tt.media), tt.types); got != tt.want {
			t.Errorf("IsBinary(%q, %q) = %v, want %v", tt.media, tt.types, got, tt.want)
		}
	}
}

// TestFirstAccept: only the first Accept media type decides whether a proxy response is
// binary (api-gateway-behavior.md §1.4, D).
func TestFirstAccept(t *testing.T) {
	for accept, want := range map[string]string{
		"image/png;q=0.9, */*": "image/png",
		"*/*, image/png":       "*/*",
		" Image/PNG ":          "image/png",
		"text/html,image/png":  "text/html",
		"":                     "",
	} {
		if got := FirstAccept(accept); got != want {
			t.Errorf("FirstAccept(%q) = %q, want %q", accept, got, want)
		}
	}
}

// TestNewPaths pins the path rules of api-gateway-behavior.md §1.1 and §1.2 (V): the
// event path collapses the slashes right after the stage but keeps inner "//" and a
// trailing slash, requestContext.path keeps everything raw, and a fragment is never sent.
func TestNewPaths(t *testing.T) {
	tests := []struct {
		target, resource            string
		path, contextPath, rawQuery string
		params                      Params
	}{
		{"//x", "/x", "/x", "/stage//x", "", nil},
		{"/proxy-value/", "/{proxy+}", "/proxy-value/", "/stage/proxy-value/", "", Params{{"proxy", "proxy-value"}}},
		{"/a//b", "/{proxy+}", "/a//b", "/stage/a//b", "", Params{{"proxy", "a//b"}}},
		{"/a%2Fb+c", "/{id}", "/a%2Fb+c", "/stage/a%2Fb+c", "", Params{{"id", "a%2Fb+c"}}},
		{"/x?zhash=abort/#frag?y=1", "/x", "/x", "/stage/x", "zhash=abort/", nil},
		{"/x#frag", "/x", "/x", "/stage/x", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			r, err := New(&scenario.Scenario{Request: scenario.Request{Method: "GET", Path: tt.target},
				API: scenario.API{Resource: tt.resource, Stage: "stage"}})
			if err != nil {
				t.Fatal(err)
			}
			if r.Path != tt.path || r.ContextPath != tt.contextPath || r.RawQuery != tt.rawQuery || !reflect.DeepEqual(r.PathParams, tt.params) {
				t.Fatalf("got path %q context %q query %q params %v", r.Path, r.ContextPath, r.RawQuery, r.PathParams)
			}
		})
	}
}

func TestNew(t *testing.T) {
	body := "aGk="
	sc := &scenario.Scenario{
		Request: scenario.Request{Method: "POST", Path: "//pets/42/?b=2&a=1&b=3#frag", Body: &body, IsBase64Encoded: true,
			Headers: scenario.Headers{{Name: "X", Values: []string{"1", "2"}}}},
		API: scenario.API{Resource: "/pets/{id}", Stage: "prod"},
	}
	r, err := New(sc)
	if err != nil {
		t.Fatal(err)
	}
	if r.Path != "/pets/42/" || r.RawPath != "//pets/42/" || r.ContextPath != "/prod//pets/42/" || r.RawQuery != "b=2&a=1&b=3" {
		t.Fatalf("paths %q %q %q %q", r.Path, r.RawPath, r.ContextPath, r.RawQuery)
	}
	if string(r.Body) != "hi" || !r.HasBody {
		t.Fatalf("body %q", r.Body)
	}
	if got := r.Query.Names(); !reflect.DeepEqual(got, []string{"b", "a"}) {
		t.Fatalf("names %v", got)
	}
	mr := r.MethodRequest()
	if *mr.Body != body || !mr.IsBase64Encoded || mr.PathParameters["id"] != "42" || !reflect.DeepEqual(mr.QueryString["b"], []string{"2", "3"}) {
		t.Fatalf("method request %+v", mr)
	}
	sc.API.Resource = "/other"
	if _, err := New(sc); err == nil {
		t.Fatal("no error for a resource that does not match")
	}
	sc.API.Resource = "/pets/{id}"
	bad := "%%%"
	sc.Request.Body = &bad
	if _, err := New(sc); err == nil || !strings.Contains(err.Error(), "request.body: isBase64Encoded is true") {
		t.Fatalf("error %v for a body that is not base64", err)
	}
}
