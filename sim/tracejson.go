package sim

import (
	"bytes"
	"encoding/json"

	"github.com/apigw-playground/playground/sim/scenario"
)

// TraceJSON is the trace document as every front end writes it: indented by two spaces,
// with <, > and & left alone (they are common in bodies and templates, and escaping them
// would make the bytes differ from what API Gateway shows), ending in a newline.
func TraceJSON(t *scenario.Trace) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(t) // a trace holds only strings, numbers, bools, maps and slices
	return b.Bytes()
}
