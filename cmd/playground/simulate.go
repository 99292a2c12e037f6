package main

import (
	"fmt"
	"io"
	"os"

	"github.com/apigw-playground/playground/sim"
)

// runSimulate is `playground simulate [FILE]`. It exits 0 whenever it simulated — a 502
// is API Gateway's answer, not a failure — and 2 when the scenario cannot be read, with
// the message naming the field, so CI pipelines can tell a broken scenario from a broken
// template (which shows in the trace's response and diagnostics).
func runSimulate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 1 || (len(args) == 1 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help")) {
		fmt.Fprint(stderr, "usage: playground simulate [FILE]\n\nReads a scenario (JSON or YAML) from FILE or standard input and prints its trace as JSON.\n")
		return 2
	}
	name, in := "<stdin>", stdin
	if len(args) == 1 && args[0] != "-" {
		f, err := os.Open(args[0])
		if err != nil {
			fmt.Fprintln(stderr, "playground simulate:", err)
			return 2
		}
		defer f.Close()
		name, in = args[0], f
	}
	data, err := io.ReadAll(in)
	if err != nil {
		fmt.Fprintf(stderr, "playground simulate: %s: %v\n", name, err)
		return 2
	}
	tr, err := sim.Simulate(data)
	if err != nil {
		fmt.Fprintf(stderr, "playground simulate: %s: %v\n", name, err)
		return 2
	}
	if _, err := stdout.Write(sim.TraceJSON(tr)); err != nil {
		fmt.Fprintln(stderr, "playground simulate:", err)
		return 1
	}
	return 0
}
