package web

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestPages(t *testing.T) {
	srv := testServer(t)
	tests := []struct {
		path        string
		wantStatus  int
		wantType    string
		want, avoid []string
	}{
		{"/", 200, "text/html; charset=utf-8", []string{`class="topbar"`, `data-share="true"`, `data-files="true"`}, nil},
		{"/embed/playground?preset=mock", 200, "text/html; charset=utf-8", []string{`data-playground=`, `data-files="false"`, `"type":"mock"`}, []string{`class="topbar"`}},
		{"/lessons", 200, "text/html; charset=utf-8", []string{`data-testid="lesson-list"`, `href="/lessons/proxy-response"`}, nil},
		{"/lessons/proxy-response", 200, "text/html; charset=utf-8", []string{`data-testid="lesson"`, `data-playground=`, `data-exercise=`, `/lessons/checks.js?v=`, `aria-current="page"`}, nil},
		{"/embed/lessons/proxy-response", 200, "text/html; charset=utf-8", []string{`data-testid="lesson"`, `data-playground=`}, []string{`class="topbar"`, `lesson-toc`}},
		{"/lessons/no-such-lesson", 404, "text/html; charset=utf-8", []string{"There is no lesson"}, nil},
		{"/nowhere", 404, "text/html; charset=utf-8", []string{"There is no page at /nowhere"}, nil},
		{"/lessons/checks.js", 200, "text/javascript; charset=utf-8", []string{"function checkTrace"}, nil},
		{"/api/presets", 200, "application/json", []string{`"slug":"proxy-hello-world"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, err := http.Get(srv.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if ct := resp.Header.Get("Content-Type"); ct != tt.wantType {
				t.Errorf("Content-Type %q, want %q", ct, tt.wantType)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(body), w) {
					t.Errorf("page lacks %s", w)
				}
			}
			for _, a := range tt.avoid {
				if strings.Contains(string(body), a) {
					t.Errorf("page has %s", a)
				}
			}
		})
	}
}
