package paramap

import (
	"strings"
)

// Values is what sources read from. Function fields may be nil when a side has no such
// part (a response has no path parameters).
type Values struct {
	// Header returns every value of a header, name matched case-insensitively.
	Header func(name string) []string
	// QueryString returns every value of a query-string parameter.
	QueryString func(name string) []string
	// Path returns a path parameter.
	Path func(name string) (string, bool)
	// Body is the message body as text.
	Body string
	// Context returns a $context variable by its dotted name ("identity.sourceIp").
	Context func(name string) (string, bool)
	// StageVariable returns a stage variable.
	StageVariable func(name string) (string, bool)
}

// Resolve evaluates s. ok is false when the source names something that is not there;
// API Gateway then leaves the target unset.
func (v Values) Resolve(s Source) (value string, ok bool) {
	switch s.Kind {
	case Static:
		return s.Name, true
	case Header:
		return last(call(v.Header, s.Name))
	case MultiValueHeader:
		return joined(call(v.Header, s.Name))
	case QueryString:
		return last(call(v.QueryString, s.Name))
	case MultiValueQueryString:
		return joined(call(v.QueryString, s.Name))
	case Path:
		if v.Path == nil {
			return "", false
		}
		return v.Path(s.Name)
	case Body:
		if s.Name == "" {
			return v.Body, true
		}
		return BodyPath(v.Body, s.Name)
	case Context:
		if v.Context == nil {
			return "", false
		}
		return v.Context(s.Name)
	case StageVariable:
		if v.StageVariable == nil {
			return "", false
		}
		return v.StageVariable(s.Name)
	}
	return "", false
}

func call(f func(string) []string, name string) []string {
	if f == nil {
		return nil
	}
	return f(name)
}

// last is a single-value source: the last value sent wins, as in the proxy event's
// headers and queryStringParameters.
func last(vs []string) (string, bool) {
	if len(vs) == 0 {
		return "", false
	}
	return vs[len(vs)-1], true
}

// joined is a multi-value source: the values joined by commas, as API Gateway writes a
// multi-value header into one (the endpoint request log shows "multivalueheader=foo,bar").
func joined(vs []string) (string, bool) {
	if len(vs) == 0 {
		return "", false
	}
	return strings.Join(vs, ","), true
}
