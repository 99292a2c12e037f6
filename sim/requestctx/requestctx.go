// Package requestctx holds every value of a call that would differ between two real calls
// — ids, times, the caller's address — fixed from the scenario's "context" or from
// documented defaults. One plain struct feeds both the proxy event's requestContext and
// the custom integration's $context, so the two can never disagree, and a trace is
// reproducible byte for byte.
package requestctx

import (
	"fmt"
	"strings"
	"time"

	"github.com/apigw-playground/playground/sim/route"
	"github.com/apigw-playground/playground/sim/scenario"
)

// Defaults for values the scenario's context leaves out. They look like real ones (so
// nothing downstream chokes on their shape) but are recognisably made up.
const (
	DefaultRequestID         = "c0ffee00-0000-4000-8000-000000000000"
	DefaultRequestTimeEpoch  = int64(1700000000000) // 2023-11-14T22:13:20Z
	DefaultAccountID         = "123456789012"
	DefaultAPIID             = "a1b2c3d4e5"
	DefaultResourceID        = "r3s0ur"
	DefaultDeploymentID      = "d3pl0y"
	DefaultExtendedRequestID = "c0FfEe0000000A="
	DefaultSourceIP          = "203.0.113.10" // TEST-NET-3, never a real caller
	DefaultRegion            = "us-east-1"
	DefaultFunctionName      = "playground"
	// DefaultLambdaRequestID is the id Lambda gives the invocation; AWS shows it in the
	// x-amzn-RequestId of the endpoint response and in function-error log lines.
	DefaultLambdaRequestID = "1a2b3c4d-0000-4000-8000-00000000beef"
	// IntegrationLatencyMillis is the latency every trace reports: a fixed number keeps
	// traces reproducible.
	IntegrationLatencyMillis = 42
	Protocol                 = "HTTP/1.1"
)

// Context is the call's fixed $context values plus the few values of the Lambda call that
// the log shows.
type Context struct {
	RequestID         string
	ExtendedRequestID string
	// RequestTime is the CLF form "14/Nov/2023:22:13:20 +0000"; RequestTimeEpoch in ms.
	RequestTime      string
	RequestTimeEpoch int64
	AccountID        string
	APIID            string
	ResourceID       string
	DeploymentID     string
	DomainName       string
	// DomainPrefix is the first label of DomainName, which is the API id on execute-api.
	DomainPrefix string
	Protocol     string
	Stage        string
	HTTPMethod   string
	// Path is "/stage/..." as the client sent it; ResourcePath is the resource template.
	Path         string
	ResourcePath string
	Identity     Identity

	// Region and FunctionARN name the Lambda function in the endpoint request URI.
	Region          string
	FunctionARN     string
	LambdaRequestID string
	// TraceID is the X-Amzn-Trace-Id API Gateway adds (or the client's own, kept).
	TraceID string
}

// Identity is $context.identity / requestContext.identity: the scenario's
// context.identity with sourceIp and userAgent filled in. Fields left empty are unknown
// (null in the proxy event).
type Identity = scenario.ContextIdentity

// New fixes every varying value of the call, from the scenario's context or the defaults.
func New(sc *scenario.Scenario, req *route.Request) Context {
	c := sc.Context
	rc := Context{
		RequestID:         or(c.RequestID, DefaultRequestID),
		ExtendedRequestID: or(c.ExtendedRequestID, DefaultExtendedRequestID),
		RequestTimeEpoch:  c.RequestTimeEpoch,
		AccountID:         or(c.AccountID, DefaultAccountID),
		APIID:             or(c.APIID, DefaultAPIID),
		ResourceID:        or(c.ResourceID, DefaultResourceID),
		DeploymentID:      or(c.DeploymentID, DefaultDeploymentID),
		Protocol:          Protocol,
		Stage:             req.Stage,
		HTTPMethod:        req.Method,
		Path:              req.ContextPath,
		ResourcePath:      req.Resource,
		Region:            DefaultRegion,
		LambdaRequestID:   DefaultLambdaRequestID,
	}
	if rc.RequestTimeEpoch == 0 {
		rc.RequestTimeEpoch = DefaultRequestTimeEpoch
	}
	rc.RequestTime = CLF(rc.RequestTimeEpoch)
	rc.DomainName = or(c.DomainName, fmt.Sprintf("%s.execute-api.%s.amazonaws.com", rc.APIID, rc.Region))
	rc.DomainPrefix, _, _ = strings.Cut(rc.DomainName, ".")
	rc.FunctionARN = fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", rc.Region, rc.AccountID, DefaultFunctionName)
	ua, _ := req.Headers.Last("User-Agent")
	rc.Identity = c.Identity
	rc.Identity.SourceIP = or(c.Identity.SourceIP, DefaultSourceIP)
	rc.Identity.UserAgent = or(c.Identity.UserAgent, ua)
	rc.TraceID = traceID(req, rc)
	return rc
}

// CLF formats epoch milliseconds as $context.requestTime does: "14/Nov/2023:22:13:20 +0000".
func CLF(epochMillis int64) string {
	return time.UnixMilli(epochMillis).UTC().Format("02/Jan/2006:15:04:05 +0000")
}

// HTTPDate formats epoch milliseconds as an HTTP Date header (RFC 1123, GMT).
func HTTPDate(epochMillis int64) string {
	return time.UnixMilli(epochMillis).UTC().Format("Mon, 02 Jan 2006 15:04:05 GMT")
}

// traceID keeps a client's X-Amzn-Trace-Id, as AWS does (recorded), adding a Parent when
// the client gave only a Root (recorded: a bare Root gets a generated Parent); without one
// it builds an X-Ray id ("Root=1-<epoch seconds hex>-<24 hex>") from the request time and
// id, so that it is fixed.
func traceID(req *route.Request, rc Context) string {
	hex := strings.ReplaceAll(rc.RequestID, "-", "") + strings.Repeat("0", 24)
	if v, ok := req.Headers.Last("X-Amzn-Trace-Id"); ok {
		if strings.Contains(v, "Root=") && !strings.Contains(v, "Parent=") {
			return v + ";Parent=" + hex[8:24] + ";Sampled=0"
		}
		return v
	}
	return fmt.Sprintf("Root=1-%08x-%s", rc.RequestTimeEpoch/1000, hex[:24])
}

func or(value, fallback string) string {
	if value != "" {
		return value
	}
	return fallback
}
