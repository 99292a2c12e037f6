package mapping

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/apigw-playground/playground/internal/vtloracle"
)

// oracleCase is one line of testdata/oracle-cases.jsonl: a case in the oracle's input format,
// what the oracle (Velocity 1.7 with the real Jayway, json-smart and commons-lang) answered,
// and, where AWS recorded something else, what AWS answered (AWS wins).
type oracleCase struct {
	Case   json.RawMessage  `json:"case"`
	Oracle vtloracle.Answer `json:"oracle"`
	AWS    *struct {
		Output string `json:"output"`
		Why    string `json:"why"`
	} `json:"aws"`
}

// TestRenderMatchesOracle replays $input/$util/$context/$stageVariables cases recorded from
// the oracle: exact output, or an error where the oracle threw.
func TestRenderMatchesOracle(t *testing.T) {
	f, err := os.Open("testdata/oracle-cases.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var c oracleCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		template, env, err := DecodeOracleCase(c.Case)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(template, func(t *testing.T) {
			got, err := Render(template, env)
			want := c.Oracle.Output
			if c.AWS != nil {
				want = &c.AWS.Output
			}
			if want == nil {
				if err == nil {
					t.Fatalf("rendered %q; the oracle threw %s", got.Output, c.Oracle.Error)
				}
				return
			}
			if err != nil {
				t.Fatalf("error %v; want %q", err, *want)
			}
			if got.Output != *want {
				t.Errorf("case %s\n got %q\nwant %q", c.Case, got.Output, *want)
			}
		})
	}
}
