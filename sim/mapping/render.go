// Package mapping renders API Gateway mapping templates: the VTL engine (sim/vtl) with the
// variables API Gateway binds — $input, $util, $context and $stageVariables.
//
// Everything a template can observe about them follows API Gateway, checked against AWS
// recordings where they exist and otherwise against the oracle, which runs the same Java
// libraries API Gateway is built on (Jayway JsonPath over json-smart, commons-lang 2.6,
// java.net.URLEncoder, java.util.Base64). docs/fidelity.md lists each decision.
package mapping

import (
	"sync"

	"github.com/apigw-playground/playground/sim/jv"
	"github.com/apigw-playground/playground/sim/vtl"
)

// Params are the request parameters $input.params() exposes: ordered maps of string to
// string. A nil map counts as empty.
type Params struct {
	Path, QueryString, Header *jv.Map
}

// Env is everything one render sees. Render may be called several times with the same Env
// (the request template, then the response template over a new Body): Context is shared and
// carries requestOverride/responseOverride from one to the next.
type Env struct {
	// Body is the raw payload text. An empty body reads as "{}" ($input.body, $input.path),
	// as on AWS.
	Body           string
	Params         Params
	Context        *jv.Map // $context; templates mutate it. If nil, Render sets an empty map.
	StageVariables *jv.Map // nil counts as empty

	// The body parsed for $input.path/json, once per Body (see document).
	parsedBody string
	parsed     any
	parseErr   error
	parsedOK   bool

	params     *jv.Map       // $input.params(), built on first use
	payloadErr *PayloadError // set when a render could not parse the body
}

// Result is a finished render.
type Result struct {
	Output string
	// Warnings point at places that printed empty because a reference did not resolve.
	Warnings []vtl.Warning
}

// PayloadError is a body that $input.path or $input.json could not parse. API Gateway then
// answers 400 with {"message": Message()} instead of rendering.
type PayloadError struct {
	JSON *jv.JSONError
}

func (e *PayloadError) Error() string { return e.Message() }

// Message is API Gateway's text for it (recorded): "Could not process payload" followed
// directly by the json-smart exception.
func (e *PayloadError) Message() string {
	return "Could not process payload" + e.JSON.Error()
}

// Render parses template (cached by its text) and renders it over env. A syntax or
// runtime error is a *vtl.Error with line and column; a body that cannot be parsed when the
// template asks for it is a *PayloadError.
func Render(template string, env *Env) (Result, error) {
	t, err := vtl.Cached(template)
	if err != nil {
		return Result{}, err
	}
	return RenderTemplate(t, env)
}

// RenderTemplate renders an already parsed template over env.
func RenderTemplate(t *vtl.Template, env *Env) (Result, error) {
	env.payloadErr = nil
	context := env.Context
	if context == nil {
		context = jv.NewMap(0)
		env.Context = context
	}
	resetOverrideCounts(context)
	stageVariables := env.StageVariables
	if stageVariables == nil {
		stageVariables = jv.NewMap(0)
	}
	vars := vtl.Vars{
		"input":          (*input)(env),
		"util":           util{},
		"context":        context,
		"stageVariables": stageVariables,
	}
	out, warnings, err := t.Render(vars, vtl.Options{})
	if env.payloadErr != nil {
		return Result{Warnings: warnings}, env.payloadErr
	}
	if err != nil {
		return Result{Warnings: warnings}, err
	}
	return Result{Output: out, Warnings: warnings}, nil
}

// document is the parsed body, parsed once per Body text and reused by every $input.path
// and $input.json of every render over this Env. The document is never handed to a template
// ($input.path hands out jv.CopyJSON copies), so it can be shared.
//
// Handing the document itself to a fresh request's first $input.path (and parsing again for
// any later call, as Java does on every call) was tried: it saves the copy but the reference
// template's later $input.json then pays a second parse, which costs twice the copy.
func (env *Env) document() (any, error) {
	if !env.parsedOK || env.parsedBody != env.Body {
		env.parsed, env.parseErr = parseBody(env.Body)
		env.parsedBody, env.parsedOK = env.Body, true
	}
	return env.parsed, env.parseErr
}

// The playground renders the same bodies over and over (every edit re-runs the request and
// response templates), so parsed bodies are shared between renders: a small cache, emptied
// when full, of bodies up to maxCachedBody bytes.
const (
	maxCachedBody   = 64 << 10
	maxCachedBodies = 64
)

type parsedBody struct {
	doc any
	err error
}

var bodies = struct {
	sync.Mutex
	m map[string]parsedBody
}{m: map[string]parsedBody{}}

func parseBody(text string) (any, error) {
	if text == "" {
		text = "{}" // AWS: an empty body reads as {}
	}
	if len(text) > maxCachedBody {
		return jv.ParseJSON(text)
	}
	bodies.Lock()
	p, ok := bodies.m[text]
	bodies.Unlock()
	if ok {
		return p.doc, p.err
	}
	p.doc, p.err = jv.ParseJSON(text)
	bodies.Lock()
	if len(bodies.m) >= maxCachedBodies {
		clear(bodies.m)
	}
	bodies.m[text] = p
	bodies.Unlock()
	return p.doc, p.err
}
