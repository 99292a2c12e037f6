package conformance

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

// ErrOracleUnavailable is returned (wrapped, with the reason) when the oracle cannot run on
// this machine: no shared/ beside the module, no Java, or no Velocity jars.
var ErrOracleUnavailable = errors.New("vtl oracle unavailable (" + InstallHint + ")")

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

// OracleScript finds the oracle's run script: $VTL_ORACLE when set, otherwise
// shared/tools/vtl-oracle/run in the parent directory of the module root (CI clones the
// repository with shared/ beside it).
func OracleScript() (string, error) {
	if p := os.Getenv("VTL_ORACLE"); p != "" {
		return p, nil
	}
	root, err := ModuleRoot(".")
	if err != nil {
		return "", err
	}
	p := filepath.Join(filepath.Dir(root), "shared", "tools", "vtl-oracle", "run")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%w: %s not found", ErrOracleUnavailable, p)
	}
	return p, nil
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

// StartOracle starts the oracle and checks with one probe render that Java and the jars
// are there; if not, the error wraps ErrOracleUnavailable and carries the script's message.
func StartOracle(script string, args ...string) (*Oracle, error) {
	if _, err := exec.LookPath("java"); err != nil {
		return nil, fmt.Errorf("%w: no java on PATH", ErrOracleUnavailable)
	}
	cmd := exec.Command(script, args...)
	// The run script compiles the oracle into one shared directory unless told otherwise;
	// test binaries of several packages start it at the same time (go test ./...), and one
	// of them could load a class file another is still writing. A private directory costs
	// a second of javac and removes the race.
	var build string
	if os.Getenv("VTL_ORACLE_BUILD") == "" {
		var err error
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
		return nil, fmt.Errorf("%w: %v", ErrOracleUnavailable, err)
	}
	probe, err := o.RenderAll([]Case{{ID: "probe", Template: "#set($a = 1)$a"}})
	if err != nil || probe[0].Text() != "1" {
		o.Close()
		msg := strings.TrimSpace(o.stderr.String())
		if err != nil && msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("%w: probe render failed: %s", ErrOracleUnavailable, msg)
	}
	return o, nil
}

// RenderAll renders every case, streaming the inputs while it reads the answers so that
// the pipes never fill up. The results carry the cases' ids.
func (o *Oracle) RenderAll(cases []Case) ([]Result, error) {
	writeErr := make(chan error, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		w := bufio.NewWriterSize(o.stdin, 1<<20)
		for _, c := range cases {
			line, err := OracleInput(c)
			if err != nil {
				writeErr <- fmt.Errorf("case %s: %w", c.ID, err)
				return
			}
			line = append(line, '\n')
			if _, err := w.Write(line); err != nil {
				writeErr <- err
				return
			}
		}
		writeErr <- w.Flush()
	}()
	results := make([]Result, 0, len(cases))
	var readErr error
	for _, c := range cases {
		line, err := o.out.ReadBytes('\n')
		if err != nil {
			readErr = fmt.Errorf("oracle stopped at case %s: %v: %s", c.ID, err, strings.TrimSpace(o.stderr.String()))
			break
		}
		var r Result
		if err := json.Unmarshal(line, &r); err != nil {
			readErr = fmt.Errorf("oracle answer for case %s: %v: %q", c.ID, err, line)
			break
		}
		if r.Output == nil && r.Error == "" {
			r.Error = "oracle answered neither output nor error"
		}
		r.ID = c.ID
		results = append(results, r)
	}
	if readErr != nil {
		o.stdin.Close() // unblocks the writer
	}
	wg.Wait()
	if err := <-writeErr; err != nil && readErr == nil {
		return nil, err
	}
	return results, readErr
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
