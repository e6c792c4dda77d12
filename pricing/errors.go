package pricing

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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
		b.WriteString(Printable(Clip(e.Field)))
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

// quoteValue quotes v for a message, Go-style (control and invisible
// characters escaped), shortened by Clip.
func quoteValue(v string) string {
	head, more := clip(v)
	q := strconv.Quote(head)
	if more > 0 {
		q += fmt.Sprintf("… (%d more characters)", more)
	}
	return q
}

// maxEcho is how many characters of an input a message repeats.
const maxEcho = 200

// Clip shortens text from an input that a message repeats to maxEcho
// characters, saying how many more there were: one bad cell or header of
// a megabyte must not flood the terminal.
func Clip(s string) string {
	head, more := clip(s)
	if more > 0 {
		return head + fmt.Sprintf("… (%d more characters)", more)
	}
	return s
}

func clip(s string) (head string, more int) {
	n := 0
	for i := range s {
		if n == maxEcho {
			return s[:i], utf8.RuneCountInString(s[i:])
		}
		n++
	}
	return s, 0
}

// Printable returns text from an input with every control character, format
// character (Unicode Cf: zero-width spaces, direction overrides, the byte
// order mark) and invalid byte escaped as Go escapes it (\x1b, \u200b), so
// that no input can move a terminal's cursor, erase a line or reorder
// what is shown. Every text from an input that reaches a terminal goes
// through it.
func Printable(s string) string {
	clean := true
	for _, r := range s {
		if !printableRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, w := 0, 0; i < len(s); i += w {
		r, size := utf8.DecodeRuneInString(s[i:])
		w = size
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case printableRune(r):
			b.WriteRune(r)
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
	}
	return b.String()
}

func printableRune(r rune) bool {
	return r != utf8.RuneError && !unicode.IsControl(r) && !unicode.Is(unicode.Cf, r)
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
