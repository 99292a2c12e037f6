package jsonobj

import (
	"errors"
	"reflect"
	"testing"
)

func TestMembers(t *testing.T) {
	got, err := Members([]byte(` {"b": 1, "a": [2], "b": {"c": null}} `))
	if err != nil {
		t.Fatal(err)
	}
	want := []Member{{"b", []byte("1")}, {"a", []byte("[2]")}, {"b", []byte(`{"c": null}`)}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for _, doc := range []string{`null`, `[]`, `"x"`, `1`} {
		if _, err := Members([]byte(doc)); !errors.Is(err, ErrNotObject) {
			t.Errorf("%s: error %v, want ErrNotObject", doc, err)
		}
	}
	for _, doc := range []string{``, `{`, `{"a"}`, `{"a":1,}`, `{"a":1`} {
		if _, err := Members([]byte(doc)); err == nil {
			t.Errorf("%q: no error", doc)
		}
	}
}
