package lessons

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"

	"github.com/apigw-playground/playground/sim/scenario"
)

// The widgets are server-rendered so that a lesson reads well without JavaScript: each
// shows the scenario's key parts and the simulator's result, computed when the lesson
// loaded. The page's script finds them by their data-* attributes and turns them into
// live editors; html/template escapes every value, the JSON in the attributes included.

var widgets = template.Must(template.New("widgets").Parse(`
{{- define "playground" -}}
<figure class="playground" id="{{.Anchor}}"{{if .Live}} data-playground="{{.JSON}}"{{end}} data-testid="playground">
<div class="pg-scenario">
<section class="pg-request"><h4>Client request</h4><pre><code>{{.Request}}</code></pre></section>
<section class="pg-integration"><h4>Integration</h4>
<p>{{.Integration}}</p>
{{- range .Settings}}
<p>{{.}}</p>
{{- end}}
{{- range .RequestParameters}}
<p>Request parameter <code>{{.Key}}</code> ← <code>{{.Value}}</code></p>
{{- end}}
{{- range .RequestTemplates}}
<p>Request template for <code>{{.Key}}</code>:</p>
<pre><code class="language-velocity">{{.Value}}</code></pre>
{{- end}}
{{- range .Responses}}
<div class="pg-integration-response">
<p>Integration response <code>{{.Pattern}}</code> → status <code>{{.Status}}</code></p>
{{- range .Parameters}}
<p>Header mapping <code>{{.Key}}</code> ← <code>{{.Value}}</code></p>
{{- end}}
{{- range .Templates}}
<p>Response template for <code>{{.Key}}</code>:</p>
<pre><code class="language-velocity">{{.Value}}</code></pre>
{{- end}}
</div>
{{- end}}
{{- with .MethodResponses}}
<p>Method responses: {{.}}</p>
{{- end}}
</section>
{{- if .LambdaLabel}}
<section class="pg-lambda"><h4>{{.LambdaLabel}}</h4><pre><code>{{.Lambda}}</code></pre></section>
{{- end}}
</div>
<div class="pg-result" data-testid="playground-result">
{{- if .Error}}
<p class="pg-error">{{.Error}}</p>
{{- else}}
<details class="pg-payload"{{if .Live}} open{{end}}><summary>What API Gateway sends to Lambda</summary><pre><code>{{.Payload}}</code></pre></details>
{{- with .Selected}}
<p class="pg-selected">{{.}}</p>
{{- end}}
<section class="pg-response"><h4>What the client receives</h4><pre><code>{{.Response}}</code></pre></section>
{{- range .Diagnostics}}
<p class="pg-diagnostic">{{.}}</p>
{{- end}}
{{- end}}
</div>
</figure>
{{end -}}

{{- define "exercise" -}}
<section class="exercise" id="{{.Anchor}}" data-exercise="{{.Checks}}" data-solution="{{.SolutionJSON}}" data-testid="exercise">
<h4>Exercise</h4>
<div class="ex-goal">{{.Goal}}</div>
<ul class="ex-checks">
{{- range $i, $c := .Results}}
<li data-check="{{$i}}" class="{{if $c.Pass}}ex-pass{{else}}ex-fail{{end}}">{{$c.Assertion.Describe}} <span class="ex-status">({{if $c.Pass}}already met{{else}}not met yet: {{$c.Message}}{{end}})</span></li>
{{- end}}
</ul>
{{template "playground" .Start}}
<details class="ex-solution"><summary>Show a solution</summary>
{{template "playground" .Solution}}
</details>
</section>
{{end -}}
`))

type keyValue struct{ Key, Value string }

// playgroundView is what the playground widget shows.
type playgroundView struct {
	Anchor string
	// Live marks the widget for the page's script; a solution is shown, not edited.
	Live bool
	JSON string

	Request           string
	Integration       string
	Settings          []string
	RequestParameters []keyValue
	RequestTemplates  []keyValue
	Responses         []responseView
	MethodResponses   string
	LambdaLabel       string
	Lambda            string

	Error       string
	Payload     string
	Selected    string
	Response    string
	Diagnostics []string
}

type responseView struct {
	Pattern, Status string
	Parameters      []keyValue
	Templates       []keyValue
}

type exerciseView struct {
	Anchor       string
	Checks       string
	SolutionJSON string
	Goal         template.HTML
	Results      []Result
	Start        playgroundView
	Solution     playgroundView
}

func renderWidget(name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	err := widgets.ExecuteTemplate(&buf, name, data)
	return buf.Bytes(), err
}

// newPlaygroundView describes a scenario and, when it ran, its trace.
func newPlaygroundView(anchor string, raw json.RawMessage, sc *scenario.Scenario, tr *scenario.Trace, runErr error) playgroundView {
	v := playgroundView{Anchor: anchor, Live: true, JSON: string(raw)}
	describeScenario(&v, sc)
	if runErr != nil {
		v.Error = runErr.Error()
		return v
	}
	describeTrace(&v, sc, tr)
	return v
}

func describeScenario(v *playgroundView, sc *scenario.Scenario) {
	var req strings.Builder
	fmt.Fprintf(&req, "%s %s", sc.Request.Method, sc.Request.Path)
	for _, h := range sc.Request.Headers {
		for _, val := range h.Values {
			fmt.Fprintf(&req, "\n%s: %s", h.Name, val)
		}
	}
	if sc.Request.Body != nil {
		body := *sc.Request.Body
		if sc.Request.IsBase64Encoded {
			body = "(base64) " + body
		}
		req.WriteString("\n\n" + body)
	}
	v.Request = req.String()

	in := sc.Integration
	switch strings.ToLower(in.Type) {
	case "aws":
		v.Integration = "Lambda custom integration (type AWS), resource " + resourceOf(sc)
		pass := in.PassthroughBehavior
		if pass == "" {
			pass = "when_no_match"
		}
		v.Settings = append(v.Settings, "Passthrough behavior: "+strings.ToUpper(pass))
	case "mock":
		v.Integration = "Mock integration (type MOCK), resource " + resourceOf(sc)
	default:
		v.Integration = "Lambda proxy integration (type AWS_PROXY), resource " + resourceOf(sc)
	}
	if in.ContentHandling != "" {
		v.Settings = append(v.Settings, "Content handling: "+in.ContentHandling)
	}
	if len(sc.API.StageVariables) > 0 {
		v.Settings = append(v.Settings, "Stage variables: "+joinMap(sc.API.StageVariables))
	}
	if len(sc.API.BinaryMediaTypes) > 0 {
		v.Settings = append(v.Settings, "Binary media types: "+strings.Join(sc.API.BinaryMediaTypes, ", "))
	}
	v.RequestParameters = paramPairs(in.RequestParameters)
	v.RequestTemplates = sortedPairs(in.RequestTemplates)
	for _, r := range in.Responses {
		pattern := r.SelectionPattern
		if r.IsDefault() {
			pattern = "default"
		}
		v.Responses = append(v.Responses, responseView{
			Pattern:    pattern,
			Status:     r.StatusCode,
			Parameters: paramPairs(r.ResponseParameters),
			Templates:  sortedPairs(r.ResponseTemplates),
		})
	}
	if len(sc.MethodResponses) > 0 {
		v.MethodResponses = strings.Join(slices.Sorted(maps.Keys(sc.MethodResponses)), ", ")
	}

	switch l := sc.Lambda; {
	case strings.EqualFold(in.Type, "mock"):
		// A mock integration answers by itself; whatever lambda holds is never used.
	case l.Error != nil:
		v.LambdaLabel = "The function fails with"
		v.Lambda = indentJSON(mustJSON(l.Error))
	case l.Raw != nil:
		v.LambdaLabel = "The function returns these exact bytes"
		v.Lambda = *l.Raw
	case l.Handler != "":
		v.LambdaLabel = "The function is a built-in handler"
		v.Lambda = l.Handler
	case l.Result != nil:
		v.LambdaLabel = "The function returns"
		v.Lambda = indentJSON(l.Result)
	default:
		v.LambdaLabel = "The function returns"
		v.Lambda = "null"
	}
}

func resourceOf(sc *scenario.Scenario) string {
	if sc.API.Resource == "" {
		return "/{proxy+}"
	}
	return sc.API.Resource
}

func describeTrace(v *playgroundView, sc *scenario.Scenario, tr *scenario.Trace) {
	switch {
	case tr.Payload == nil:
		v.Payload = "(API Gateway does not call the function)"
	case strings.EqualFold(sc.Integration.Type, "aws_proxy") || sc.Integration.Type == "":
		// The proxy event is generated JSON: indenting it loses nothing and makes the
		// fields readable. A custom integration's payload is the template's exact output,
		// whitespace included, so it is shown untouched.
		v.Payload = indentJSON([]byte(*tr.Payload))
	default:
		v.Payload = *tr.Payload
		if v.Payload == "" {
			v.Payload = "(empty)"
		}
	}
	if ir := tr.IntegrationResponse; ir != nil {
		pattern := ir.SelectionPattern
		if pattern == "" {
			pattern = "default"
		}
		v.Selected = fmt.Sprintf("Selected integration response: %s → %s", pattern, ir.StatusCode)
		if ir.Reason != "" {
			v.Selected += " (" + ir.Reason + ")"
		}
	}
	var resp strings.Builder
	fmt.Fprintf(&resp, "HTTP %d", tr.Response.StatusCode)
	headers := tr.Response.MultiValueHeaders
	if len(headers) == 0 {
		headers = map[string][]string{}
		for k, val := range tr.Response.Headers {
			headers[k] = []string{val}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(headers)) {
		for _, val := range headers[name] {
			fmt.Fprintf(&resp, "\n%s: %s", name, val)
		}
	}
	resp.WriteString("\n\n" + tr.Response.Body)
	v.Response = resp.String()
	for _, d := range tr.Diagnostics {
		// Most diagnostics already say where, in their message; add the position only
		// when the message does not.
		pos := ""
		if d.Line > 0 && !strings.Contains(d.Message, fmt.Sprintf("line %d", d.Line)) {
			pos = fmt.Sprintf(" line %d, column %d", d.Line, d.Column)
		}
		v.Diagnostics = append(v.Diagnostics, fmt.Sprintf("%s%s: %s", d.Stage, pos, d.Message))
	}
}

func sortedPairs(m map[string]string) []keyValue {
	var out []keyValue
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, keyValue{k, m[k]})
	}
	return out
}

func paramPairs(ps scenario.Params) []keyValue {
	var out []keyValue
	for _, p := range ps {
		out = append(out, keyValue{p.Name, p.Value})
	}
	return out
}

func joinMap(m map[string]string) string {
	var parts []string
	for _, kv := range sortedPairs(m) {
		parts = append(parts, kv.Key+"="+kv.Value)
	}
	return strings.Join(parts, ", ")
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		return []byte("null")
	}
	return b
}

// indentJSON pretty-prints JSON for reading, and leaves anything else as it is. Unlike
// json.Indent it keeps a list of plain values on one line: a proxy event's
// multiValueHeaders would otherwise take three lines per header.
func indentJSON(data []byte) string {
	if !json.Valid(data) {
		return string(data)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var b strings.Builder
	if err := writePretty(&b, dec, ""); err != nil {
		return string(data)
	}
	return b.String()
}

func writePretty(b *strings.Builder, dec *json.Decoder, indent string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		if !dec.More() {
			b.WriteString("{}")
			_, err = dec.Token()
			return err
		}
		b.WriteString("{")
		for first := true; dec.More(); first = false {
			key, err := dec.Token()
			if err != nil {
				return err
			}
			if !first {
				b.WriteString(",")
			}
			b.WriteString("\n" + indent + "  " + scalarJSON(key) + ": ")
			if err := writePretty(b, dec, indent+"  "); err != nil {
				return err
			}
		}
		b.WriteString("\n" + indent + "}")
		_, err = dec.Token()
		return err
	case json.Delim('['):
		var items []string
		var nested strings.Builder
		for dec.More() {
			nested.Reset()
			if err := writePretty(&nested, dec, indent+"  "); err != nil {
				return err
			}
			items = append(items, nested.String())
		}
		if _, err := dec.Token(); err != nil {
			return err
		}
		flat := true
		for _, it := range items {
			if strings.HasPrefix(it, "{") && it != "{}" || strings.HasPrefix(it, "[") && strings.Contains(it, "\n") {
				flat = false
			}
		}
		if flat {
			b.WriteString("[" + strings.Join(items, ", ") + "]")
			return nil
		}
		b.WriteString("[\n" + indent + "  " + strings.Join(items, ",\n"+indent+"  ") + "\n" + indent + "]")
		return nil
	default:
		b.WriteString(scalarJSON(tok))
		return nil
	}
}

func scalarJSON(tok json.Token) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(tok); err != nil {
		return "null"
	}
	return strings.TrimSuffix(buf.String(), "\n")
}
