package lessons

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
)

// Error is a problem in one lesson file. It names the file and the line, so that an
// instructor serving their own lessons with -lessons DIR can go straight to it.
type Error struct {
	File string
	Line int // 1-based line in the file; 0 when the problem is the whole file
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// lineError is a problem at a line counted from the start of a block (front matter, or
// the body of a fenced block); the caller shifts it to a line of the file.
type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// yamlLine finds the line in the errors of yaml.v3 ("yaml: line 3: ...") and of
// scenario.YAMLNodeToJSON ("scenario: line 3: ...").
var yamlLine = regexp.MustCompile(`(?s)^(?:yaml|scenario): (?:unmarshal errors:\n\s*)?line (\d+): (.*)$`)

// inFile turns an error found inside a block whose first line is line firstLine of file
// into an *Error with the file's line number. prefix says which block it was.
func inFile(file string, firstLine int, prefix string, err error) *Error {
	var le *lineError
	if errors.As(err, &le) {
		return &Error{File: file, Line: firstLine + le.line - 1, Msg: prefix + le.msg}
	}
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return &Error{File: file, Line: firstLine + n - 1, Msg: prefix + m[2]}
	}
	return &Error{File: file, Line: firstLine, Msg: prefix + err.Error()}
}
