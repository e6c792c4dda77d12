package changjiang

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind says what went wrong, for a caller to choose its message and exit
// status by; the zero Kind is never used.
type Kind int

// The kinds of [Error].
const (
	_ Kind = iota
	// KindOptions is an invalid [Options] value given to [New], or an
	// invalid argument given to a method; Field names it.
	KindOptions
	// KindNetwork is a failed connection or an answer cut short, after
	// Attempts tries.
	KindNetwork
	// KindTimeout is a request that took longer than the timeout, after
	// Attempts tries.
	KindTimeout
	// KindCanceled is the caller's context ending (canceled or past its own
	// deadline); Err is the context's error.
	KindCanceled
	// KindStatus is an answer other than 200 OK; Status holds its code. A 4xx
	// is never retried, a 5xx is, so Attempts tells which happened.
	KindStatus
	// KindTooLarge is an answer over Limit bytes (after gzip decoding); it is
	// refused, never cut short.
	KindTooLarge
	// KindRedirect is a redirect refused: to another origin (Value holds the
	// target), or of the form POST, which is never re-sent nor turned into a GET.
	KindRedirect
	// KindEncoding is an answer in a Content-Encoding other than gzip,
	// which is never asked for; Value holds it.
	KindEncoding
	// KindHTMLPage is an HTML page where JSON was expected: typically the
	// site's error or verification page. Value holds its start.
	KindHTMLPage
	// KindNotJSON is an answer that is neither JSON nor HTML where JSON was
	// expected; Value holds its start.
	KindNotJSON
	// KindNotHTML is a history page that does not look like HTML.
	KindNotHTML
	// KindUnsuccessful is a price list whose "success" is false; Value holds
	// the site's own message (msg or message), if any.
	KindUnsuccessful
	// KindShape is JSON of another shape than the price list: no body, no
	// priceList, an entry that is not an object; Field says where.
	KindShape
	// KindA00Count is a price list with no A00铝 entry or more than one;
	// Count holds how many.
	KindA00Count
	// KindBadFigure is a field of the A00铝 entry that is not a plain decimal
	// (or, for publishDate, not YYYY-MM-DD); Field and Value say which.
	KindBadFigure
	// KindNotCovered is [Client.HistoryWalk] reading Limit pages without the
	// caller saying the month was covered.
	KindNotCovered
)

var kindNames = map[Kind]string{
	KindOptions:      "options",
	KindNetwork:      "network",
	KindTimeout:      "timeout",
	KindCanceled:     "canceled",
	KindStatus:       "status",
	KindTooLarge:     "too large",
	KindRedirect:     "redirect",
	KindEncoding:     "encoding",
	KindHTMLPage:     "html page",
	KindNotJSON:      "not json",
	KindNotHTML:      "not html",
	KindUnsuccessful: "unsuccessful",
	KindShape:        "shape",
	KindA00Count:     "a00 count",
	KindBadFigure:    "bad figure",
	KindNotCovered:   "not covered",
}

// String returns a short English name of k, for developers and test names.
func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return "kind " + strconv.Itoa(int(k))
}

// Error is every error this package returns. Fields that do not apply to
// its Kind are zero. URL is always redacted: it never holds user info.
type Error struct {
	Kind     Kind
	Op       string // the HTTP method ("GET", "POST"); empty for options and answers
	URL      string // the request's URL without user info; empty when none
	Status   int    // the HTTP status code of the last answer; 0 when none came
	Attempts int    // how many requests were made; 0 when none
	Limit    int64  // the size limit in bytes (KindTooLarge) or pages read (KindNotCovered)
	Field    string // the option or JSON field at fault ("body.priceList", "Timeout")
	Value    string // the offending text, clipped: a figure, a redirect target, the start of a page
	Count    int    // A00铝 entries found (KindA00Count)
	Err      error  // the underlying cause; may be nil
}

// Error returns a one-line English text for developers and logs; people
// are told through the caller's message catalogue, from Kind and the fields.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("changjiang: ")
	if e.Op != "" || e.URL != "" {
		b.WriteString(strings.TrimSpace(e.Op + " " + e.URL))
		b.WriteString(": ")
	}
	switch e.Kind {
	case KindOptions:
		fmt.Fprintf(&b, "invalid option %s", e.Field)
	case KindNetwork:
		b.WriteString("network error")
	case KindTimeout:
		b.WriteString("timed out")
	case KindCanceled:
		b.WriteString("canceled")
	case KindStatus:
		fmt.Fprintf(&b, "answered %d", e.Status)
	case KindTooLarge:
		fmt.Fprintf(&b, "answer larger than %d bytes", e.Limit)
	case KindRedirect:
		b.WriteString("redirect refused")
	case KindEncoding:
		b.WriteString("unsupported Content-Encoding")
	case KindHTMLPage:
		b.WriteString("an HTML page instead of JSON")
	case KindNotJSON:
		b.WriteString("answer is not JSON")
	case KindNotHTML:
		b.WriteString("answer is not an HTML page")
	case KindUnsuccessful:
		b.WriteString("price list says success false")
	case KindShape:
		fmt.Fprintf(&b, "not the price list expected at %s", e.Field)
	case KindA00Count:
		fmt.Fprintf(&b, "price list has %d A00铝 entries, want exactly 1", e.Count)
	case KindBadFigure:
		fmt.Fprintf(&b, "%s is not a plain decimal or date", e.Field)
	case KindNotCovered:
		fmt.Fprintf(&b, "%d history pages read without covering the month", e.Limit)
	default:
		b.WriteString(e.Kind.String())
	}
	if e.Value != "" {
		fmt.Fprintf(&b, " %q", e.Value)
	}
	if e.Attempts > 0 {
		fmt.Fprintf(&b, " (%d attempt%s)", e.Attempts, plural(e.Attempts))
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause, so that errors.Is finds context.Canceled and the like.
func (e *Error) Unwrap() error { return e.Err }

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// maxEcho is how many bytes of an answer an error repeats: a megabyte
// error page must not flood a log.
const maxEcho = 200

// clip returns at most maxEcho bytes of s, cut at a rune boundary when s is
// UTF-8, with "…" when it was cut.
func clip(s string) string {
	if len(s) <= maxEcho {
		return s
	}
	cut := maxEcho
	for cut > maxEcho-utf8.UTFMax && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
