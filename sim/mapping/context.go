package mapping

import (
	"fmt"

	"github.com/apigw-playground/playground/sim/jv"
	"github.com/apigw-playground/playground/sim/requestctx"
)

// NewContext builds $context for one call from the call's fixed values: every variable
// the API Gateway reference lists as usable in mapping templates, in that order, with
// nested identity, authorizer and error maps and empty requestOverride / responseOverride
// maps for templates to fill. Values the simulator does not know (API keys, Cognito,
// client certificates, WAF) are null and print empty, as on AWS without those features.
func NewContext(rc requestctx.Context) *jv.Map {
	id := rc.Identity
	identity := stringMap(
		"accountId", id.AccountID,
		"apiKey", id.APIKey,
		"apiKeyId", id.APIKeyID,
		"caller", id.Caller,
		"cognitoAuthenticationProvider", id.CognitoAuthenticationProvider,
		"cognitoAuthenticationType", id.CognitoAuthenticationType,
		"cognitoIdentityId", id.CognitoIdentityID,
		"cognitoIdentityPoolId", id.CognitoIdentityPoolID,
		"principalOrgId", id.PrincipalOrgID,
		"sourceIp", id.SourceIP,
		"user", id.User,
		"userAgent", id.UserAgent,
		"userArn", id.UserArn,
	)
	identity.Put("clientCert", nil)

	authorizer := jv.NewMap(2)
	authorizer.Put("claims", jv.NewMap(0))
	authorizer.Put("principalId", nil)

	errorMap := jv.NewMap(4)
	for _, k := range [...]string{"message", "messageString", "responseType", "validationErrorString"} {
		errorMap.Put(k, nil)
	}

	requestOverride := jv.NewMap(3)
	for _, k := range [...]string{"header", "path", "querystring"} {
		requestOverride.Put(k, onceMap("$context.requestOverride."+k+"."))
	}
	responseOverride := jv.NewMap(2)
	responseOverride.Put("header", onceMap("$context.responseOverride.header."))
	// status is a key of responseOverride itself: only it is once-only there.
	responseOverride.SetGuard(&onceGuard{prefix: "$context.responseOverride.", only: "status"})

	c := jv.NewMap(32)
	c.Put("accountId", rc.AccountID)
	c.Put("apiId", rc.APIID)
	c.Put("authorizer", authorizer)
	c.Put("awsEndpointRequestId", nilIfEmpty(rc.LambdaRequestID))
	c.Put("deploymentId", nilIfEmpty(rc.DeploymentID))
	c.Put("domainName", rc.DomainName)
	c.Put("domainPrefix", rc.DomainPrefix)
	c.Put("error", errorMap)
	c.Put("extendedRequestId", rc.ExtendedRequestID)
	c.Put("httpMethod", rc.HTTPMethod)
	c.Put("identity", identity)
	c.Put("isCanaryRequest", nil)
	c.Put("path", rc.Path)
	c.Put("protocol", rc.Protocol)
	c.Put("requestId", rc.RequestID)
	c.Put("requestOverride", requestOverride)
	c.Put("responseOverride", responseOverride)
	c.Put("requestTime", rc.RequestTime)
	c.Put("requestTimeEpoch", rc.RequestTimeEpoch)
	c.Put("resourceId", rc.ResourceID)
	c.Put("resourcePath", rc.ResourcePath)
	c.Put("stage", rc.Stage)
	c.Put("wafResponseCode", nil)
	c.Put("webaclArn", nil)
	return c
}

// stringMap builds a map from key, value pairs; empty values are null.
func stringMap(kv ...string) *jv.Map {
	m := jv.NewMap(len(kv)/2 + 1)
	for i := 0; i+1 < len(kv); i += 2 {
		m.Put(kv[i], nilIfEmpty(kv[i+1]))
	}
	return m
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Overrides are what templates put in $context.requestOverride and
// $context.responseOverride. Maps are nil when absent; Status is "" when not set.
type Overrides struct {
	RequestHeader, RequestPath, RequestQueryString *jv.Map
	ResponseHeader                                 *jv.Map
	// Status is $context.responseOverride.status as the template set it, printed as Java
	// prints it (400 and "400" both give "400").
	Status string
}

// OverridesOf reads the overrides from a $context after rendering.
func OverridesOf(context *jv.Map) Overrides {
	var o Overrides
	if req, ok := mapAt(context, "requestOverride"); ok {
		o.RequestHeader, _ = mapAt(req, "header")
		o.RequestPath, _ = mapAt(req, "path")
		o.RequestQueryString, _ = mapAt(req, "querystring")
	}
	if resp, ok := mapAt(context, "responseOverride"); ok {
		o.ResponseHeader, _ = mapAt(resp, "header")
		if v, ok := resp.Get("status"); ok && v != nil {
			o.Status = jv.ToString(v)
		}
	}
	return o
}

// onceMap is an empty override map whose keys a template may each set only once.
func onceMap(prefix string) *jv.Map {
	m := jv.NewMap(0)
	m.SetGuard(&onceGuard{prefix: prefix})
	return m
}

// onceGuard enforces the documented rule for overrides: "An override may only be applied
// to each parameter once. If you try to override the same parameter multiple times, API
// Gateway returns a 5XX response" (AWS developer guide, apigateway-override-request-
// response-parameters). It counts the writes of each template render apart: the guide
// speaks of "the template", and the request and response templates are separate
// templates, so a key set once in each is allowed. Keys compare as the map compares them
// (exactly, so header X-A and x-a are two parameters).
type onceGuard struct {
	prefix  string         // the parameter's name without its key, for the message
	only    string         // when set, the one key that is guarded; others are free
	written map[any]uint64 // key → the render that last wrote it (see jv.WriteGuard)
}

func (g *onceGuard) CheckPut(key any, render uint64) error {
	if g.only != "" && key != any(g.only) {
		return nil
	}
	if g.written[key] == render {
		return fmt.Errorf("%s%s is overridden a second time in this template: API Gateway allows each override once per template and answers 500 (set a variable and apply the override once, at the end)", g.prefix, jv.ToString(key))
	}
	if g.written == nil {
		g.written = map[any]uint64{}
	}
	g.written[key] = render
	return nil
}
