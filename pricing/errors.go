package pricing

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"time"
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
	Hint   error  // what to do about it, added by the caller; may be nil
}

func (e *InputError) Error() string { return Say(e, nil) }

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

func (l ErrorList) Error() string { return Say(l, nil) }

// err returns l as an error, or nil when l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// asInputError returns err as an InputError, naming source when err is not
// one already.
func AsInputError(source string, err error) *InputError {
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

func (e *BadRowsError) Error() string { return Say(e, nil) }

func (e *BadRowsError) Template() *Error {
	if e.Rows == 1 {
		return &Error{"%s has 1 bad row; nothing was settled:\n%v", []any{e.Source, e.Problems}}
	}
	return &Error{"%s has %d bad rows; nothing was settled:\n%v", []any{e.Source, e.Rows, e.Problems}}
}

// Plural writes a count with its noun: "1 bad row", "7 bad rows".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Error is a sentence said as a template and its figures, so that the
// command line can say it in the user's language: the template is the
// sentence's code, looked up in a catalogue per language (gettext's way:
// the English is the key, so the sentence reads where it is raised).
// Figures that are errors are said the same way.
type Error struct {
	Template string // fmt verbs, %[n] indexes allowed; %w for a wrapped error
	Args     []any
}

// Errorf returns the error of template and args, as fmt.Errorf would say
// it; errors.Is and errors.As see through every error among args.
func Errorf(template string, args ...any) error { return &Error{template, args} }

func (e *Error) Error() string { return Say(e, nil) }

func (e *Error) Unwrap() []error {
	var errs []error
	for _, a := range e.Args {
		if err, ok := a.(error); ok {
			errs = append(errs, err)
		}
	}
	return errs
}

// phrases are parts of a sentence said one after another, such as the
// items of a list.
type phrases []error

func (p phrases) Error() string { return Say(p, nil) }

// Clauses are phrases said with semicolons between them.
type Clauses []error

func (c Clauses) Error() string { return Say(c, nil) }

// Marker is an error that marks another for the code that handles it (a
// problem of one row only, say) and adds no words: [Say] says the error it
// marks.
type Marker interface {
	error
	Marked() error
}

// BugError is a broken promise of alprice itself, not of its input: an
// invariant that cannot fail unless the code is wrong. The command line
// says it as a bug to report, with its own exit status.
type BugError struct{ Err error }

// Bugf returns the BugError of template and args.
func Bugf(template string, args ...any) error { return &BugError{Errorf(template, args...)} }

func (e *BugError) Error() string { return Say(e, nil) }
func (e *BugError) Unwrap() error { return e.Err }
func (e *BugError) Template() *Error {
	return &Error{Template: "a bug in alprice: %w; please report it, with the command and its inputs", Args: []any{e.Err}}
}

// Templated is an error whose text is an Error: the typed errors of every
// package of the domain say themselves through one.
type Templated interface{ Template() *Error }

// wrapVerb is the %w of a template, or %[n]w: said, the wrapped error is
// text, printed with %v.
var wrapVerb = regexp.MustCompile(`%(\[[0-9]+\])?w`)

// Say says err with every template translated by tr, which returns ""
// for a template it has no translation of (English is kept); a nil tr
// says English. Input errors keep their shape, "file:line:col: field:
// value: problem"; an error of another package is looked up whole.
func Say(err error, tr func(string) string) string {
	translate := func(s string) string {
		if tr != nil {
			if t := tr(s); t != "" {
				return t
			}
		}
		return s
	}
	switch e := err.(type) {
	case *Error:
		args := make([]any, len(e.Args))
		for i, a := range e.Args {
			switch v := a.(type) {
			case error:
				a = Say(v, tr)
			case time.Weekday:
				a = translate(v.String())
			}
			args[i] = a
		}
		return fmt.Sprintf(wrapVerb.ReplaceAllString(translate(e.Template), "%${1}v"), args...)
	case Templated:
		return Say(e.Template(), tr)
	case *InputError:
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
		b.WriteString(Say(e.Err, tr))
		if e.Hint != nil {
			b.WriteString("; ")
			b.WriteString(Say(e.Hint, tr))
		}
		return b.String()
	case phrases:
		return sayEach(e, translate(", "), tr)
	case Clauses:
		return sayEach(e, translate("; "), tr)
	case ErrorList:
		lines := make([]string, len(e))
		for i, ie := range e {
			lines[i] = Say(ie, tr)
		}
		return strings.Join(lines, "\n")
	case interface{ Unwrap() []error }: // errors.Join: one error a line
		return sayEach(e.Unwrap(), "\n", tr)
	case *fs.PathError:
		return Say(Errorf("%s %s: %w", translate(e.Op), e.Path, e.Err), tr)
	}
	if m, ok := err.(Marker); ok {
		return Say(m.Marked(), tr)
	}
	return translate(err.Error())
}

func sayEach(errs []error, sep string, tr func(string) string) string {
	parts := make([]string, len(errs))
	for i, err := range errs {
		parts[i] = Say(err, tr)
	}
	return strings.Join(parts, sep)
}
