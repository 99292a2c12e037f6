package route

import "strings"

// MediaType reduces a Content-Type or a single Accept entry to "type/subtype" in lower
// case, without parameters, which is all API Gateway compares.
func MediaType(v string) string {
	v, _, _ = strings.Cut(v, ";")
	return strings.ToLower(strings.TrimSpace(v))
}

// FirstAccept is the first media type of an Accept header: API Gateway honours only that
// one when it decides whether a response is binary.
func FirstAccept(accept string) string {
	first, _, _ := strings.Cut(accept, ",")
	return MediaType(first)
}

// IsBinary reports whether mediaType is one of the API's binaryMediaTypes. An entry
// "*/*" matches everything (even Accept "*/*": AWS recommends it for browsers) and
// "type/*" every subtype of type; otherwise a wildcard on the other side never matches,
// and neither does an entry "*/subtype": recorded against AWS, Accept "image/*" did not
// match "image/png", and "*/test" matched neither "*/test" nor "random/test".
func IsBinary(mediaType string, binaryMediaTypes []string) bool {
	if mediaType == "" {
		return false
	}
	for _, entry := range binaryMediaTypes {
		entry = MediaType(entry)
		switch {
		case entry == "*/*":
			return true
		case strings.Contains(mediaType, "*"), strings.HasPrefix(entry, "*/"):
			continue
		case strings.HasSuffix(entry, "/*"):
			if strings.HasPrefix(mediaType, strings.TrimSuffix(entry, "*")) {
				return true
			}
		case entry == mediaType:
			return true
		}
	}
	return false
}
