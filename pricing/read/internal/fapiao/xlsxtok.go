package fapiao

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// tokKind is what a token of a workbook part is.
type tokKind uint8

const (
	tokStart tokKind = iota + 1 // a start tag (an empty element gives a start and an end)
	tokEnd                      // an end tag
	tokText                     // character data, references replaced
)

// xattr is an attribute of a start tag: its local name and its value,
// references replaced.
type xattr struct{ local, value []byte }

// token is one token of a part's XML, as encoding/xml's Token gives it
// but for the names, which are local (the prefix dropped). Its bytes are
// valid until the next token is read.
type token struct {
	kind  tokKind
	local []byte
	attrs []xattr
	text  []byte
}

// attr returns the value of t's attribute of that local name, or nil.
func (t *token) attr(local string) []byte {
	for _, a := range t.attrs {
		if string(a.local) == local {
			return a.value
		}
	}
	return nil
}

// tokenizer gives a part's tokens in order; io.EOF after the last.
type tokenizer interface{ next() (*token, error) }

// errSlow is the fast scanner's refusal of what it does not take: the
// part is then read again from its start by encoding/xml (xmlTokens),
// which takes all XML and words what is wrong with it.
var errSlow = errors.New("fapiao: not in the fast scanner's subset of XML")

// fastTokens scans the XML of a part in a window of its bytes, without
// allocating a token: the subset of XML a workbook is written in — start,
// end and empty-element tags of ASCII names, attributes in quotes, text
// with the five named and the numeric references, an XML declaration of
// UTF-8 — checked as encoding/xml checks it (valid UTF-8, characters XML
// allows, end tags matching). Anything else (a comment, CDATA, a DOCTYPE,
// a processing instruction, a carriage return, a non-ASCII name, any
// fault) is errSlow, before any token of it is given. A test holds the
// tokens it gives to encoding/xml's on the same input.
type fastTokens struct {
	r        io.Reader
	buf      []byte
	pos, end int  // the unread bytes are buf[pos:end]
	eof      bool // r has no more
	started  bool // a token was read: an XML declaration must come first
	closing  bool // the empty element just given ends next
	names    []byte
	ends     []int // the stack of open elements: names[ends[i-1]:ends[i]]
	tok      token
	attrs    []xattr // the backing of tok.attrs, reused
	scratch  []byte  // text with references replaced
	attrText []byte
}

// maxFastToken is the longest token the fast scanner takes (a cell's text
// is at most 32,767 characters); a longer one goes to encoding/xml.
const maxFastToken = 8 << 20

// newFastTokens scans r in a window of size bytes at first.
func newFastTokens(r io.Reader, size int) *fastTokens {
	return &fastTokens{r: r, buf: make([]byte, size)}
}

// more reads more of the input, keeping buf[pos:end] (moved to the start
// of buf); false at the end of the input or on an error.
func (f *fastTokens) more() bool {
	if f.eof {
		return false
	}
	if f.pos > 0 {
		n := copy(f.buf, f.buf[f.pos:f.end])
		f.pos, f.end = 0, n
	}
	if f.end == len(f.buf) {
		if len(f.buf) >= maxFastToken {
			return false
		}
		f.buf = append(f.buf, make([]byte, len(f.buf))...)
	}
	n, err := io.ReadAtLeast(f.r, f.buf[f.end:], 1)
	f.end += n
	if err != nil {
		f.eof = true
		if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
			f.r = failedReader{err}
		}
	}
	return n > 0
}

type failedReader struct{ err error }

func (e failedReader) Read([]byte) (int, error) { return 0, e.err }

// window returns the unread bytes holding at least one c at or after
// offset from (relative to pos), reading more as needed, and the index
// of that c; -1 when the input ends first.
func (f *fastTokens) window(from int, c byte) ([]byte, int) {
	for {
		w := f.buf[f.pos:f.end]
		// Most runs are short (a cell's figure): a loop over their first
		// bytes is quicker than a call.
		for i := from; i < min(len(w), from+16); i++ {
			if w[i] == c {
				return w, i
			}
		}
		if from+16 < len(w) {
			if i := bytes.IndexByte(w[from+16:], c); i >= 0 {
				return w, from + 16 + i
			}
		}
		from = max(len(w), from)
		if !f.more() {
			return f.buf[f.pos:f.end], -1
		}
	}
}

func (f *fastTokens) next() (*token, error) {
	if f.closing {
		f.closing = false
		f.tok = token{kind: tokEnd, local: f.tok.local}
		f.pop()
		return &f.tok, nil
	}
	w, lt := f.window(0, '<')
	if lt != 0 {
		if _, failed := f.r.(failedReader); lt < 0 && (failed || len(f.ends) > 0) {
			return nil, errSlow // cut short, or unreadable: encoding/xml says where
		}
		if lt < 0 && len(w) == 0 {
			return nil, io.EOF
		}
		if lt < 0 {
			lt = len(w) // the text after the root
		}
		text, _, ok := f.text(w[:lt])
		if !ok {
			return nil, errSlow
		}
		f.started = true
		f.pos += lt
		f.tok = token{kind: tokText, text: text}
		return &f.tok, nil
	}
	// A tag: find its '>' outside quotes.
	gt := f.tagEnd()
	if gt < 0 {
		return nil, errSlow
	}
	w = f.buf[f.pos:f.end]
	tag := w[1:gt] // between '<' and '>'
	f.pos += gt + 1
	switch {
	case len(tag) > 0 && tag[0] == '?':
		if f.started || !isUTF8Declaration(tag) {
			return nil, errSlow
		}
		f.started = true
		return f.next()
	case len(tag) > 0 && tag[0] == '!':
		return nil, errSlow
	case len(tag) > 0 && tag[0] == '/':
		name, local, rest := scanName(tag[1:])
		if name == nil || len(trimSpace(rest)) != 0 || !f.popMatching(name) {
			return nil, errSlow
		}
		f.started = true
		f.tok = token{kind: tokEnd, local: local}
		return &f.tok, nil
	}
	empty := len(tag) > 0 && tag[len(tag)-1] == '/'
	if empty {
		tag = tag[:len(tag)-1]
	}
	name, local, rest := scanName(tag)
	if name == nil {
		return nil, errSlow
	}
	f.tok = token{kind: tokStart, local: local, attrs: f.attrs[:0]}
	f.attrText = f.attrText[:0]
	for len(rest) > 0 {
		n := len(rest)
		rest = trimSpace(rest)
		if len(rest) == 0 {
			break
		}
		if len(rest) == n {
			return nil, errSlow // no space before an attribute
		}
		var an, alocal []byte
		if an, alocal, rest = scanName(rest); an == nil {
			return nil, errSlow
		}
		rest = trimSpace(rest)
		if len(rest) == 0 || rest[0] != '=' {
			return nil, errSlow
		}
		rest = trimSpace(rest[1:])
		if len(rest) == 0 || rest[0] != '"' && rest[0] != '\'' {
			return nil, errSlow
		}
		q := bytes.IndexByte(rest[1:], rest[0])
		if q < 0 {
			return nil, errSlow
		}
		v, replaced, ok := f.text(rest[1 : 1+q])
		if !ok {
			return nil, errSlow
		}
		if replaced { // kept apart: the next value reuses scratch
			at := len(f.attrText)
			f.attrText = append(f.attrText, v...)
			v = f.attrText[at:len(f.attrText):len(f.attrText)]
		}
		f.tok.attrs = append(f.tok.attrs, xattr{local: alocal, value: v})
		rest = rest[2+q:]
	}
	f.attrs = f.tok.attrs
	f.started = true
	f.push(name)
	f.closing = empty
	return &f.tok, nil
}

// tagEnd returns the index, relative to pos, of the '>' closing the tag
// at pos, quotes skipped; -1 when there is none, or a '<' comes first
// outside quotes (one inside is refused with the value's text).
func (f *fastTokens) tagEnd() int {
	var quote byte
	for i := 1; ; {
		w := f.buf[f.pos:f.end]
		for ; i < len(w); i++ {
			c := w[i]
			if quote != 0 {
				if c == quote {
					quote = 0
				}
				continue
			}
			switch c {
			case '"', '\'':
				quote = c
			case '>':
				return i
			case '<':
				return -1
			}
		}
		if i > maxFastToken || !f.more() {
			return -1
		}
	}
}

// trimSpace drops the spaces, tabs and line feeds at the front of b.
func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\n') {
		b = b[1:]
	}
	return b
}

// text checks the text of a run or an attribute value and replaces its
// references; false for what the fast scanner does not take.
func (f *fastTokens) text(b []byte) (out []byte, replaced, ok bool) {
	out = b
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '&':
			if !replaced {
				f.scratch = append(f.scratch[:0], b[:i]...)
				replaced = true
			}
			semi := bytes.IndexByte(b[i:min(len(b), i+12)], ';')
			if semi < 0 {
				return nil, false, false
			}
			r, ok := reference(b[i+1 : i+semi])
			if !ok {
				return nil, false, false
			}
			f.scratch = utf8.AppendRune(f.scratch, r)
			i += semi + 1
			continue
		case c == '<' || c == '\r' || c < 0x20 && c != '\t' && c != '\n':
			return nil, false, false
		case c == '>' && i >= 2 && b[i-1] == ']' && b[i-2] == ']':
			return nil, false, false
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 || !xmlChar(r) {
				return nil, false, false
			}
			if replaced {
				f.scratch = append(f.scratch, b[i:i+n]...)
			}
			i += n
			continue
		}
		if replaced {
			f.scratch = append(f.scratch, c)
		}
		i++
	}
	if replaced {
		out = f.scratch
	}
	return out, replaced, true
}

// reference is the character of a reference's name (lt, #38, #x26).
func reference(name []byte) (rune, bool) {
	switch string(name) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	digits, base := name[1:], rune(10)
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 || len(digits) > 8 {
		return 0, false
	}
	var r rune
	for _, d := range digits {
		switch {
		case d >= '0' && d <= '9':
			r = r*base + rune(d-'0')
		case base == 16 && d >= 'a' && d <= 'f':
			r = r*base + rune(d-'a'+10)
		case base == 16 && d >= 'A' && d <= 'F':
			r = r*base + rune(d-'A'+10)
		default:
			return 0, false
		}
	}
	return r, xmlChar(r)
}

// xmlChar reports whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// scanName splits an ASCII XML name off the front of b, and gives its
// local part (the prefix dropped): nil when b does not start with one, or
// it has more than one colon or one at an end.
func scanName(b []byte) (name, local, rest []byte) {
	n, colons, at := 0, 0, 0
	for n < len(b) {
		c := b[n]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || n > 0 && (c >= '0' && c <= '9' || c == '-' || c == '.') {
			n++
			continue
		}
		if c == ':' {
			n++
			colons, at = colons+1, n
			continue
		}
		if c >= utf8.RuneSelf {
			return nil, nil, b
		}
		break
	}
	name = b[:n]
	if n == 0 || colons > 1 || name[0] == ':' || name[n-1] == ':' {
		return nil, nil, b
	}
	return name, name[at:], b[n:]
}

// isUTF8Declaration reports whether the body of a <?…?> tag is an XML
// declaration of version 1.0 in UTF-8 (or of no encoding) in the form
// writers write it.
func isUTF8Declaration(tag []byte) bool {
	if len(tag) < 2 || tag[len(tag)-1] != '?' {
		return false
	}
	for _, d := range []string{`?xml version="1.0" encoding="UTF-8" standalone="yes"?`, `?xml version="1.0" encoding="UTF-8"?`,
		`?xml version="1.0" encoding="utf-8" standalone="yes"?`, `?xml version="1.0" encoding="utf-8"?`, `?xml version="1.0"?`,
		`?xml version="1.0" standalone="yes"?`} {
		if string(tag) == d {
			return true
		}
	}
	return false
}

func (f *fastTokens) push(name []byte) {
	f.names = append(f.names, name...)
	f.ends = append(f.ends, len(f.names))
}

func (f *fastTokens) pop() {
	f.ends = f.ends[:len(f.ends)-1]
	if len(f.ends) == 0 {
		f.names = f.names[:0]
	} else {
		f.names = f.names[:f.ends[len(f.ends)-1]]
	}
}

// popMatching pops the open element if name is its name.
func (f *fastTokens) popMatching(name []byte) bool {
	if len(f.ends) == 0 {
		return false
	}
	start := 0
	if len(f.ends) > 1 {
		start = f.ends[len(f.ends)-2]
	}
	if !bytes.Equal(f.names[start:], name) {
		return false
	}
	f.pop()
	return true
}

// xmlTokens reads a part with encoding/xml's Token, strict, declared
// encodings other than UTF-8 read as excelize reads them: all XML, every
// fault worded by encoding/xml.
type xmlTokens struct {
	d   *xml.Decoder
	tok token
}

func newXMLTokens(r io.Reader) *xmlTokens {
	d := xml.NewDecoder(r)
	d.CharsetReader = charset.NewReaderLabel
	return &xmlTokens{d: d}
}

func (x *xmlTokens) next() (*token, error) {
	for {
		t, err := x.d.Token()
		if err != nil {
			return nil, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			x.tok = token{kind: tokStart, local: []byte(t.Name.Local), attrs: x.tok.attrs[:0]}
			for _, a := range t.Attr {
				x.tok.attrs = append(x.tok.attrs, xattr{local: []byte(a.Name.Local), value: []byte(a.Value)})
			}
			return &x.tok, nil
		case xml.EndElement:
			x.tok = token{kind: tokEnd, local: []byte(t.Name.Local)}
			return &x.tok, nil
		case xml.CharData:
			x.tok = token{kind: tokText, text: t}
			return &x.tok, nil
		}
	}
}
