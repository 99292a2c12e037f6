package main

import (
	"strings"
	"testing"
)

// TestServeRefusesBadFlags: a mistake in the operator's flags stops the start with a
// message naming the flag, before anything listens.
func TestServeRefusesBadFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-allow-origin", "docs.example.com"}, "allow-origin"},
		{[]string{"-frame-ancestors", "'self'; script-src *"}, "frame-ancestors"},
		{[]string{"-lessons", t.TempDir()}, "-lessons"},
		{[]string{"extra"}, "unexpected argument"},
		{[]string{"-addr", "256.0.0.1:-1"}, "-addr 256.0.0.1:-1"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			err := runServe(tt.args)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("runServe(%q) = %v, want an error mentioning %q", tt.args, err, tt.want)
			}
		})
	}
}

func TestOriginListFlag(t *testing.T) {
	var o originList
	o.Set("https://a.example, https://b.example")
	o.Set("https://c.example")
	if got := o.String(); got != "https://a.example,https://b.example,https://c.example" {
		t.Errorf("origins = %q", got)
	}
}
