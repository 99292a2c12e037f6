package conformance

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Case is one template render: the oracle's input format plus an id. Params, Context and
// StageVariables stay raw JSON because their key order is part of the input (a map prints
// in insertion order, and $input.params() lists headers as sent).
type Case struct {
	ID             string          `json:"id"`
	Template       string          `json:"template"`
	Body           string          `json:"body"`
	Params         json.RawMessage `json:"params,omitempty"`
	Context        json.RawMessage `json:"context,omitempty"`
	StageVariables json.RawMessage `json:"stageVariables,omitempty"`
}

// Result is what one render produced: Output, or an Error message when it failed.
// Error messages are never compared (they differ between engines by design), only the
// fact that both failed.
type Result struct {
	ID     string  `json:"id,omitempty"`
	Output *string `json:"output,omitempty"`
	Error  string  `json:"error,omitempty"`
}

// Failed reports whether the render failed.
func (r Result) Failed() bool { return r.Output == nil }

// Text is the output, or "" for a failed render.
func (r Result) Text() string {
	if r.Output == nil {
		return ""
	}
	return *r.Output
}

// OutputResult returns a successful Result.
func OutputResult(id, output string) Result { return Result{ID: id, Output: &output} }

// ReadJSONL decodes one JSON value per non-blank line of path into a slice of T. Errors
// name the file and line.
func ReadJSONL[T any](path string) ([]T, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []T
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		out = append(out, v)
	}
	return out, sc.Err()
}

// WriteJSONL writes one JSON value per line, without HTML escaping so that the committed
// files show templates as written.
func WriteJSONL[T any](path string, items []T) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, it := range items {
		if err := enc.Encode(it); err != nil {
			return err
		}
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// CorpusFiles lists the corpus files of dir (testdata/vtl): every *.jsonl that is not an
// expectation file, sorted.
func CorpusFiles(dir string) ([]string, error) {
	all, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, err
	}
	var files []string
	for _, f := range all {
		if !strings.HasSuffix(f, ExpectedSuffix) {
			files = append(files, f)
		}
	}
	slices.Sort(files)
	return files, nil
}

// ExpectedSuffix ends the name of the file holding the oracle's answers for a corpus file:
// cases.jsonl → cases.expected.jsonl.
const ExpectedSuffix = ".expected.jsonl"

// ExpectedPath is the expectation file of a corpus file.
func ExpectedPath(corpusFile string) string {
	return strings.TrimSuffix(corpusFile, ".jsonl") + ExpectedSuffix
}

// LoadCases reads a corpus file and checks that every case has a unique, non-empty id.
func LoadCases(path string) ([]Case, error) {
	cases, err := ReadJSONL[Case](path)
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(cases))
	for i, c := range cases {
		if c.ID == "" {
			return nil, fmt.Errorf("%s: case %d has no id", path, i+1)
		}
		if seen[c.ID] {
			return nil, fmt.Errorf("%s: duplicate id %q", path, c.ID)
		}
		seen[c.ID] = true
	}
	return cases, nil
}

// OracleInput is the JSON line the oracle (and mapping's Env constructor) reads for c:
// the case without its id, with empty params, context and stage variables filled in as
// API Gateway always has them.
func OracleInput(c Case) ([]byte, error) {
	in := struct {
		Template       string          `json:"template"`
		Body           string          `json:"body"`
		Params         json.RawMessage `json:"params"`
		Context        json.RawMessage `json:"context"`
		StageVariables json.RawMessage `json:"stageVariables"`
	}{c.Template, c.Body, orDefault(c.Params, `{"path":{},"querystring":{},"header":{}}`),
		orDefault(c.Context, `{}`), orDefault(c.StageVariables, `{}`)}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(in); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func orDefault(raw json.RawMessage, def string) json.RawMessage {
	if len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null" {
		return json.RawMessage(def)
	}
	return raw
}
