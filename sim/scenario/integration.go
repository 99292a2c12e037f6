package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/apigw-playground/playground/sim/jsonobj"
)

// Integration is an x-amazon-apigateway-integration object as an OpenAPI export holds it.
// It decodes case-insensitively (API Gateway's importer accepts `passthroughBehavior` and
// `PassthroughBehavior`, `when_no_match` and `WHEN_NO_MATCH`) and normalises what it reads,
// so that an integration pasted from any export or CloudFormation template runs as is.
type Integration struct {
	// Type is "aws_proxy", "aws", "mock", "http" or "http_proxy", normalised to lower case.
	Type string `json:"type,omitempty"`
	// HTTPMethod is the integration's own method; Lambda integrations must use POST.
	HTTPMethod string `json:"httpMethod,omitempty"`
	// PassthroughBehavior is WHEN_NO_MATCH, WHEN_NO_TEMPLATES or NEVER (upper case), or
	// empty for the default, WHEN_NO_MATCH.
	PassthroughBehavior string `json:"passthroughBehavior,omitempty"`
	// RequestTemplates maps a content type to the request mapping template for it.
	RequestTemplates map[string]string `json:"requestTemplates,omitempty"`
	// RequestParameters maps integration.request.* targets to their sources, in the order
	// written (the order the endpoint request headers are logged in).
	RequestParameters Params `json:"requestParameters,omitempty"`
	// ContentHandling is CONVERT_TO_TEXT, CONVERT_TO_BINARY or empty (passthrough).
	ContentHandling string `json:"contentHandling,omitempty"`
	// TimeoutInMillis is the integration timeout; 0 means AWS's default, 29000.
	TimeoutInMillis int `json:"timeoutInMillis,omitempty"`
	// Responses are the integration responses in the order written.
	Responses IntegrationResponses `json:"responses,omitempty"`
}

// Param is one parameter mapping: Name is the target (integration.request.header.X,
// method.response.header.X), Value the source expression.
type Param struct {
	Name  string
	Value string
}

// Params is an ordered parameter-mapping object; in JSON an object of strings.
type Params []Param

// IntegrationResponse is one entry of Integration.Responses.
type IntegrationResponse struct {
	// SelectionPattern is the entry's key in the responses object: a Java regular
	// expression, or "default" (or "") for the default response.
	SelectionPattern   string            `json:"-"`
	StatusCode         string            `json:"statusCode"`
	ResponseParameters Params            `json:"responseParameters,omitempty"`
	ResponseTemplates  map[string]string `json:"responseTemplates,omitempty"`
	ContentHandling    string            `json:"contentHandling,omitempty"`
}

// IsDefault reports whether r is the default integration response: the one used when no
// selection pattern matches. An OpenAPI export keys it "default"; the API leaves its
// selectionPattern empty.
func (r IntegrationResponse) IsDefault() bool {
	return r.SelectionPattern == "default" || r.SelectionPattern == ""
}

// IntegrationResponses is the ordered responses object, keyed by selection pattern.
type IntegrationResponses []IntegrationResponse

// MethodResponse declares one status code of the method and the headers it may carry.
// Headers come from either responseParameters (`method.response.header.X: true`, the
// API's form) or headers (`X: {...}`, the OpenAPI form).
type MethodResponse struct {
	ResponseParameters map[string]bool `json:"responseParameters,omitempty"`
}

// integrationKeys are the x-amazon-apigateway-integration keys AWS defines and the
// simulator does not use; they are accepted so that an export pastes unchanged.
var integrationKeys = []string{
	"uri", "credentials", "cacheKeyParameters", "cacheNamespace", "connectionType",
	"connectionId", "tlsConfig", "integrationSubtype", "payloadFormatVersion",
	"responseTransferMode", "requestValidator",
}

// UnmarshalJSON decodes an integration with keys in any case, normalising enum values
// and naming the field in every error.
func (in *Integration) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		return nil // encoding/json's convention: null leaves the value as it is
	}
	entries, err := objectEntries(data)
	if err != nil {
		return fmt.Errorf("integration: %w", err)
	}
	*in = Integration{}
	for _, e := range entries {
		field := "integration." + e.Key
		var err error
		switch strings.ToLower(e.Key) {
		case "type":
			err = decodeEnum(e.Value, &in.Type, strings.ToLower, "aws", "aws_proxy", "mock", "http", "http_proxy")
		case "httpmethod":
			err = decodeString(e.Value, &in.HTTPMethod)
			in.HTTPMethod = strings.ToUpper(in.HTTPMethod)
		case "passthroughbehavior":
			err = decodeEnum(e.Value, &in.PassthroughBehavior, strings.ToUpper, "WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER")
		case "requesttemplates":
			err = decodeTemplates(e.Value, &in.RequestTemplates)
		case "requestparameters":
			err = in.RequestParameters.UnmarshalJSON(e.Value)
		case "contenthandling":
			err = decodeContentHandling(e.Value, &in.ContentHandling)
		case "timeoutinmillis":
			err = decodeTimeout(e.Value, &in.TimeoutInMillis)
		case "responses":
			err = in.Responses.UnmarshalJSON(e.Value)
		default:
			if !knownKey(e.Key, integrationKeys) {
				err = fmt.Errorf("unknown field (expected an x-amazon-apigateway-integration key)")
			}
		}
		if err != nil {
			return fmt.Errorf("%s: %w", field, err)
		}
	}
	return nil
}

// UnmarshalJSON decodes the responses object in document order.
func (rs *IntegrationResponses) UnmarshalJSON(data []byte) error {
	out, err := decodeMembers(data, func(e jsonobj.Member) (IntegrationResponse, error) {
		r, err := decodeIntegrationResponse(e.Value)
		if err != nil {
			return r, fmt.Errorf("%q: %w", e.Key, err)
		}
		r.SelectionPattern = e.Key
		return r, nil
	})
	*rs = out
	return err
}

// MarshalJSON writes the responses object keyed by selection pattern, in order.
func (rs IntegrationResponses) MarshalJSON() ([]byte, error) {
	return orderedObject(len(rs), func(i int) (string, any) { return rs[i].SelectionPattern, rs[i] })
}

func decodeIntegrationResponse(data []byte) (IntegrationResponse, error) {
	var r IntegrationResponse
	entries, err := objectEntries(data)
	if err != nil {
		return r, err
	}
	for _, e := range entries {
		var err error
		switch strings.ToLower(e.Key) {
		case "statuscode":
			err = decodeStatusCode(e.Value, &r.StatusCode)
		case "responseparameters":
			err = r.ResponseParameters.UnmarshalJSON(e.Value)
		case "responsetemplates":
			err = decodeTemplates(e.Value, &r.ResponseTemplates)
		case "contenthandling":
			err = decodeContentHandling(e.Value, &r.ContentHandling)
		default:
			err = fmt.Errorf("unknown field")
		}
		if err != nil {
			return r, fmt.Errorf("%s: %w", e.Key, err)
		}
	}
	if r.StatusCode == "" {
		return r, fmt.Errorf("statusCode: missing (a three-digit HTTP status such as \"200\")")
	}
	return r, nil
}

// UnmarshalJSON decodes a parameter-mapping object in document order.
func (p *Params) UnmarshalJSON(data []byte) error {
	out, err := decodeMembers(data, func(e jsonobj.Member) (Param, error) {
		var v string
		if err := json.Unmarshal(e.Value, &v); err != nil {
			return Param{}, fmt.Errorf("%s: must be a string (a source such as \"method.request.header.X\" or \"'static'\")", e.Key)
		}
		return Param{Name: e.Key, Value: v}, nil
	})
	*p = out
	return err
}

// decodeMembers decodes each member of a JSON object (null: none) in document order.
func decodeMembers[T any](data []byte, decode func(jsonobj.Member) (T, error)) ([]T, error) {
	if isNull(data) {
		return nil, nil
	}
	entries, err := objectEntries(data)
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(entries))
	for _, e := range entries {
		v, err := decode(e)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// MarshalJSON writes the mapping as an object in order.
func (p Params) MarshalJSON() ([]byte, error) {
	return orderedObject(len(p), func(i int) (string, any) { return p[i].Name, p[i].Value })
}

// orderedObject writes n members as a JSON object in the order member gives them.
func orderedObject(n int, member func(i int) (key string, value any)) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i := 0; i < n; i++ {
		k, v := member(i)
		key, _ := json.Marshal(k)
		val, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(key)
		b.WriteByte(':')
		b.Write(val)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads a method response in the API form (responseParameters) or the
// OpenAPI form (headers), in any key case; other OpenAPI keys (description, schema,
// content) are accepted and ignored.
func (m *MethodResponse) UnmarshalJSON(data []byte) error {
	if isNull(data) {
		return nil
	}
	entries, err := objectEntries(data)
	if err != nil {
		return err
	}
	*m = MethodResponse{}
	declare := func(name string, v bool) {
		if m.ResponseParameters == nil {
			m.ResponseParameters = map[string]bool{}
		}
		m.ResponseParameters[name] = v
	}
	for _, e := range entries {
		switch strings.ToLower(e.Key) {
		case "responseparameters":
			var ps map[string]bool
			if err := json.Unmarshal(e.Value, &ps); err != nil {
				return fmt.Errorf("responseParameters: must map \"method.response.header.X\" to true or false")
			}
			for k, v := range ps {
				declare(k, v)
			}
		case "headers":
			hs, err := objectEntries(e.Value)
			if err != nil {
				return fmt.Errorf("headers: %w", err)
			}
			for _, h := range hs {
				declare("method.response.header."+h.Key, true)
			}
		}
	}
	return nil
}

// objectEntries splits a JSON object into its members in document order (the order of
// responses and mappings is visible in traces) and refuses a key given twice, which a Go
// map would silently resolve to the last one.
func objectEntries(data []byte) ([]jsonobj.Member, error) {
	members, err := jsonobj.Members(data)
	if errors.Is(err, jsonobj.ErrNotObject) {
		return nil, fmt.Errorf("must be a JSON object")
	}
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(members))
	for _, m := range members {
		if seen[m.Key] {
			return nil, fmt.Errorf("%s: given twice", m.Key)
		}
		seen[m.Key] = true
	}
	return members, nil
}

func knownKey(key string, keys []string) bool {
	for _, k := range keys {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}

func decodeString(raw json.RawMessage, dst *string) error {
	if err := json.Unmarshal(raw, dst); err != nil {
		return fmt.Errorf("must be a string")
	}
	return nil
}

func decodeEnum(raw json.RawMessage, dst *string, norm func(string) string, allowed ...string) error {
	var s string
	if err := decodeString(raw, &s); err != nil {
		return err
	}
	s = norm(s)
	for _, a := range allowed {
		if s == a {
			*dst = s
			return nil
		}
	}
	return fmt.Errorf("%q is not one of %s (any case)", s, strings.Join(allowed, ", "))
}

func decodeContentHandling(raw json.RawMessage, dst *string) error {
	return decodeEnum(raw, dst, strings.ToUpper, "CONVERT_TO_TEXT", "CONVERT_TO_BINARY")
}

func decodeTemplates(raw json.RawMessage, dst *map[string]string) error {
	if err := json.Unmarshal(raw, dst); err != nil {
		return fmt.Errorf("must map content types to template text")
	}
	return nil
}

// decodeTimeout accepts a number or a numeric string, as exports and CloudFormation
// write both.
func decodeTimeout(raw json.RawMessage, dst *int) error {
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return fmt.Errorf("must be a number of milliseconds")
		}
		n = json.Number(s)
	}
	v, err := strconv.Atoi(string(n))
	if err != nil || v < 50 {
		return fmt.Errorf("must be a whole number of milliseconds, at least 50")
	}
	*dst = v
	return nil
}

// decodeStatusCode accepts "200" or 200; the status must be three digits.
func decodeStatusCode(raw json.RawMessage, dst *string) error {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		var n json.Number
		if json.Unmarshal(raw, &n) != nil {
			return fmt.Errorf("must be an HTTP status such as \"200\"")
		}
		s = n.String()
	}
	if v, err := strconv.Atoi(s); err != nil || v < 100 || v > 599 || len(s) != 3 {
		return fmt.Errorf("%q is not an HTTP status (100-599)", s)
	}
	*dst = s
	return nil
}

// Ordered returns the responses in selection order: by status code, then by pattern.
// AWS keys integration responses by status code and does not document the order in which
// it tries their patterns; ascending status order agrees with the AWS recording where two
// patterns match (aws-vectors custom-lambda-selection-400: 405 wins over 502).
func (rs IntegrationResponses) Ordered() IntegrationResponses {
	out := append(IntegrationResponses(nil), rs...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].StatusCode != out[j].StatusCode {
			return out[i].StatusCode < out[j].StatusCode
		}
		return out[i].SelectionPattern < out[j].SelectionPattern
	})
	return out
}

func isNull(data []byte) bool { return bytes.Equal(bytes.TrimSpace(data), []byte("null")) }
