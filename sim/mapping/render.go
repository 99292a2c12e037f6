// Package mapping renders API Gateway mapping templates: the VTL engine (sim/vtl) with the
// variables API Gateway binds — $input, $util, $context and $stageVariables.
//
// Everything a template can observe about them follows API Gateway, checked against AWS
// recordings where they exist and otherwise against the oracle, which runs the same Java
// libraries API Gateway is built on (Jayway JsonPath over json-smart, commons-lang 2.6,
// java.net.URLEncoder, java.util.Base64). docs/fidelity.md lists each decision.
package mapping

import (
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

	// The body parsed for $input.path/json (see document).
	doc    *jv.Document
	docErr *jv.JSONError
	// docBody is the Body that doc was parsed from.
	docBody string

	params *jv.Map // $input.params(), built on first use

	handedOut     bool // doc's tree has been given to the template by $input.path
	payloadFailed bool // the current render could not parse the body (docErr says why)

	// docSpace holds the first body parsed, usually the only one: a request's Env and its
	// parsed body live and die together, so one allocation serves both.
	docSpace jv.DocSpace
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

// boundNames are the variables every render binds, in RenderTemplate's order.
var boundNames = [...]vtl.Var{{Name: "input"}, {Name: "util"}, {Name: "context"}, {Name: "stageVariables"}}

// RenderTemplate renders an already parsed template over env.
func RenderTemplate(t *vtl.Template, env *Env) (Result, error) {
	env.payloadFailed = false
	if env.docBody != env.Body {
		// A new Body since the last parse (a response template after the request's):
		// whatever was parsed or failed before is not this body's. A template cannot set
		// Body, so document need not look again during the render.
		env.doc, env.docErr = nil, nil
	}
	context := env.Context
	if context == nil {
		context = jv.NewMap(0)
		env.Context = context
	}
	stageVariables := env.StageVariables
	if stageVariables == nil {
		stageVariables = jv.NewMap(0)
	}
	vars := boundNames // names copied, values set: one literal was built aside, then copied
	vars[0].Value, vars[1].Value, vars[2].Value, vars[3].Value = (*input)(env), &theUtil, context, stageVariables
	out, warnings, err := t.Render(vars[:], vtl.Options{})
	if env.payloadFailed {
		return Result{Warnings: warnings}, &PayloadError{JSON: env.docErr}
	}
	if err != nil {
		return Result{Warnings: warnings}, err
	}
	return Result{Output: out, Warnings: warnings}, nil
}

// document is the parsed body for $input.path and $input.json. API Gateway parses the body
// anew for each call; here it is parsed once per Env and Body and reused for as long as that
// is indistinguishable: until a template writes to any part of the tree (jv.Document tracks
// every write), after which the next call parses the body again.
//
// A body parse per call would cost a request template with several $input.path calls a parse
// each, and a parse shared between requests (a process-wide cache) would have to hand out
// copies; a parse per request handed out directly costs neither.
//
// Callers test the usual case themselves, env.doc parsed and unchanged, and call document
// only when it is not: that test is too little work for a call. RenderTemplate has already
// dropped a parse of another Body. env.doc is nil exactly when there was no parse or the
// last one failed (a parse that fails returns no document).
func (env *Env) document() (*jv.Document, *jv.JSONError) {
	if env.doc != nil && !env.doc.Changed() {
		return env.doc, nil
	}
	if env.doc != nil || env.docErr == nil { // not: this body failed before
		text := env.Body
		if text == "" {
			text = "{}" // AWS: an empty body reads as {}
		}
		var err error
		env.doc, err = jv.ParseDocumentIn(&env.docSpace, text)
		env.docErr, _ = err.(*jv.JSONError) // the only error a parse returns
		env.docBody, env.handedOut = env.Body, false
	}
	if env.docErr != nil {
		return nil, env.docErr
	}
	return env.doc, nil
}

// handOut is what $input.path returns for v, a value found in the current document: the
// value itself the first time the document's tree is handed out, a copy after that (two
// calls must not share what a template may change).
func (env *Env) handOut(v any) any {
	switch v.(type) {
	case *jv.Map, *jv.List:
	default:
		return v // strings, numbers: nothing a template can change
	}
	if env.handedOut {
		return jv.CopyJSON(v)
	}
	env.handedOut = true
	return v
}
