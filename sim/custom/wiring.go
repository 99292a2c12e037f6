package custom

import (
	"github.com/apigw-playground/playground/sim/jv"
	"github.com/apigw-playground/playground/sim/mapping"
	"github.com/apigw-playground/playground/sim/requestctx"
	"github.com/apigw-playground/playground/sim/route"
	"github.com/apigw-playground/playground/sim/scenario"
)

// droppedParamHeaders are request headers $input.params() does not show, though the
// client sent them (AWS-recorded, test_apigateway_header_remapping_aws[AWS] full).
var droppedParamHeaders = []string{
	"Connection", "Content-Length", "Content-MD5", "Expect", "Max-Forwards", "Proxy-Authenticate",
	"Server", "TE", "Transfer-Encoding", "Trailer", "Upgrade", "WWW-Authenticate",
}

// defaultServices wires the real template engine. Every template of the call shares one
// $context, so overrides the request template sets are visible to the response template
// (AWS-recorded, mock-* vectors); $input.params() is built afresh for each template.
func defaultServices(sc *scenario.Scenario, req *route.Request, rc requestctx.Context) services {
	stage := jv.NewMap(len(sc.API.StageVariables))
	for _, k := range sortedKeys(sc.API.StageVariables) {
		stage.Put(k, sc.API.StageVariables[k])
	}
	ctx := mapping.NewContext(rc)
	return services{
		ctx: ctx,
		render: func(template string, body []byte) (mapping.Result, error) {
			return mapping.Render(template, &mapping.Env{Body: string(body), Params: inputParams(req), Context: ctx, StageVariables: stage})
		},
	}
}

// inputParams are $input.params(): one entry per name with its last value, as
// $input.params('name') returns it.
func inputParams(req *route.Request) mapping.Params {
	last := func(p route.Params) *jv.Map {
		m := jv.NewMap(len(p))
		for _, kv := range p {
			m.Put(kv.Name, kv.Value)
		}
		return m
	}
	header := jv.NewMap(len(req.Headers))
	for _, h := range req.Headers {
		if len(h.Values) > 0 && !containsFold(droppedParamHeaders, h.Name) {
			header.Put(h.Name, h.Values[len(h.Values)-1])
		}
	}
	return mapping.Params{Path: last(req.PathParams), QueryString: last(req.Query), Header: header}
}
