package mapping

import (
	"github.com/apigw-playground/playground/sim/jv"
)

// DecodeOracleCase reads one case in the oracle's JSON line format
// ({"template", "body", "params": {"path", "querystring", "header"}, "context",
// "stageVariables"}) into the template and an Env that binds exactly what the oracle
// binds: the line is read the way the oracle reads it (json-smart, permissive), context and
// stageVariables are taken as given, and $input.params() is the params object itself.
func DecodeOracleCase(line []byte) (template string, env *Env, err error) {
	v, err := jv.ParseJSON(string(line))
	if err != nil {
		return "", nil, err
	}
	c, ok := v.(*jv.Map)
	if !ok {
		c = jv.NewMap(0)
	}
	t, _ := c.Get("template")
	template = jv.ToString(t)
	env = &Env{}
	if b, ok := c.Get("body"); ok && b != nil {
		env.Body = jv.ToString(b)
	}
	params := mapField(c, "params")
	env.params = params
	env.Params.Path, _ = mapAt(params, "path")
	env.Params.QueryString, _ = mapAt(params, "querystring")
	env.Params.Header, _ = mapAt(params, "header")
	env.Context = mapField(c, "context")
	env.StageVariables = mapField(c, "stageVariables")
	return template, env, nil
}

// mapField is the oracle's map(o): the field when it is an object, else an empty map.
func mapField(c *jv.Map, key string) *jv.Map {
	v, _ := c.Get(key)
	if m, ok := v.(*jv.Map); ok {
		return m
	}
	return jv.NewMap(0)
}
