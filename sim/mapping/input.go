package mapping

import (
	"errors"
	"fmt"

	"github.com/apigw-playground/playground/sim/jsonpath"
	"github.com/apigw-playground/playground/sim/jv"
)

// input is $input. It is the Env itself, so the parsed body and the params map are cached
// where the render's data lives.
type input Env

// CallMethod implements jv.Object. Methods take String arguments; any other argument means
// Velocity finds no matching method (found is false), which prints empty.
func (in *input) CallMethod(name string, args []any) (any, bool, error) {
	env := (*Env)(in)
	// $input.params() is tested first: templates call it once per use, as in
	// $input.params().header.get($h), so it is the call made most.
	if len(args) == 0 && name == "params" {
		return env.paramsMap(), true, nil
	}
	switch name {
	case "getBody":
		if len(args) != 0 {
			return nil, false, nil
		}
		if env.Body == "" {
			return "{}", true, nil // AWS-recorded: an empty body reads as {}
		}
		return env.Body, true, nil
	case "path", "json":
		if len(args) != 1 {
			return nil, false, nil
		}
		path, ok := args[0].(string)
		if !ok && args[0] != nil {
			return nil, false, nil
		}
		// Jayway's JsonPath.parse(body).read(path) with SUPPRESS_EXCEPTIONS: a path that
		// finds nothing is null (or an empty list), a body that is not JSON an error. Java
		// parses the body before it compiles the path, so a bad body wins over a bad path.
		doc := env.doc
		if doc == nil || doc.Changed() { // else the usual call (see document)
			var bad *jv.JSONError
			if doc, bad = env.document(); bad != nil {
				env.payloadFailed = true
				return nil, true, fmt.Errorf("com.jayway.jsonpath.InvalidJsonException: %w", bad)
			}
		}
		v, err := jsonpath.Read(path, doc.Root)
		if err != nil {
			if path == "" {
				err = errors.New("java.lang.IllegalArgumentException: path can not be null or empty")
			}
			return nil, true, err
		}
		if name == "json" {
			return jv.ToJSON(v), true, nil
		}
		return env.handOut(v), true, nil
	case "params":
		if len(args) == 1 {
			if n, ok := args[0].(string); ok {
				return env.param(n), true, nil
			}
		}
	}
	return nil, false, nil
}

// AppendCall implements jv.Appender for the calls templates print most: $input.json(path)
// when it succeeds, its JSON written straight into the output with no string in between,
// and $input.params(name) when it finds a String.
func (in *input) AppendCall(dst []byte, name string, value any) ([]byte, bool) {
	arg, ok := value.(string)
	if !ok {
		return dst, false
	}
	env := (*Env)(in)
	switch name {
	case "json": // CallMethod's work, left to it when it fails (it reports why)
		doc := env.doc
		if doc == nil || doc.Changed() { // else the usual call (see document)
			var bad *jv.JSONError
			if doc, bad = env.document(); bad != nil {
				return dst, false
			}
		}
		v, err := jsonpath.Read(arg, doc.Root)
		if err != nil {
			return dst, false
		}
		return jv.AppendJSON(dst, v), true
	case "params":
		if v, ok := env.param(arg).(string); ok {
			return append(dst, v...), true
		}
	}
	return dst, false
}

// paramSources are the maps of $input.params(), in the order $input.params(name) searches
// them. They are stored as a parsed body's keys are (see jv.Intern), so that a lookup in a
// params map, built here or parsed, matches them by address; paramHints remember where
// each was found (see jv.Map.GetStringAt).
var (
	paramSources = [...]string{jv.Intern("path"), jv.Intern("querystring"), jv.Intern("header")}
	paramHints   [len(paramSources)]uint32
)

// paramsMap is $input.params(): {path={…}, querystring={…}, header={…}}, one map per Env so
// that a template sees its own changes. It is built on first use (buildParams), and small
// enough to inline where it is used.
func (env *Env) paramsMap() *jv.Map {
	if env.params != nil {
		return env.params
	}
	return env.buildParams()
}

// buildParams is paramsMap's first call in a render: the map over the Env's Params.
func (env *Env) buildParams() *jv.Map {
	env.params = jv.NewMap(len(paramSources))
	for i, m := range [...]*jv.Map{env.Params.Path, env.Params.QueryString, env.Params.Header} {
		env.params.Put(paramSources[i], orEmpty(m))
	}
	return env.params
}

// param is $input.params(name): path first, then querystring, then header; "" when absent
// (AWS-recorded).
func (env *Env) param(name string) any {
	all := env.paramsMap()
	for i := range paramSources {
		where := paramSources[i] // not range's copy of the array
		v, ok := all.ValueAtHint(where, &paramHints[i])
		if !ok {
			v, ok = all.GetStringAt(where, &paramHints[i])
		}
		if m, isMap := v.(*jv.Map); ok && isMap && m != nil {
			if v, ok := m.GetString(name); ok {
				return v
			}
		}
	}
	return ""
}

func mapAt(m *jv.Map, key string) (*jv.Map, bool) {
	v, _ := m.GetString(key)
	sub, ok := v.(*jv.Map)
	return sub, ok
}

func orEmpty(m *jv.Map) *jv.Map {
	if m == nil {
		return jv.NewMap(0)
	}
	return m
}
