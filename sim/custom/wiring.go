package custom

import (
	"maps"
	"slices"

	"github.com/apigw-playground/playground/sim/jv"
	"github.com/apigw-playground/playground/sim/mapping"
	"github.com/apigw-playground/playground/sim/proxy"
	"github.com/apigw-playground/playground/sim/requestctx"
	"github.com/apigw-playground/playground/sim/route"
	"github.com/apigw-playground/playground/sim/scenario"
)

// defaultServices wires the real template engine. Every template of the call shares one
// $context, so overrides the request template sets are visible to the response template
// (AWS-recorded, mock-* vectors); $input.params() is built afresh for each template.
func defaultServices(sc *scenario.Scenario, req *route.Request, rc requestctx.Context) services {
	stage := jv.NewMap(len(sc.API.StageVariables))
	for _, k := range slices.Sorted(maps.Keys(sc.API.StageVariables)) {
		stage.Put(k, sc.API.StageVariables[k])
	}
	ctx := mapping.NewContext(rc)
	return services{
		ctx: ctx,
		render: func(template string, body []byte) (mapping.Result, error) {
			return mapping.Render(template, &mapping.Env{Body: string(body), Params: inputParams(sc, req, rc), Context: ctx, StageVariables: stage})
		},
	}
}

// inputParams are $input.params(): one entry per name with its last value, as
// $input.params('name') returns it. The headers are those API Gateway's front door hands
// on, exactly as a proxy integration's event has them (proxy.EventHeaders): hop-by-hop
// and special headers dropped — Connection, Content-Length, Content-MD5, Expect,
// Max-Forwards, Proxy-Authenticate, Server, TE, Transfer-Encoding, Trailer, Upgrade,
// WWW-Authenticate are empty in $input.params — and Host, X-Forwarded-*, X-Amzn-Trace-Id
// (and CloudFront's on an EDGE API) added (AWS-recorded: test_apigateway_header_remapping_aws[AWS]
// full-integration, where $input.params('Host') is the API's host).
func inputParams(sc *scenario.Scenario, req *route.Request, rc requestctx.Context) mapping.Params {
	last := func(p route.Params) *jv.Map {
		m := jv.NewMap(len(p))
		for _, kv := range p {
			m.Put(kv.Name, kv.Value)
		}
		return m
	}
	headers := proxy.EventHeaders(req, rc, sc.API.EndpointType)
	header := jv.NewMap(len(headers))
	for _, h := range headers {
		if len(h.Values) > 0 {
			header.Put(h.Name, h.Values[len(h.Values)-1])
		}
	}
	return mapping.Params{Path: last(req.PathParams), QueryString: last(req.Query), Header: header}
}
