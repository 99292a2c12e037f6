package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/apigw-playground/playground/lessons"
	"github.com/apigw-playground/playground/web"
)

// runServe serves the playground until interrupted. Its flags are the operator's choices:
// where to listen and which other sites may use this server.
func runServe(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", ":8080", "address to listen on (host:port)")
	var origins originList
	fs.Var(&origins, "allow-origin", "an origin (scheme://host[:port]) whose pages may use the websocket; repeat or comma-separate; default: this server's own pages only")
	frameAncestors := fs.String("frame-ancestors", "'self'", "CSP frame-ancestors sources: the sites that may embed the pages in a frame")
	lessonsDir := fs.String("lessons", "", "serve the lessons (*.md) in this directory instead of the built-in ones")
	verbose := fs.Bool("v", false, "log every request")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	opts := []web.Option{
		web.WithLogger(logger),
		web.WithAllowedOrigins(origins...),
		web.WithFrameAncestors(*frameAncestors),
	}
	if *lessonsDir != "" {
		lib, err := lessons.Load(os.DirFS(*lessonsDir))
		if err != nil {
			return fmt.Errorf("-lessons %s: %w", *lessonsDir, err)
		}
		opts = append(opts, web.WithLessons(lib))
	}
	handler, err := web.New(opts...)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("-addr %s: %w", *addr, err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	logger.Info("playground listening", "url", "http://"+displayAddr(ln.Addr()))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		return nil
	}
}

// displayAddr turns a wildcard listen address into one a browser can open.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// originList is a repeatable, comma-separated flag.
type originList []string

func (o *originList) String() string { return strings.Join(*o, ",") }

func (o *originList) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*o = append(*o, part)
		}
	}
	return nil
}
