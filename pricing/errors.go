package pricing

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// InputError is one bad value in the input. It says where the value came
// from (a file and line, or a flag), which field it was in, the text as
// given, and what is wrong with it.
type InputError struct {
	Source string // file name as the user gave it, or a flag such as "--transport"
	Line   int    // 1-based line in Source; 0 when Source has no lines
	Column int    // 1-based column; 0 when unknown
	Field  string // column name, YAML key path or flag; may be empty
	Value  string // the offending text; empty when the value is missing
	Err    error  // what is wrong and what would be accepted
	Hint   string // what to do about it, added by the caller; may be empty
}

func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.Source)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	if e.Field != "" && e.Field != e.Source {
		b.WriteString(": ")
		b.WriteString(e.Field)
	}
	if e.Value != "" {
		b.WriteString(": ")
		b.WriteString(quoteValue(e.Value))
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

func (e *InputError) Unwrap() error { return e.Err }

// quoteValue quotes v for a message, shortening a very long value so that
// one bad cell cannot flood the terminal.
func quoteValue(v string) string {
	const max = 80
	if r := []rune(v); len(r) > max {
		return strconv.Quote(string(r[:max])) + "…"
	}
	return strconv.Quote(v)
}

// ErrorList is every bad value found in one input, in input order. A reader
// that returns it has used none of the input.
type ErrorList []*InputError

func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// err returns l as an error, or nil when l is empty.
func (l ErrorList) err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// asInputError returns err as an InputError, naming source when err is not
// one already.
func asInputError(source string, err error) *InputError {
	var ie *InputError
	if errors.As(err, &ie) {
		return ie
	}
	return &InputError{Source: source, Err: err}
}

// BadRowsError is the error of a reader that found bad rows and so used
// none: how many rows were bad, and their problems (the first MaxListed).
type BadRowsError struct {
	Source   string
	Rows     int
	Problems ErrorList
}

func (e *BadRowsError) Error() string {
	return fmt.Sprintf("%s has %s; nothing was settled:\n%s", e.Source, Plural(e.Rows, "bad row"), e.Problems.Error())
}

// Plural writes a count with its noun: "1 bad row", "7 bad rows".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
