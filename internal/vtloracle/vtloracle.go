// Package vtloracle runs the VTL oracle (shared/tools/vtl-oracle: Velocity 1.7 calibrated
// to API Gateway, on the JVM) for the tests that compare the engine with it or keep
// committed oracle answers fresh. It lives apart from every package it serves and imports
// none of them, so that the sim/vtl tests (package vtl) can use it without an import cycle
// and all suites find, start and talk to the oracle the same way.
package vtloracle

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// InstallHint names the Debian packages the oracle needs; tests print it when they skip or
// fail for want of them.
const InstallHint = "apt-get install -y default-jdk-headless velocity libjsonpath-java libslf4j-java"

// ErrUnavailable is returned (wrapped, with the reason) when the oracle cannot run on this
// machine: no shared/ beside the module, no Java, or no Velocity jars.
var ErrUnavailable = errors.New("vtl oracle unavailable (" + InstallHint + ")")

// ModuleRoot walks up from dir to the directory holding go.mod.
func ModuleRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// Script finds the oracle's run script: $VTL_ORACLE when set, otherwise
// shared/tools/vtl-oracle/run in the parent directory of the module root. It is found from
// the module root rather than a fixed path because CI clones the repository anywhere, with
// shared/ beside it.
func Script() (string, error) {
	if p := os.Getenv("VTL_ORACLE"); p != "" {
		return p, nil
	}
	root, err := ModuleRoot(".")
	if err != nil {
		return "", err
	}
	p := filepath.Join(filepath.Dir(root), "shared", "tools", "vtl-oracle", "run")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%w: %s not found", ErrUnavailable, p)
	}
	return p, nil
}

// Answer is one line the oracle prints: Output, or an Error message when the render
// failed.
type Answer struct {
	Output *string `json:"output,omitempty"`
	Error  string  `json:"error,omitempty"`
}

// Oracle is one running oracle process. It renders cases one JSON line at a time, so a
// single JVM serves a whole corpus. It is not safe for concurrent use.
type Oracle struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	out    *bufio.Reader
	stderr *bytes.Buffer
	build  string // the private directory the oracle was compiled into, removed by Close
}

// Start finds the script and starts the oracle, then checks with one probe render that
// Java and the jars are there; if not, the error wraps ErrUnavailable and carries the
// script's message.
func Start() (*Oracle, error) {
	script, err := Script()
	if err != nil {
		return nil, err
	}
	if _, err := exec.LookPath("java"); err != nil {
		return nil, fmt.Errorf("%w: no java on PATH", ErrUnavailable)
	}
	cmd := exec.Command(script)
	// The run script compiles the oracle into one shared directory unless told otherwise;
	// test binaries of several packages start it at the same time (go test ./...), and one
	// of them could load a class file another is still writing. A private directory costs
	// a second of javac and removes the race.
	var build string
	if os.Getenv("VTL_ORACLE_BUILD") == "" {
		if build, err = os.MkdirTemp("", "vtl-oracle-build-"); err != nil {
			return nil, err
		}
		cmd.Env = append(os.Environ(), "VTL_ORACLE_BUILD="+build)
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	o := &Oracle{cmd: cmd, stdin: stdin, out: bufio.NewReaderSize(stdout, 1<<20), stderr: &bytes.Buffer{}, build: build}
	cmd.Stderr = o.stderr
	if err := cmd.Start(); err != nil {
		os.RemoveAll(build)
		return nil, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	probe, err := o.RenderAll([][]byte{[]byte(`{"template":"#set($a = 1)$a","body":""}`)})
	if err != nil || probe[0].Output == nil || *probe[0].Output != "1" {
		o.Close()
		msg := strings.TrimSpace(o.stderr.String())
		if err != nil && msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("%w: probe render failed: %s", ErrUnavailable, msg)
	}
	return o, nil
}

// RenderAll renders every case (one JSON object each, in the oracle's input format),
// streaming the inputs while it reads the answers so that the pipes never fill up. The
// answers are in the order of the cases.
func (o *Oracle) RenderAll(cases [][]byte) ([]Answer, error) {
	writeErr := make(chan error, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		w := bufio.NewWriterSize(o.stdin, 1<<20)
		for _, c := range cases {
			w.Write(bytes.TrimSpace(c)) // a bufio.Writer keeps its first error for Flush
			if err := w.WriteByte('\n'); err != nil {
				writeErr <- err
				return
			}
		}
		writeErr <- w.Flush()
	}()
	answers := make([]Answer, 0, len(cases))
	var readErr error
	for i := range cases {
		line, err := o.out.ReadBytes('\n')
		if err != nil {
			readErr = fmt.Errorf("oracle stopped at case %d of %d: %v: %s", i+1, len(cases), err, strings.TrimSpace(o.stderr.String()))
			break
		}
		var a Answer
		if err := json.Unmarshal(line, &a); err != nil {
			readErr = fmt.Errorf("oracle answer for case %d: %v: %q", i+1, err, line)
			break
		}
		if a.Output == nil && a.Error == "" {
			a.Error = "oracle answered neither output nor error"
		}
		answers = append(answers, a)
	}
	if readErr != nil {
		o.stdin.Close() // unblocks the writer
	}
	wg.Wait()
	if err := <-writeErr; err != nil && readErr == nil {
		return nil, err
	}
	return answers, readErr
}

// Close ends the oracle process and removes its private build directory.
func (o *Oracle) Close() error {
	o.stdin.Close()
	err := o.cmd.Wait()
	if o.build != "" {
		os.RemoveAll(o.build)
	}
	return err
}

// RenderOnce starts an oracle, renders the cases and ends it: for a test that asks once.
func RenderOnce(cases [][]byte) ([]Answer, error) {
	o, err := Start()
	if err != nil {
		return nil, err
	}
	answers, err := o.RenderAll(cases)
	if cerr := o.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("oracle exit: %w", cerr)
	}
	return answers, err
}
