package vtl

import (
	"testing"

	"github.com/apigw-playground/playground/sim/jv"
)

// benchTemplate mirrors /work/shared/bench/reference-case.json with plain map variables
// in place of $input and $util, so it measures the engine alone.
const benchTemplate = `#set($inputRoot = $body)
{
  "method": "$context.httpMethod",
  "stage": "$context.stage",
  "requestId": "$context.requestId",
  "name": "$inputRoot.name",
  "count": $inputRoot.count,
  "id": "$params.path.id",
  "headers": {
#foreach($h in $params.header.keySet())
    "$h": "$params.header.get($h)"#if($foreach.hasNext),#end
#end
  },
  "items": [
#foreach($item in $inputRoot.items)
    {"id": $item.id, "label": "$item.label", "idx": $velocityCount}#if($foreach.hasNext),#end
#end
  ],
  "big": #if($inputRoot.count > 2)true#{else}false#end,
  "raw": $inputRoot.items[0]
}
`

func benchVars(b *testing.B) Vars {
	body, err := decodeJSON(`{"name":"O'Brien \"Bob\"","count":3,"items":[{"id":1,"label":"a"},{"id":2,"label":"b"},{"id":3,"label":"c"}]}`)
	if err != nil {
		b.Fatal(err)
	}
	params, _ := decodeJSON(`{"path":{"id":"42"},"querystring":{"verbose":"true"},"header":{"Content-Type":"application/json","X-Trace":"a\"b"}}`)
	ctx, _ := decodeJSON(`{"httpMethod":"POST","stage":"dev","requestId":"req-123"}`)
	return Vars{{"body", body}, {"params", params}, {"context", ctx}, {"stageVariables", jv.NewMap(0)}}
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(benchTemplate); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	t, err := Parse(benchTemplate)
	if err != nil {
		b.Fatal(err)
	}
	vars := benchVars(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := t.Render(vars, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseRender(b *testing.B) {
	vars := benchVars(b)
	b.ReportAllocs()
	for b.Loop() {
		t, err := Parse(benchTemplate)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := t.Render(vars, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCachedRender(b *testing.B) {
	vars := benchVars(b)
	b.ReportAllocs()
	for b.Loop() {
		t, err := Cached(benchTemplate)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := t.Render(vars, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
