package mapping

import (
	"strings"
	"testing"

	"github.com/apigw-playground/playground/sim/jv"
)

// FuzzInputAndUtil feeds arbitrary bodies, paths and strings through $input and $util: any
// outcome is fine except a panic (which the engine reports as an internal error).
func FuzzInputAndUtil(f *testing.F) {
	f.Add(`{"a":[1,{"b":"x"}]}`, "$.a[*].b", "a%20b")
	f.Add("a=b", "$", "aGk=")
	f.Add("{a", "$..x", `{"k":[1,2]}`)
	f.Add(`[[[]]]`, "$[?(@[0] == 1)]", "%")
	templates := []string{
		"$input.json($stageVariables.p)|$input.path($stageVariables.p)",
		"$util.escapeJavaScript($stageVariables.s)|$util.urlEncode($stageVariables.s)|$util.base64Encode($stageVariables.s)",
		"$util.urlDecode($stageVariables.s)",
		"$util.base64Decode($stageVariables.s)",
		"$util.parseJson($stageVariables.s)",
	}
	f.Fuzz(func(t *testing.T, body, path, s string) {
		vars := jv.NewMap(2)
		vars.Put("p", path)
		vars.Put("s", s)
		for _, template := range templates {
			_, err := Render(template, &Env{Body: body, StageVariables: vars})
			if err != nil && strings.Contains(err.Error(), "internal error") {
				t.Fatalf("%s: %v", template, err)
			}
		}
	})
}
