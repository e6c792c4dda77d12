package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"alprice/cmd/alprice/i18n"
	"alprice/pricing"
)

// The JSON values every command shares: money and weights as strings with
// a fixed number of decimals, notes and problems on input rows.

// money is a JSON amount: a string with exactly 2 decimals.
type money decimal.Decimal

func (m money) MarshalJSON() ([]byte, error) { return []byte(`"` + m.text() + `"`), nil }

func (m money) text() string { return decimal.Decimal(m).StringFixed(2) }

// tonnes is a JSON weight: a string with exactly 3 decimals.
type tonnes pricing.Weight

func (w tonnes) MarshalJSON() ([]byte, error) { return []byte(`"` + w.text() + `"`), nil }

func (w tonnes) text() string { return pricing.Weight(w).String() }

// noteJSON is a remark on an input row: the reason in the run's
// language, its code in English.
type noteJSON struct {
	Date   string `json:"date"`
	Line   int    `json:"line"`
	Code   string `json:"code"`
	Reason string `json:"reason"`
}

// notesJSON writes remarks on rows, said in l; never null.
func notesJSON(l i18n.Lang, notes []pricing.Note) []noteJSON {
	out := []noteJSON{}
	for _, n := range notes {
		out = append(out, noteJSON{Date: pricing.FormatDate(n.Date), Line: n.Line, Code: n.Why.Code, Reason: l.Say(n.Why)})
	}
	return out
}

// problemJSON is a bad value of a rejected row: the reason in the run's
// language, and in English for scripts.
type problemJSON struct {
	Line     int    `json:"line"`
	Field    string `json:"field"`
	Value    string `json:"value"`
	Reason   string `json:"reason"`
	ReasonEN string `json:"reason_en"`
}

// problemsJSON writes bad values, said in l; never null.
func problemsJSON(l i18n.Lang, list pricing.ErrorList) []problemJSON {
	out := []problemJSON{}
	for _, e := range list {
		out = append(out, problemJSON{Line: e.Line, Field: e.Field, Value: e.Value, Reason: l.SayError(e.Err), ReasonEN: i18n.English.SayError(e.Err)})
	}
	return out
}

// jsonWriter is a JSON document too large to hold whole (check's of a
// million invoices): it writes itself, piece by piece, as json.Encoder
// with SetEscapeHTML(false) and SetIndent("", "  ") writes it, without
// its final newline. Written indented at once, its text is not gone
// through a second time to indent it (1 s of a check of 1.6M invoice
// lines; #29).
type jsonWriter interface {
	writeJSON(w *bufio.Writer) error
}

// jsonPieces writes the pieces of an indented JSON document to w, each
// value as json.Encoder writes it with SetEscapeHTML(false) and an indent
// of two spaces at its depth; the first error stops the rest and stays in
// err.
type jsonPieces struct {
	w   *bufio.Writer
	buf bytes.Buffer
	enc *json.Encoder
	err error
}

func newJSONPieces(w *bufio.Writer) *jsonPieces {
	c := &jsonPieces{w: w}
	c.enc = json.NewEncoder(&c.buf)
	c.enc.SetEscapeHTML(false)
	return c
}

// raw writes s, punctuation, indents or a key, as it is.
func (c *jsonPieces) raw(s string) {
	if c.err == nil {
		_, c.err = c.w.WriteString(s)
	}
}

// value writes v encoded and indented as a value at depth (the
// document's top level is 0), without the encoder's newline.
func (c *jsonPieces) value(v any, depth int) {
	if c.err != nil {
		return
	}
	c.buf.Reset()
	c.enc.SetIndent(strings.Repeat("  ", depth), "  ")
	if c.err = c.enc.Encode(v); c.err == nil {
		_, c.err = c.w.Write(bytes.TrimSuffix(c.buf.Bytes(), []byte("\n")))
	}
}

// rawBytes writes b, JSON made elsewhere, as it is.
func (c *jsonPieces) rawBytes(b []byte) {
	if c.err == nil {
		_, c.err = c.w.Write(b)
	}
}

// field writes a field of an object at depth 0: sep (the object's "{" or
// ","), the key and v.
func (c *jsonPieces) field(sep, key string, v any) {
	c.raw(sep + "\n  " + strconv.Quote(key) + ": ")
	c.value(v, 1)
}

// elementIndent is what comes before an element of a list of the
// document, fieldIndent before a field of an object there, listIndent
// before an element of a list of that object: the depths 2, 3 and 4.
const (
	elementIndent = "\n    "
	fieldIndent   = "\n      "
	listIndent    = "\n        "
)

// listObject appends an object of a list of the document (at depth 2),
// field by field, as json.Encoder with SetEscapeHTML(false) and
// SetIndent("", "  ") writes it, without reflection. ok turns false, and
// stays so, when a string needs an escape (appendPlain): the object is
// then left to the encoder. Tests hold each such object to the encoder,
// byte for byte.
type listObject struct {
	b      []byte
	ok     bool
	opened bool // a field is written
}

func (o *listObject) key(k string) {
	if o.opened {
		o.b = append(o.b, ',')
	} else {
		o.b = append(o.b, '{')
	}
	o.opened = true
	o.b = append(o.b, fieldIndent+`"`...)
	o.b = append(o.b, k...)
	o.b = append(o.b, `": `...)
}

func (o *listObject) str(k, v string) {
	if o.ok {
		o.key(k)
		o.b, o.ok = appendPlain(o.b, v)
	}
}

// strOmitEmpty is str for a field tagged omitempty.
func (o *listObject) strOmitEmpty(k, v string) {
	if v != "" {
		o.str(k, v)
	}
}

// strs appends a list of strings: null when it is nil.
func (o *listObject) strs(k string, vs []string) {
	if !o.ok {
		return
	}
	if vs == nil {
		o.null(k)
		return
	}
	o.key(k)
	o.b = append(o.b, '[')
	for i, v := range vs {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = append(o.b, listIndent...)
		if o.b, o.ok = appendPlain(o.b, v); !o.ok {
			return
		}
	}
	if len(vs) > 0 {
		o.b = append(o.b, fieldIndent...)
	}
	o.b = append(o.b, ']')
}

func (o *listObject) int(k string, v int) {
	if o.ok {
		o.key(k)
		o.b = strconv.AppendInt(o.b, int64(v), 10)
	}
}

func (o *listObject) bool(k string, v bool) {
	if o.ok {
		o.key(k)
		o.b = strconv.AppendBool(o.b, v)
	}
}

// number appends text that needs no escape, digits, a sign and a point,
// as a string: money and tonnes.
func (o *listObject) number(k, text string) {
	if o.ok {
		o.key(k)
		o.b = append(o.b, '"')
		o.b = append(o.b, text...)
		o.b = append(o.b, '"')
	}
}

func (o *listObject) null(k string) {
	if o.ok {
		o.key(k)
		o.b = append(o.b, "null"...)
	}
}

// end closes the object, which has a field, and returns it, and whether
// it is written (not left to the encoder).
func (o *listObject) end() ([]byte, bool) { return append(o.b, elementIndent+"}"...), o.ok }

// appendPlain appends s quoted, as the encoder writes a string that needs
// no escape, and false, leaving b as it was, when s holds what it escapes
// or replaces (a quote, a backslash, a control character, invalid UTF-8,
// U+2028, U+2029): a million invoices' strings are written without
// reflection, and a string the encoder would change is left to it.
func appendPlain(b []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' {
				return b, false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return b, false
		}
		i += size
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"'), true
}

// indentJSON writes compact JSON to w indented as json.MarshalIndent(v,
// "", "  ") would, as it comes: the document is never held twice, compact
// and indented, as json.Encoder's SetIndent holds it.
type indentJSON struct {
	w        *bufio.Writer
	depth    int
	opened   byte // '{' or '[' just written: a newline follows, unless it closes at once
	inString bool
	escaped  bool // the byte before was a backslash in a string
}

func newIndentJSON(w io.Writer) *indentJSON { return &indentJSON{w: bufio.NewWriterSize(w, 64<<10)} }

func (j *indentJSON) Write(p []byte) (int, error) {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if j.inString {
			if j.escaped {
				j.escaped = false
				j.w.WriteByte(c)
				continue
			}
			// A string's text up to its next quote or backslash goes as it
			// is, at once: most of a large document is strings.
			k := stringTextEnd(p[i:])
			if k < 0 {
				j.w.Write(p[i:])
				break
			}
			j.w.Write(p[i : i+k+1])
			i += k
			if p[i] == '\\' {
				j.escaped = true
			} else {
				j.inString = false
			}
			continue
		}
		if j.opened != 0 {
			opened := j.opened
			j.opened = 0
			if opened == '{' && c == '}' || opened == '[' && c == ']' {
				j.w.WriteByte(c)
				continue
			}
			j.depth++
			j.newline()
		}
		switch c {
		case '{', '[':
			j.w.WriteByte(c)
			j.opened = c
		case '}', ']':
			j.depth--
			j.newline()
			j.w.WriteByte(c)
		case ',':
			j.w.WriteByte(c)
			j.newline()
		case ':':
			j.w.WriteString(": ")
		case '"':
			j.inString = true
			j.w.WriteByte(c)
		default:
			j.w.WriteByte(c)
		}
	}
	return len(p), nil
}

// stringTextEnd returns the index of the first quote or backslash in p,
// or -1: two searches for one byte each, which for the short strings of
// a document are faster than bytes.IndexAny's (0.64 s of 8.2 s of a
// check of 1.6M invoice lines, a profile, when check's JSON was indented
// here; #29).
func stringTextEnd(p []byte) int {
	k := bytes.IndexByte(p, '"')
	if k < 0 {
		k = len(p)
	}
	if b := bytes.IndexByte(p[:k], '\\'); b >= 0 {
		return b
	}
	if k == len(p) {
		return -1
	}
	return k
}

// newlineIndent is a newline and the indents of up to 32 levels, for
// newline to write in one piece.
const newlineIndent = "\n" + "                                                                "

func (j *indentJSON) newline() {
	if n := 1 + 2*j.depth; n <= len(newlineIndent) {
		j.w.WriteString(newlineIndent[:n])
		return
	}
	j.w.WriteByte('\n')
	for range j.depth {
		j.w.WriteString("  ")
	}
}

// Flush writes what is buffered.
func (j *indentJSON) Flush() error { return j.w.Flush() }
