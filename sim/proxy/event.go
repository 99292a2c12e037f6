package proxy

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/apigw-playground/playground/sim/requestctx"
	"github.com/apigw-playground/playground/sim/route"
	"github.com/apigw-playground/playground/sim/scenario"
)

// event is the Lambda proxy event, payload format 1.0. aws-lambda-go's
// events.APIGatewayProxyRequest cannot be used to write it: its body is a string (AWS
// sends null when there is no body), isBase64Encoded is omitempty (AWS always sends it),
// its identity fields are strings (AWS sends null for every unknown one) and its
// requestContext has an "authorizer" key AWS leaves out without an authorizer. The keys are
// in the order AWS documents them; map keys (headers, parameters) come out sorted, which
// is also how AWS's sample events and the recorded events list them.
type event struct {
	Resource                        string              `json:"resource"`
	Path                            string              `json:"path"`
	HTTPMethod                      string              `json:"httpMethod"`
	Headers                         map[string]string   `json:"headers"`
	MultiValueHeaders               map[string][]string `json:"multiValueHeaders"`
	QueryStringParameters           map[string]string   `json:"queryStringParameters"`
	MultiValueQueryStringParameters map[string][]string `json:"multiValueQueryStringParameters"`
	PathParameters                  map[string]string   `json:"pathParameters"`
	StageVariables                  map[string]string   `json:"stageVariables"`
	RequestContext                  requestContext      `json:"requestContext"`
	Body                            *string             `json:"body"`
	IsBase64Encoded                 bool                `json:"isBase64Encoded"`
}

// requestContext has the keys recorded against AWS for a REST API without an authorizer.
type requestContext struct {
	AccountID         string   `json:"accountId"`
	APIID             string   `json:"apiId"`
	DeploymentID      string   `json:"deploymentId"`
	DomainName        string   `json:"domainName"`
	DomainPrefix      string   `json:"domainPrefix"`
	ExtendedRequestID string   `json:"extendedRequestId"`
	HTTPMethod        string   `json:"httpMethod"`
	Identity          identity `json:"identity"`
	Path              string   `json:"path"`
	Protocol          string   `json:"protocol"`
	RequestID         string   `json:"requestId"`
	RequestTime       string   `json:"requestTime"`
	RequestTimeEpoch  int64    `json:"requestTimeEpoch"`
	ResourceID        string   `json:"resourceId"`
	ResourcePath      string   `json:"resourcePath"`
	Stage             string   `json:"stage"`
}

// identity lists every key AWS sends, null unless known; apiKey and apiKeyId appear only
// when set, as AWS adds them only for methods that require an API key.
type identity struct {
	AccessKey                     *string `json:"accessKey"`
	AccountID                     *string `json:"accountId"`
	APIKey                        *string `json:"apiKey,omitempty"`
	APIKeyID                      *string `json:"apiKeyId,omitempty"`
	Caller                        *string `json:"caller"`
	CognitoAuthenticationProvider *string `json:"cognitoAuthenticationProvider"`
	CognitoAuthenticationType     *string `json:"cognitoAuthenticationType"`
	CognitoIdentityID             *string `json:"cognitoIdentityId"`
	CognitoIdentityPoolID         *string `json:"cognitoIdentityPoolId"`
	PrincipalOrgID                *string `json:"principalOrgId"`
	SourceIP                      *string `json:"sourceIp"`
	User                          *string `json:"user"`
	UserAgent                     *string `json:"userAgent"`
	UserArn                       *string `json:"userArn"`
}

// Event builds the proxy event's exact bytes. The body goes out as base64, flagged by
// isBase64Encoded, when the request's Content-Type is one of the binaryMediaTypes.
func Event(sc *scenario.Scenario, req *route.Request, rc requestctx.Context) []byte {
	headers := EventHeaders(req, rc, sc.API.EndpointType)
	ev := event{
		Resource:       req.Resource,
		Path:           req.Path,
		HTTPMethod:     req.Method,
		RequestContext: newRequestContext(rc),
	}
	if len(headers) > 0 {
		ev.Headers, ev.MultiValueHeaders = map[string]string{}, map[string][]string{}
		for _, h := range headers {
			ev.Headers[h.Name] = h.Values[len(h.Values)-1]
			ev.MultiValueHeaders[h.Name] = h.Values
		}
	}
	if len(req.Query) > 0 {
		ev.QueryStringParameters, ev.MultiValueQueryStringParameters = map[string]string{}, map[string][]string{}
		for _, g := range req.Query.Grouped() {
			ev.QueryStringParameters[g.Name] = g.Values[len(g.Values)-1]
			ev.MultiValueQueryStringParameters[g.Name] = g.Values
		}
	}
	if len(req.PathParams) > 0 {
		ev.PathParameters = map[string]string{}
		for _, p := range req.PathParams {
			ev.PathParameters[p.Name] = p.Value
		}
	}
	if len(sc.API.StageVariables) > 0 {
		ev.StageVariables = sc.API.StageVariables
	}
	if req.HasBody {
		body := string(req.Body)
		if route.IsBinary(req.ContentType(), sc.API.BinaryMediaTypes) {
			body = base64.StdEncoding.EncodeToString(req.Body)
			ev.IsBase64Encoded = true
		}
		ev.Body = &body
	}
	return marshal(ev)
}

// marshal writes JSON as a Java service does: no HTML escaping of <, > and &.
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // the event holds only strings, numbers, bools and maps of them
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

func newRequestContext(rc requestctx.Context) requestContext {
	id := rc.Identity
	return requestContext{
		AccountID:         rc.AccountID,
		APIID:             rc.APIID,
		DeploymentID:      rc.DeploymentID,
		DomainName:        rc.DomainName,
		DomainPrefix:      rc.DomainPrefix,
		ExtendedRequestID: rc.ExtendedRequestID,
		HTTPMethod:        rc.HTTPMethod,
		Path:              rc.Path,
		Protocol:          rc.Protocol,
		RequestID:         rc.RequestID,
		RequestTime:       rc.RequestTime,
		RequestTimeEpoch:  rc.RequestTimeEpoch,
		ResourceID:        rc.ResourceID,
		ResourcePath:      rc.ResourcePath,
		Stage:             rc.Stage,
		Identity: identity{
			AccessKey:                     orNull(id.AccessKey),
			AccountID:                     orNull(id.AccountID),
			APIKey:                        orNull(id.APIKey),
			APIKeyID:                      orNull(id.APIKeyID),
			Caller:                        orNull(id.Caller),
			CognitoAuthenticationProvider: orNull(id.CognitoAuthenticationProvider),
			CognitoAuthenticationType:     orNull(id.CognitoAuthenticationType),
			CognitoIdentityID:             orNull(id.CognitoIdentityID),
			CognitoIdentityPoolID:         orNull(id.CognitoIdentityPoolID),
			PrincipalOrgID:                orNull(id.PrincipalOrgID),
			SourceIP:                      orNull(id.SourceIP),
			User:                          orNull(id.User),
			UserAgent:                     orNull(id.UserAgent),
			UserArn:                       orNull(id.UserArn),
		},
	}
}

func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// droppedHeaders never reach the function: recorded against AWS, a client's Connection,
// Content-Length, Content-MD5, Expect, Max-Forwards, Proxy-Authenticate, Server, TE,
// Transfer-Encoding, Trailer, Upgrade and WWW-Authenticate are missing from the event.
var droppedHeaders = []string{
	"Connection", "Content-Length", "Content-MD5", "Expect", "Max-Forwards", "Proxy-Authenticate",
	"Server", "TE", "Transfer-Encoding", "Trailer", "Upgrade", "WWW-Authenticate",
}

// canonicalNames are the header names AWS rewrites to a fixed casing (recorded:
// "authorization" and "aUThorization" arrive as "Authorization", "user-Agent" as
// "User-Agent"); every other name keeps the client's casing.
var canonicalNames = []string{"Authorization", "User-Agent"}

// EventHeaders are the headers the function receives, in the client's order: hop-by-hop
// headers dropped, names merged case-insensitively (first casing wins) and the headers
// API Gateway's front door adds — Host, X-Forwarded-*, X-Amzn-Trace-Id, and for an EDGE
// endpoint CloudFront's CloudFront-*, Via and X-Amz-Cf-Id — with fixed values from rc.
func EventHeaders(req *route.Request, rc requestctx.Context, endpointType string) scenario.Headers {
	var out scenario.Headers
	index := map[string]int{}
	set := func(name string, values []string, replace bool) {
		key := strings.ToLower(name)
		if i, ok := index[key]; ok {
			if replace {
				out[i].Values = values
			} else {
				out[i].Values = append(out[i].Values, values...)
			}
			return
		}
		index[key] = len(out)
		out = append(out, scenario.Header{Name: name, Values: append([]string(nil), values...)})
	}
	for _, h := range req.Headers {
		if containsFold(droppedHeaders, h.Name) {
			continue
		}
		name := h.Name
		for _, c := range canonicalNames {
			if strings.EqualFold(c, name) {
				name = c
			}
		}
		set(name, h.Values, false)
	}
	forwardedFor := rc.Identity.SourceIP
	if v, ok := req.Headers.Last("X-Forwarded-For"); ok {
		forwardedFor = v + ", " + rc.Identity.SourceIP
	}
	for _, h := range edgeHeaders(rc, endpointType, forwardedFor) {
		drop(&out, index, h[0])
		set(h[0], []string{h[1]}, true)
	}
	return out
}

// edgeHeaders are added by API Gateway's front door (and CloudFront for EDGE endpoints);
// their values are made up but fixed, derived from the request context.
func edgeHeaders(rc requestctx.Context, endpointType, forwardedFor string) [][2]string {
	headers := [][2]string{{"Host", rc.DomainName}}
	if endpointType == "EDGE" {
		headers = append(headers,
			[2]string{"CloudFront-Forwarded-Proto", "https"},
			[2]string{"CloudFront-Is-Desktop-Viewer", "true"},
			[2]string{"CloudFront-Is-Mobile-Viewer", "false"},
			[2]string{"CloudFront-Is-SmartTV-Viewer", "false"},
			[2]string{"CloudFront-Is-Tablet-Viewer", "false"},
			[2]string{"CloudFront-Viewer-ASN", "64496"},
			[2]string{"CloudFront-Viewer-Country", "US"},
			[2]string{"Via", "1.1 " + cloudFrontID(rc) + ".cloudfront.net (CloudFront)"},
			[2]string{"X-Amz-Cf-Id", "PLAYGROUND_" + rc.ExtendedRequestID + "_cf-id=="},
		)
	}
	return append(headers,
		[2]string{"X-Amzn-Trace-Id", rc.TraceID},
		[2]string{"X-Forwarded-For", forwardedFor},
		[2]string{"X-Forwarded-Port", "443"},
		[2]string{"X-Forwarded-Proto", "https"},
	)
}

// cloudFrontID is the 32-hex-digit distribution host CloudFront names in Via, taken from
// the request id so it is fixed.
func cloudFrontID(rc requestctx.Context) string {
	hex := strings.ReplaceAll(rc.RequestID, "-", "") + strings.Repeat("0", 32)
	return strings.ToLower(hex[:32])
}

// drop removes a client header that the front door replaces (Host, Via, ...), so that
// the replacement takes the front door's casing.
func drop(out *scenario.Headers, index map[string]int, name string) {
	key := strings.ToLower(name)
	i, ok := index[key]
	if !ok {
		return
	}
	*out = append((*out)[:i], (*out)[i+1:]...)
	delete(index, key)
	for k, j := range index {
		if j > i {
			index[k] = j - 1
		}
	}
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
