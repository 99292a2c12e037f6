package conformance

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// RecordedCase is one AWS recording of shared/reference/recorded-vtl-cases.jsonl. Compare
// says how much of the AWS response survived the recording, and so how to compare:
//
//	exact                  the raw HTTP body, byte for byte
//	json                   the snapshot tool parsed the body: compare as JSON values
//	json-roundtrip         the render went through a Node Lambda echo: JSON.parse(render,
//	                       or "{}" when empty) must equal JSON.parse(expected)
//	whitespace-normalized  runs of whitespace collapsed to one space, ends trimmed
//	error                  AWS refused the request (a 400): the render must fail
//	fields                 only some fields of the JSON render were recorded
type RecordedCase struct {
	Case
	Compare        string            `json:"compare"`
	ExpectedOutput *string           `json:"expected_output"`
	ExpectedError  *string           `json:"expected_error"`
	ExpectedFields map[string]string `json:"expected_fields"`
}

// Check compares a render with the recording and returns "" when they agree, else what
// differs.
func (rc RecordedCase) Check(got Result) string {
	if rc.Compare == "error" {
		if got.Failed() {
			return ""
		}
		return fmt.Sprintf("AWS refused this request (%s) but the render succeeded: %q", deref(rc.ExpectedError), got.Text())
	}
	if got.Failed() {
		return "render failed: " + got.Error
	}
	out, want := got.Text(), deref(rc.ExpectedOutput)
	switch rc.Compare {
	case "exact":
		if out != want {
			return fmt.Sprintf("got %q, AWS %q", out, want)
		}
	case "json":
		return sameJSON(out, want)
	case "json-roundtrip":
		if strings.TrimSpace(out) == "" {
			out = "{}" // Lambda receives an empty payload as {}
		}
		return sameJSON(out, want)
	case "whitespace-normalized":
		if a, b := strings.Join(strings.Fields(out), " "), strings.Join(strings.Fields(want), " "); a != b {
			return fmt.Sprintf("got (normalized) %q, AWS %q", a, b)
		}
	case "fields":
		return checkFields(out, rc.ExpectedFields)
	default:
		return "unknown compare mode " + strconv.Quote(rc.Compare)
	}
	return ""
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func sameJSON(got, want string) string {
	var g, w any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		return "recorded value is not JSON: " + err.Error()
	}
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		return fmt.Sprintf("render is not JSON (%v): %q", err, got)
	}
	if !reflect.DeepEqual(g, w) {
		return fmt.Sprintf("got %s, AWS %s (as JSON)", got, want)
	}
	return ""
}

// fieldPattern reads the keys of expected_fields: Name[i..j].Field, meaning that Field of
// every element i through j of the list Name must equal the value.
var fieldPattern = regexp.MustCompile(`^(\w+)\[(\d+)\.\.(\d+)\]\.(\w+)$`)

func checkFields(out string, fields map[string]string) string {
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		return fmt.Sprintf("render is not a JSON object (%v): %q", err, out)
	}
	var problems []string
	for _, key := range slices.Sorted(maps.Keys(fields)) {
		want := fields[key]
		m := fieldPattern.FindStringSubmatch(key)
		if m == nil {
			return "unsupported expected_fields key " + strconv.Quote(key)
		}
		list, _ := doc[m[1]].([]any)
		from, _ := strconv.Atoi(m[2])
		to, _ := strconv.Atoi(m[3])
		for i := from; i <= to; i++ {
			if i >= len(list) {
				problems = append(problems, fmt.Sprintf("%s[%d] missing", m[1], i))
				continue
			}
			elem, _ := list[i].(map[string]any)
			if got := fmt.Sprint(elem[m[4]]); got != want {
				problems = append(problems, fmt.Sprintf("%s[%d].%s = %q, AWS %q", m[1], i, m[4], got, want))
			}
		}
	}
	return strings.Join(problems, "; ")
}
