package custom

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/apigw-playground/playground/sim/scenario"
	"github.com/dlclark/regexp2/v2"
)

// patternTimeout bounds one selection-pattern match, so a catastrophic pattern such as
// (a+)+$ against a long error message stops with a diagnostic instead of hanging.
const patternTimeout = 100 * time.Millisecond

// selection is the outcome of choosing an integration response.
type selection struct {
	response *scenario.IntegrationResponse
	// reason says why it was chosen and why the others were not.
	reason string
}

// errNoMatch is API Gateway's configuration error when nothing matches and no default exists.
var errNoMatch = errors.New("No match for output mapping and no default output mapping configured")

// compilePattern compiles a selection pattern as a Java regular expression that must match
// the whole string, as Java's String.matches does ("Invalid*" does not match "Invalid input").
// The pattern is compiled alone first: wrapped, an unbalanced "x)|(y" would compile and
// escape the anchors. Compiled patterns are cached, since the page re-runs a scenario on
// every keystroke; the cache is emptied when full so user input cannot grow it unbounded.
func compilePattern(p string) (*regexp2.Regexp, error) {
	patterns.Lock()
	defer patterns.Unlock()
	if re, ok := patterns.m[p]; ok {
		return re, nil
	}
	if _, err := regexp2.Compile(p, regexp2.None); err != nil {
		return nil, err
	}
	re, err := regexp2.Compile(`\A(?:`+p+`)\z`, regexp2.None)
	if err != nil {
		return nil, err
	}
	re.MatchTimeout = patternTimeout
	if len(patterns.m) >= maxCachedPatterns {
		clear(patterns.m)
	}
	patterns.m[p] = re
	return re, nil
}

const maxCachedPatterns = 512

var patterns = struct {
	sync.Mutex
	m map[string]*regexp2.Regexp
}{m: map[string]*regexp2.Regexp{}}

// selectResponse picks the integration response for subject: a Lambda function's
// errorMessage (empty for a successful call), or a MOCK's status code. Patterns are tried
// in status-code order (scenario.IntegrationResponses.Ordered), the first full match wins,
// and the default is used when none matches. Errors are configuration errors: an invalid
// or runaway pattern, or nothing to select.
func selectResponse(responses scenario.IntegrationResponses, subject, subjectName string) (selection, error) {
	var chosen, def *scenario.IntegrationResponse
	var notes []string
	ordered := responses.Ordered()
	for i := range ordered {
		r := &ordered[i]
		if r.IsDefault() {
			if def == nil {
				def = r
			}
			continue
		}
		re, err := compilePattern(r.SelectionPattern)
		if err != nil {
			return selection{}, fmt.Errorf("selection pattern %q (%s) is not a valid Java regular expression: %v", r.SelectionPattern, r.StatusCode, err)
		}
		ok, err := re.MatchString(subject)
		if err != nil {
			return selection{}, fmt.Errorf("selection pattern %q (%s) took longer than %v to match (catastrophic backtracking)", r.SelectionPattern, r.StatusCode, patternTimeout)
		}
		switch {
		case ok && chosen == nil:
			chosen = r
		case ok:
			notes = append(notes, fmt.Sprintf("%q (%s) matches too, but %s comes first (patterns are tried in ascending status order)",
				r.SelectionPattern, r.StatusCode, chosen.StatusCode))
		default:
			notes = append(notes, fmt.Sprintf("%q (%s) does not match", r.SelectionPattern, r.StatusCode))
		}
	}
	subjectText := fmt.Sprintf("%s %q", subjectName, subject)
	if subjectName == "errorMessage" && subject == "" {
		subjectText = "no errorMessage (the function succeeded; patterns are tried against the empty string)"
	}
	var why string
	switch {
	case chosen != nil:
		why = fmt.Sprintf("%s matches %q (%s)", subjectText, chosen.SelectionPattern, chosen.StatusCode)
		if def != nil {
			notes = append(notes, fmt.Sprintf("default (%s) is used only when no pattern matches", def.StatusCode))
		}
	case def != nil:
		chosen = def
		why = fmt.Sprintf("%s matches no selection pattern: the default response (%s) applies", subjectText, def.StatusCode)
	default:
		return selection{}, errNoMatch
	}
	if len(notes) > 0 {
		why += "; " + strings.Join(notes, "; ")
	}
	return selection{response: chosen, reason: why}, nil
}
