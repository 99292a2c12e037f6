// Package static embeds the page's stylesheet, icon and editor bundle (app.js, built from
// web/editor by `go generate ./web`), so the one binary serves everything.
package static

import "embed"

// FS holds the files beside this one.
//
//go:embed *.js app.css favicon.svg
var FS embed.FS
