package mapping

import "testing"

// TestSpecInputFacts pins the AWS-recorded $input and $util facts of spec §3.1–3.2 one by
// one, each with its source (the corpora under testdata/vtl cover them in bulk).
func TestSpecInputFacts(t *testing.T) {
	tests := []struct {
		source, template, body, want string
	}{
		// LS-common test_input_body_formatting: an empty body is "{}".
		{"V LS-common input_body_formatting", "Action=SendMessage&MessageBody=$input.body", "", "Action=SendMessage&MessageBody={}"},
		{"V LS-common input_body_formatting", "[$input.body.foo]", `{"foo":"bar"}`, "[]"},
		// LS-common test_input_path_template_formatting.
		{"V LS-common input_path_template_formatting", "$input.path('$')", `{"foo":"bar"}`, "{foo=bar}"},
		{"V LS-common input_path_template_formatting", "$input.path('$')", `{"bigger":"dict","to":"test","with":"separators"}`, "{bigger=dict, to=test, with=separators}"},
		{"V LS-common input_path_template_formatting", "$input.path('$')", `[{"foo":"bar"}]`, `[{"foo":"bar"}]`},
		{"V LS-common input_path_template_formatting", "$input.path('$')", `{"foo":[{"nested":"bar"}]}`, `{foo=[{"nested":"bar"}]}`},
		{"V LS-common input_path_template_formatting", "#set($r = $input.path('$'))$r[0]", `[{"foo":"bar"}]`, "{foo=bar}"},
		{"V LS-common input_path_template_formatting", "#set($r = $input.path('$'))$r[0]", `[[{"foo":"bar"}]]`, `[{"foo":"bar"}]`},
		{"V LS-common input_path_template_formatting", "$input.path('$').toString()", `{"foo":"bar"}`, "{foo=bar}"},
		{"V LS-common input_path_template_formatting", "$input.path('$')", `[]`, "[]"},
		// vtl-input-path-empty-body: a missing path renders empty and equals both $null and "".
		{"V LS-common input_path_template_formatting", "#set($r = $input.path('$.nope'))[$r][$r.nested] #if($r == $null)null#end #if($r == '')empty#end", `{"a":1}`, "[][] null empty"},
		// $input.json returns JSON text (D).
		{"D mapping-template-reference", "$input.json('$')", `{"a":1}`, `{"a":1}`},
		// D: size()/count() on $input.path lists and maps.
		{"D mapping-template-reference", "$input.path('$.things').size() $input.path('$.pets').size()", `{"things":{"1":{},"2":{},"3":{}},"pets":[1,2,3]}`, "3 3"},
		// $util.urlEncode (V LS-common).
		{"V LS-common", `$util.urlEncode('{"a": "b c"}')|$util.urlEncode($undefined)|`, "", "%7B%22a%22%3A+%22b+c%22%7D||"},
		// $util.parseJson (D doc example 2) and of a base64Decode result (V).
		{"D doc example 2", "#set($o = $util.parseJson($input.path('$.errorMessage'))){\"v\" : $o.key2.arr[0]}", `{"errorMessage":"{\"key1\":\"var1\",\"key2\":{\"arr\":[1,2,3]}}"}`, `{"v" : 1}`},
		{"V LS-common", "$util.parseJson($util.base64Decode('eyJhIjoxfQ==')).a", "", "1"},
		// escapeJavaScript turns ' into \' (D doc example 13) and the documented fix undoes it.
		{"D doc example 13", `$util.escapeJavaScript("it's")|$util.escapeJavaScript("it's").replaceAll("\\'","'")`, "", `it\'s|it's`},
	}
	for _, tt := range tests {
		t.Run(tt.source+": "+tt.template, func(t *testing.T) {
			got, err := Render(tt.template, &Env{Body: tt.body, Context: testContext()})
			if err != nil {
				t.Fatal(err)
			}
			if got.Output != tt.want {
				t.Errorf("got %q, want %q", got.Output, tt.want)
			}
		})
	}
}
