// Command playground simulates Amazon API Gateway (REST API) in front of AWS Lambda.
//
//	playground                      serve the playground (same as "playground serve")
//	playground serve [-addr :8080]  serve the web page, the websocket and POST /api/simulate
//	playground simulate [FILE]      run a scenario from FILE (or standard input), print its trace
//
// main only wires: flags and subcommands. The simulator is package sim; the server is
// package web.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

const usage = `usage:
  playground [serve] [-addr host:port]   serve the playground in a browser
  playground simulate [FILE]             print the trace of a scenario (FILE or standard input)
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches a command line and returns the exit status, so tests can call it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "simulate":
			return runSimulate(args[1:], stdin, stdout, stderr)
		case "serve":
			args = args[1:]
		case "help":
			fmt.Fprint(stdout, usage)
			return 0
		default:
			fmt.Fprintf(stderr, "playground: unknown command %q\n%s", args[0], usage)
			return 2
		}
	}
	if err := runServe(args); err != nil {
		fmt.Fprintln(stderr, "playground serve:", err)
		return 1
	}
	return 0
}
