package mapping

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

const vectorsPath = "../../../shared/reference/aws-vectors.jsonl"

// awsVector holds the fields of ../shared/reference/aws-vectors.jsonl that these tests read.
type awsVector struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Template string `json:"template"`
	Request  struct {
		IntegrationResponseBodyJSON json.RawMessage `json:"integration_response_body_json"`
		Body                        string          `json:"body"`
		Integration                 struct {
			RequestTemplates map[string]string `json:"requestTemplates"`
		} `json:"integration"`
		IntegrationResponse struct {
			ResponseTemplates map[string]string `json:"responseTemplates"`
		} `json:"integrationResponse"`
	} `json:"request"`
	Expected struct {
		RenderedBody string `json:"rendered_body"`
		Body         string `json:"body"`
	} `json:"expected"`
}

func readVectors(t *testing.T, idPrefix string) []awsVector {
	f, err := os.Open(vectorsPath)
	if err != nil {
		t.Skipf("AWS vectors not found at %s (they live in ../shared beside the project): %v", vectorsPath, err)
	}
	defer f.Close()
	var out []awsVector
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		var head struct{ ID string }
		if err := json.Unmarshal(sc.Bytes(), &head); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(head.ID, idPrefix) {
			continue // other kinds use other shapes for the same fields
		}
		var v awsVector
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", head.ID, err)
		}
		out = append(out, v)
	}
	return out
}

// TestAWSInputPathVectors renders the recorded response templates over the recorded
// integration response bodies (LocalStack's AWS-validated test_input_path_template_formatting).
func TestAWSInputPathVectors(t *testing.T) {
	vectors := readVectors(t, "vtl-input-path-")
	if len(vectors) != 13 {
		t.Fatalf("found %d vtl-input-path-* vectors, want 13", len(vectors))
	}
	for _, v := range vectors {
		t.Run(v.ID, func(t *testing.T) {
			got, err := Render(v.Template, &Env{Body: string(v.Request.IntegrationResponseBodyJSON)})
			if err != nil {
				t.Fatal(err)
			}
			if got.Output != v.Expected.RenderedBody {
				t.Errorf("got  %q\nwant %q", got.Output, v.Expected.RenderedBody)
			}
		})
	}
}

// TestAWSInputBodyVectors replays the two-stage $input.body / $util.urlEncode recordings: the
// request template renders the integration request, an echo backend returns it unchanged,
// and the response template renders the client's body from that.
func TestAWSInputBodyVectors(t *testing.T) {
	vectors := readVectors(t, "vtl-input-body-")
	if len(vectors) == 0 {
		t.Fatal("no vtl-input-body-* vectors")
	}
	for _, v := range vectors {
		t.Run(v.ID, func(t *testing.T) {
			request, err := Render(v.Request.Integration.RequestTemplates["application/json"], &Env{Body: v.Request.Body})
			if err != nil {
				t.Fatal(err)
			}
			response, err := Render(v.Request.IntegrationResponse.ResponseTemplates["application/json"], &Env{Body: request.Output})
			if err != nil {
				t.Fatal(err)
			}
			if response.Output != v.Expected.Body {
				t.Errorf("got  %q\nwant %q", response.Output, v.Expected.Body)
			}
		})
	}
}
