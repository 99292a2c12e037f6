package web

import (
	"bytes"
	"encoding/json"

	"gopkg.in/yaml.v3"

	"github.com/apigw-playground/playground/sim"
	"github.com/apigw-playground/playground/sim/scenario"
)

// scenarioJSON checks a scenario document exactly as the simulator reads it (so a file
// the page opens is accepted or refused with the same message as `playground simulate
// FILE`) and returns it as JSON the way its author wrote it: defaults are not filled in,
// so a downloaded file stays as small as the one opened. JSON comes back as it is; YAML is
// converted keeping the order of keys (header order matters) and YAML's own typing.
func scenarioJSON(doc []byte) ([]byte, error) {
	if _, err := sim.DecodeScenario(doc); err != nil {
		return nil, err
	}
	doc = bytes.TrimPrefix(doc, []byte("\ufeff")) // a byte-order mark some editors write
	if json.Valid(doc) {
		return doc, nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal(doc, &root); err != nil {
		return nil, err // DecodeScenario read it, so this does not happen
	}
	return scenario.YAMLNodeToJSON(root.Content[0])
}
