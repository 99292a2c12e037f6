package web

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strings"
)

// presetFiles are the ready-made scenarios of the preset menu: the source articles' own
// examples, written fresh, and more. Each file is {title, summary, expect, scenario}.
//
//go:embed presets/*.json
var presetFiles embed.FS

// Preset is one entry of the preset menu.
type Preset struct {
	// Slug names the preset in URLs (?preset=slug): the file name without number and ".json".
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	// Expect is what the preset demonstrates; a test checks the simulator still agrees.
	Expect struct {
		StatusCode int `json:"statusCode"`
	} `json:"expect"`
	Scenario json.RawMessage `json:"scenario"`
}

// loadPresets reads every preset, in file name order.
func loadPresets() ([]Preset, error) {
	names, err := fs.Glob(presetFiles, "presets/*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	presets := make([]Preset, 0, len(names))
	for _, name := range names {
		data, err := presetFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var p Preset
		if err := json.Unmarshal(data, &p); err != nil {
			return nil, fmt.Errorf("preset %s: %w", name, err)
		}
		base := strings.TrimSuffix(path.Base(name), ".json")
		if i := strings.IndexByte(base, '-'); i >= 0 {
			base = base[i+1:]
		}
		p.Slug = base
		if p.Title == "" || len(p.Scenario) == 0 {
			return nil, fmt.Errorf("preset %s: title and scenario are required", name)
		}
		presets = append(presets, p)
	}
	return presets, nil
}

// Presets returns the playground's presets; lessons and tests reuse them.
func Presets() ([]Preset, error) { return loadPresets() }

func (s *server) handlePresets(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(s.presets)
}
