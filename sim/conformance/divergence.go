package conformance

import (
	"encoding/json"
	"fmt"
	"os"
)

// Divergence is one case allowed to differ from its reference, with the reason. Each one
// is also listed in docs/fidelity.md ("## VTL conformance").
//
// Suite "recorded" names a case of the AWS recordings that the engine does not reproduce.
// Suite "oracle" names a corpus case where the oracle is known to differ from API Gateway;
// when AWS is set it is what API Gateway answers (from a recording or its documentation)
// and it replaces the oracle's answer, so the engine is held to AWS instead.
type Divergence struct {
	ID     string  `json:"id"`
	Suite  string  `json:"suite"`
	Reason string  `json:"reason"`
	AWS    *string `json:"aws,omitempty"`
}

// LoadDivergences reads the allow-list and indexes it by suite and id.
func LoadDivergences(path string) (map[string]map[string]Divergence, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var list []Divergence
	if err := json.Unmarshal(data, &list); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	bySuite := map[string]map[string]Divergence{"recorded": {}, "oracle": {}}
	for i, d := range list {
		suite, ok := bySuite[d.Suite]
		switch {
		case !ok:
			return nil, fmt.Errorf("%s: entry %d (%s): suite must be \"recorded\" or \"oracle\", not %q", path, i+1, d.ID, d.Suite)
		case d.ID == "" || d.Reason == "":
			return nil, fmt.Errorf("%s: entry %d needs an id and a reason", path, i+1)
		case suite[d.ID].ID != "":
			return nil, fmt.Errorf("%s: %s listed twice", path, d.ID)
		}
		suite[d.ID] = d
	}
	return bySuite, nil
}
