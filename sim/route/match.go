package route

import (
	"fmt"
	"strings"
)

// Match matches a stage-relative path against a resource template such as
// "/pets/{petId}" or "/files/{proxy+}". Literal segments compare exactly; "{name}" takes
// one non-empty segment; a greedy "{name+}" (only last) takes the rest of the path,
// inner "//" included, minus a trailing slash. Values stay URL-encoded, as AWS sends them.
// A trailing slash on the path is ignored for matching, as API Gateway does.
// The error reports a template API Gateway would refuse to create.
func Match(resource, path string) (Params, bool, error) {
	tmpl, err := parseTemplate(resource)
	if err != nil {
		return nil, false, err
	}
	rest := strings.TrimPrefix(path, "/")
	if len(tmpl) == 0 {
		return nil, rest == "", nil
	}
	var params Params
	for i, seg := range tmpl {
		if seg.greedy {
			value := strings.TrimSuffix(rest, "/")
			if value == "" {
				return nil, false, nil
			}
			return append(params, Param{seg.name, value}), true, nil
		}
		var part string
		part, rest, _ = strings.Cut(rest, "/")
		last := i == len(tmpl)-1
		switch {
		case part == "":
			return nil, false, nil
		case seg.name != "":
			params = append(params, Param{seg.name, part})
		case part != seg.literal:
			return nil, false, nil
		}
		if last && rest != "" {
			return nil, false, nil
		}
	}
	return params, true, nil
}

type segment struct {
	literal string
	name    string // set for {name} and {name+}
	greedy  bool
}

func parseTemplate(resource string) ([]segment, error) {
	if !strings.HasPrefix(resource, "/") {
		return nil, fmt.Errorf("%q must start with \"/\"", resource)
	}
	if resource == "/" {
		return nil, nil
	}
	parts := strings.Split(strings.TrimPrefix(resource, "/"), "/")
	segs := make([]segment, 0, len(parts))
	seen := map[string]bool{}
	for i, p := range parts {
		switch {
		case p == "":
			return nil, fmt.Errorf("%q has an empty segment", resource)
		case strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}"):
			name := p[1 : len(p)-1]
			greedy := strings.HasSuffix(name, "+")
			name = strings.TrimSuffix(name, "+")
			if name == "" || strings.ContainsAny(name, "{}+") {
				return nil, fmt.Errorf("%q: %q is not a valid path parameter", resource, p)
			}
			if greedy && i != len(parts)-1 {
				return nil, fmt.Errorf("%q: the greedy parameter %q must be the last segment", resource, p)
			}
			if seen[name] {
				return nil, fmt.Errorf("%q names the path parameter %q twice", resource, name)
			}
			seen[name] = true
			segs = append(segs, segment{name: name, greedy: greedy})
		case strings.ContainsAny(p, "{}"):
			return nil, fmt.Errorf("%q: a path parameter must be a whole segment, not %q", resource, p)
		default:
			segs = append(segs, segment{literal: p})
		}
	}
	return segs, nil
}
