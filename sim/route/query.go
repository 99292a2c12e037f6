package route

import (
	"net/url"
	"strings"
)

// ParseQuery decodes a raw query string the way API Gateway hands it to integrations:
// "+" is a space, %XX is decoded, repeats are kept in order, "name" without "=" has the
// empty value. AWS documents that ";" splits the data like "&" does; a malformed %-escape
// is kept as written rather than failing the request.
func ParseQuery(raw string) Params {
	var params Params
	for _, pair := range strings.FieldsFunc(raw, func(r rune) bool { return r == '&' || r == ';' }) {
		name, value, _ := strings.Cut(pair, "=")
		params = append(params, Param{unescape(name), unescape(value)})
	}
	return params
}

func unescape(s string) string {
	if decoded, err := url.QueryUnescape(s); err == nil {
		return decoded
	}
	return strings.ReplaceAll(s, "+", " ")
}
