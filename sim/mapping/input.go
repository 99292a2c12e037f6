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
		v, err := env.evalPath(path)
		if err != nil {
			return nil, true, err
		}
		if name == "json" {
			return jv.ToJSON(v), true, nil
		}
		return env.handOut(v), true, nil
	case "params":
		switch len(args) {
		case 0:
			return env.paramsMap(), true, nil
		case 1:
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
	case "json":
		return env.appendJSON(dst, arg)
	case "params":
		if v, ok := env.param(arg).(string); ok {
			return append(dst, v...), true
		}
	}
	return dst, false
}

// appendJSON appends $input.json(path) when it succeeds.
func (env *Env) appendJSON(dst []byte, path string) ([]byte, bool) {
	doc, err := env.document()
	if err != nil {
		return dst, false
	}
	p, err := jsonpath.Compile(path)
	if err != nil {
		return dst, false
	}
	v, err := p.Eval(doc.Root)
	if err != nil {
		return dst, false
	}
	return jv.AppendJSON(dst, v), true
}

// evalPath is Jayway's JsonPath.parse(body).read(path) with SUPPRESS_EXCEPTIONS: a path
// that finds nothing is null (or an empty list), a body that is not JSON an error.
func (env *Env) evalPath(path string) (any, error) {
	// Java parses the body before it compiles the path, so a bad body wins over a bad path.
	doc, err := env.document()
	if err != nil {
		env.payloadFailed = true
		return nil, fmt.Errorf("com.jayway.jsonpath.InvalidJsonException: %w", err)
	}
	p, err := jsonpath.Compile(path)
	if err != nil {
		if path == "" {
			return nil, errors.New("java.lang.IllegalArgumentException: path can not be null or empty")
		}
		return nil, err
	}
	return p.Eval(doc.Root)
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
// that a template sees its own changes.
func (env *Env) paramsMap() *jv.Map {
	if env.params == nil {
		env.params = jv.NewMap(len(paramSources))
		for i, m := range [...]*jv.Map{env.Params.Path, env.Params.QueryString, env.Params.Header} {
			env.params.Put(paramSources[i], orEmpty(m))
		}
	}
	return env.params
}

// param is $input.params(name): path first, then querystring, then header; "" when absent
// (AWS-recorded).
func (env *Env) param(name string) any {
	all := env.paramsMap()
	for i, where := range paramSources {
		if v, ok := all.GetStringAt(where, &paramHints[i]); ok {
			if m, ok := v.(*jv.Map); ok {
				if v, ok := m.GetString(name); ok {
					return v
				}
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
