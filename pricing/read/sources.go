package read

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"alprice/pricing"

	"github.com/shopspring/decimal"
	"golang.org/x/net/html"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// QuoteSource names a kind of quotes input users save or copy from
// Changjiang Nonferrous (长江有色金属网).
type QuoteSource string

// The quote sources alprice reads.
const (
	SourceText QuoteSource = "text" // text pasted from the page: "A00铝 23660-23700 23680 +80"
	SourceHTML QuoteSource = "html" // the history page (historyprice/cjxh_1/) saved as HTML, GBK
	SourceJSON QuoteSource = "json" // the price-list endpoint's JSON answer, saved to a file
	SourceCSV  QuoteSource = "csv"  // another quotes file, as average reads
)

// ParseQuoteSource parses a --from value.
func ParseQuoteSource(s string) (QuoteSource, error) {
	switch q := QuoteSource(s); q {
	case SourceText, SourceHTML, SourceJSON, SourceCSV:
		return q, nil
	}
	return "", pricing.Errorf("is not a quotes source: write text, html, json or csv")
}

// DetectQuoteSource tells the kind of a quotes input by its content: JSON
// starts with {, HTML has a tag, CSV's first line names a date column (in
// UTF-8, or in GBK as Excel on Chinese Windows saves it), and anything
// else is pasted text.
func DetectQuoteSource(head []byte) QuoteSource {
	t := bytes.TrimSpace(bytes.TrimPrefix(head, utf8BOM))
	lower := bytes.ToLower(t)
	switch {
	case bytes.HasPrefix(t, []byte("{")):
		return SourceJSON
	case bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<table")) || bytes.HasPrefix(lower, []byte("<!doctype")):
		return SourceHTML
	}
	first, _, _ := bytes.Cut(t, []byte("\n"))
	if !utf8.Valid(first) {
		if decoded, err := simplifiedchinese.GB18030.NewDecoder().Bytes(first); err == nil {
			first = decoded
		}
	}
	first = bytes.ToLower(first)
	if bytes.Contains(first, []byte(",")) && (bytes.Contains(first, []byte("date")) || bytes.Contains(first, []byte("日期"))) {
		return SourceCSV
	}
	return SourceText
}

// errPastedNotUTF8 is a line of pasted text that is not UTF-8 text.
var errPastedNotUTF8 = pricing.Errorf("is not UTF-8 text, as pasted text is: a file saved in another encoding? Import a CSV file as csv, or save the text as UTF-8")

// The errors of a source that lacks what the caller must give: the
// command line names the flag that gives it.
var (
	// ErrNoDate is a pasted line without a date, when no date was given
	// for every line.
	ErrNoDate = pricing.Errorf("has no date: start the line with YYYY-MM-DD, or give the date of every line")
	// ErrNoYear is a history page, whose dates are MM-DD, read without
	// the year of its first row.
	ErrNoYear = pricing.Errorf("gives its dates without a year, and no year was given for its first row")
)

// SourceQuotes are the A00 quotes read from a source, and how many rows of
// other products, or dated on a weekend or holiday, were skipped.
type SourceQuotes struct {
	Quotes []pricing.Quote
	NotA00 int
	Closed int // rows a quotes file gave on a weekend or holiday, left out by its reader
	// Fields are a quotes file's names of its columns (pricing.Quotes.Fields);
	// nil for the site's pages and answers, whose names are fixed.
	Fields map[string]string
}

// a00 matches the product name of A00 aluminium as the site writes it.
var a00 = regexp.MustCompile(`^A00\s*铝`)

// textLine is a pasted line: an optional date, the product, then the
// numbers, spaced or run together.
var textLine = regexp.MustCompile(`^(?:(\d{4}-\d{1,2}-\d{1,2})\s+)?(\S*?铝|\S+)\s*(.*)$`)

// spaced is "23660-23700 23680 +80" (the change optional), each figure
// plain or in comma groups with decimals ("24,370.00—24,410 24,390"), low
// and high apart by any dash or tilde the CSV reader's ranges take.
var spaced = regexp.MustCompile(`^(` + pastedFigure + `)\s*[-—–~～]\s*(` + pastedFigure + `)\s+(` + pastedFigure + `)(?:\s+([+-]?` + pastedFigure + `))?$`)

// pastedFigure is a figure as pasted: digits, or comma groups of three,
// and decimals; ParseMoney then holds it to the rules of money.
const pastedFigure = `(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`

// runTogether is "23660-2370023680+80": low, then high and average run
// together, then the signed change.
var runTogether = regexp.MustCompile(`^(\d+)[-—–~](\d+)([+-]\d+)$`)

// setChange sets q's change against the previous trading day (涨跌)
// from its text, signed or not; an empty text is no change given.
func setChange(q *pricing.Quote, text string) error {
	if text == "" {
		return nil
	}
	c, err := pricing.ParseSignedMoney(text)
	if err != nil {
		return err
	}
	q.Change, q.HasChange = c, true
	return nil
}

// ReadPastedQuotes reads text copied from Changjiang's page, a quote a
// line: "A00铝 23660-23700 23680 +80", or run together as the home page
// renders it, "A00铝23660-2370023680+80" — low, high, average and a signed
// change with no separators, split by the rule low ≤ average ≤ high; a
// line where more than one split obeys it is refused, naming the line.
// The date is a leading YYYY-MM-DD on the line, or date for every line.
// Lines of other products are counted as NotA00; blank lines are skipped.
func ReadPastedQuotes(r io.Reader, name string, date *time.Time) (*SourceQuotes, error) {
	out := &SourceQuotes{}
	var errs pricing.ErrorList
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), MaxLineLength)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		fail := func(value string, err error) {
			errs = append(errs, &pricing.InputError{Source: name, Line: n, Value: value, Err: err})
		}
		if !utf8.ValidString(line) {
			// Text pasted is UTF-8; bytes that are not are a file of
			// another kind or encoding, never a line to count as not A00.
			fail("", errPastedNotUTF8)
			continue
		}
		m := textLine.FindStringSubmatch(line)
		if m == nil || !a00.MatchString(m[2]) {
			out.NotA00++
			continue
		}
		q := pricing.Quote{Line: n}
		switch {
		case m[1] != "":
			d, err := pricing.ParseDate(m[1])
			if err != nil {
				fail(m[1], err)
				continue
			}
			q.Date = d
		case date != nil:
			q.Date = *date
		default:
			fail(line, ErrNoDate)
			continue
		}
		rest := strings.TrimSpace(m[3])
		var low, high, avg, change string
		if s := spaced.FindStringSubmatch(rest); s != nil {
			low, high, avg, change = s[1], s[2], s[3], s[4]
		} else if s := runTogether.FindStringSubmatch(rest); s != nil {
			var err error
			low, change = s[1], s[3]
			if high, avg, err = splitHighAverage(s[1], s[2]); err != nil {
				fail(rest, err)
				continue
			}
		} else {
			fail(rest, pricing.Errorf("is not low-high average change, such as 23660-23700 23680 +80"))
			continue
		}
		var err error
		if q.Low, q.High, q.Average, err = prices(low, high, avg); err != nil {
			fail(rest, err)
			continue
		}
		q.HasRange = true
		if err := setChange(&q, change); err != nil {
			fail(change, err)
			continue
		}
		out.Quotes = append(out.Quotes, q)
	}
	if err := sc.Err(); err != nil {
		return nil, &pricing.InputError{Source: name, Err: pricing.Errorf("cannot be read: %w", err)}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// splitHighAverage splits digits, high and average run together, so that
// low ≤ average ≤ high: exactly one split must do.
func splitHighAverage(low, digits string) (high, avg string, err error) {
	l, _ := strconv.Atoi(low)
	var found []int
	for k := 1; k < len(digits); k++ {
		h, a := digits[:k], digits[k:]
		if a[0] == '0' || h[0] == '0' {
			continue
		}
		hv, _ := strconv.Atoi(h)
		av, _ := strconv.Atoi(a)
		if l <= av && av <= hv {
			found = append(found, k)
		}
	}
	switch len(found) {
	case 1:
		return digits[:found[0]], digits[found[0]:], nil
	case 0:
		return "", "", pricing.Errorf("cannot be split into high and average with low ≤ average ≤ high")
	}
	var splits []string
	for _, k := range found {
		splits = append(splits, digits[:k]+" / "+digits[k:])
	}
	return "", "", pricing.Errorf("splits into high and average more than one way (%s): paste it with spaces", strings.Join(splits, ", "))
}

// prices parses a quote's low, high and average, each more than zero, the
// average within the range.
func prices(low, high, avg string) (l, h, a decimal.Decimal, err error) {
	for _, p := range []struct {
		text string
		to   *decimal.Decimal
	}{{low, &l}, {high, &h}, {avg, &a}} {
		if *p.to, err = pricing.ParseMoney(p.text); err == nil && !p.to.IsPositive() {
			err = pricing.Errorf("is not positive; a quote is more than zero")
		}
		if err != nil {
			return l, h, a, pricing.Errorf("%q %w", p.text, err)
		}
	}
	if l.GreaterThan(h) || a.LessThan(l) || a.GreaterThan(h) {
		return l, h, a, pricing.Errorf("average %s is outside the range %s-%s", a, l, h)
	}
	return l, h, a, nil
}

// ReadHistoryHTML reads Changjiang's price history page (historyprice/
// cjxh_1/) as saved from a browser: GBK or UTF-8, a table whose header
// names 品名, 价格区间 (low—high), 均价, 涨跌 and 日期 (MM-DD, no year). The
// dates run newest first; the year is year for the first row, and a month
// that grows going down the page belongs to the year before (a page that
// spans New Year). Rows of other products are counted as NotA00.
func ReadHistoryHTML(r io.Reader, name string, year int) (*SourceQuotes, error) {
	return ReadHistoryPage(r, name, &HistoryDating{Year: year})
}

// HistoryDating dates the MM-DD rows of history pages read one after
// another, newest first, as a walk back through cjxh_1/, cjxh_2/, … reads
// them. Year, Month and Day are those of the day just before the next row
// in the walk: today's (in Beijing) before page 1, then the last A00 row
// read. A row whose month is later than Month is of the year before — the
// walk crossed New Year, on a page or between two — and so is a page's
// first row of Month itself dated after Day, so that no row lies after
// today. Month 0 is no day known yet: the next row is of Year; Day 0
// compares months only.
type HistoryDating struct {
	Year  int
	Month time.Month
	Day   int
}

// DatingFrom is the dating of a walk that starts on day: no row is dated
// after it.
func DatingFrom(day time.Time) HistoryDating {
	return HistoryDating{Year: day.Year(), Month: day.Month(), Day: day.Day()}
}

// ReadHistoryPage reads one history page as [ReadHistoryHTML] does,
// dating its rows by dating, and leaves dating at the page's last A00 row
// for the next page; on an error it is left as it was. r is read whole,
// never cut short: its caller bounds it (alprice opens every input within
// its limit, and caps the site's answers).
func ReadHistoryPage(r io.Reader, name string, dating *HistoryDating) (*SourceQuotes, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &pricing.InputError{Source: name, Err: pricing.Errorf("cannot be read: %w", err)}
	}
	if !validText(data) {
		if data, _, err = transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), data); err != nil {
			return nil, &pricing.InputError{Source: name, Err: pricing.Errorf("is neither UTF-8 nor GBK text: %w", err)}
		}
	}
	doc, err := html.Parse(bytes.NewReader(markPlaces(data)))
	if err != nil {
		return nil, &pricing.InputError{Source: name, Err: pricing.Errorf("is not HTML: %w", err)}
	}
	rows, places := tableRows(doc)
	cols := map[string]int{}
	var header int
	for i, row := range rows {
		for j, c := range row {
			cols[strings.TrimSpace(c)] = j
		}
		if _, ok := cols["均价"]; ok {
			header = i
			break
		}
		clear(cols)
	}
	for _, c := range []string{"品名", "价格区间", "均价", "日期"} {
		if _, ok := cols[c]; !ok {
			return nil, &pricing.InputError{Source: name, Err: pricing.Errorf("has no price table with a %s column (it needs 品名, 价格区间, 均价, 涨跌, 日期): is it Changjiang's history page?", c)}
		}
	}
	if dating.Year == 0 {
		return nil, &pricing.InputError{Source: name, Err: ErrNoYear}
	}
	out := &SourceQuotes{}
	var errs pricing.ErrorList
	year, prevMonth, prevDay := dating.Year, int(dating.Month), dating.Day
	first := true // the page's first A00 row: compared with the day before it, not only its month
	for i, row := range rows[header+1:] {
		n := i + 1 // the row of the table, named in messages beside the file's line
		at := places[header+1+i]
		cell := func(c string) string {
			if j, ok := cols[c]; ok && j < len(row) {
				return strings.TrimSpace(row[j])
			}
			return ""
		}
		if !a00.MatchString(cell("品名")) {
			out.NotA00++
			continue
		}
		fail := func(field, value string, err error) {
			place := at.row
			if j, ok := cols[field]; ok && j < len(at.cells) {
				place = at.cells[j]
			}
			errs = append(errs, &pricing.InputError{Source: name, Line: place.line, Column: place.column,
				Field: "table row " + strconv.Itoa(n) + " " + field, Value: value, Err: err})
		}
		var month, day int
		if _, err := fmt.Sscanf(cell("日期"), "%d-%d", &month, &day); err != nil || month < 1 || month > 12 {
			fail("日期", cell("日期"), pricing.Errorf("is not MM-DD"))
			continue
		}
		if prevMonth != 0 && (month > prevMonth || first && month == prevMonth && prevDay != 0 && day > prevDay) {
			year-- // newest first: a later month further down is last year's
		}
		prevMonth, prevDay, first = month, day, false
		d, err := pricing.ParseDate(fmt.Sprintf("%04d-%02d-%02d", year, month, day))
		if err != nil {
			fail("日期", cell("日期"), err)
			continue
		}
		low, high, ok := splitRange(cell("价格区间"))
		if !ok {
			fail("价格区间", cell("价格区间"), pricing.Errorf("is not low—high"))
			continue
		}
		q := pricing.Quote{Date: d, Line: at.row.line, HasRange: true}
		if q.Low, q.High, q.Average, err = prices(low, high, strings.ReplaceAll(cell("均价"), ",", "")); err != nil {
			fail("均价", cell("均价"), err)
			continue
		}
		if err := setChange(&q, cell("涨跌")); err != nil {
			fail("涨跌", cell("涨跌"), err)
			continue
		}
		out.Quotes = append(out.Quotes, q)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if prevMonth != 0 {
		dating.Year, dating.Month, dating.Day = year, time.Month(prevMonth), prevDay
	}
	return out, nil
}

// PriceListEntry is the figures of one entry of a price list, as the
// site wrote them (a JSON number's literal text, or a string's).
type PriceListEntry struct {
	PublishDate     string // YYYY-MM-DD; a time may follow, after a space or a T
	MinPrice        string // the day's low; "" with MaxPrice "" when not given
	MaxPrice        string // the day's high
	AvgPrice        string // the day's average
	HighsLowsAmount string // the change, signed or not; "" when not given
}

// PriceListQuote checks an entry's figures and returns them as a quote:
// a date, an average more than zero, a low and a high both given or
// neither, each more than zero, the average within them, and a change.
// Its error is an [*pricing.InputError] whose Field names the entry's
// field at fault, without a Source: the caller names the answer.
func PriceListQuote(e PriceListEntry) (pricing.Quote, error) {
	var q pricing.Quote
	bad := func(field, value string, err error) (pricing.Quote, error) {
		return pricing.Quote{}, &pricing.InputError{Field: field, Value: value, Err: err}
	}
	date, _, _ := strings.Cut(e.PublishDate, " ")
	date, _, _ = strings.Cut(date, "T")
	var err error
	if q.Date, err = pricing.ParseDate(date); err != nil {
		return bad("publishDate", e.PublishDate, err)
	}
	if q.Average, err = pricing.ParseMoney(e.AvgPrice); err == nil && !q.Average.IsPositive() {
		err = pricing.Errorf("is not positive")
	}
	if err != nil {
		return bad("avgPrice", e.AvgPrice, err)
	}
	switch {
	case e.MinPrice == "" && e.MaxPrice == "":
	case e.MinPrice == "":
		return bad("minPrice", "", pricing.Errorf("is missing, though maxPrice is given: an entry gives both or neither"))
	case e.MaxPrice == "":
		return bad("maxPrice", "", pricing.Errorf("is missing, though minPrice is given: an entry gives both or neither"))
	default:
		for _, f := range []struct {
			field, text string
			to          *decimal.Decimal
		}{{"minPrice", e.MinPrice, &q.Low}, {"maxPrice", e.MaxPrice, &q.High}} {
			if *f.to, err = pricing.ParseMoney(f.text); err == nil && !f.to.IsPositive() {
				err = pricing.Errorf("is not positive")
			}
			if err != nil {
				return bad(f.field, f.text, err)
			}
		}
		if q.Low.GreaterThan(q.High) || q.Average.LessThan(q.Low) || q.Average.GreaterThan(q.High) {
			return bad("avgPrice", e.AvgPrice, pricing.Errorf("average %s is outside the range %s-%s", q.Average, q.Low, q.High))
		}
		q.HasRange = true
	}
	if err := setChange(&q, e.HighsLowsAmount); err != nil {
		return bad("highsLowsAmount", e.HighsLowsAmount, err)
	}
	return q, nil
}

// place is where an element starts in a page: its line and its column in
// characters, counted from 1.
type place struct{ line, column int }

// rowPlaces are the places of a table row and of each of its cells.
type rowPlaces struct {
	row   place
	cells []place
}

// placeAttr is the attribute markPlaces gives each row and cell: the HTML
// parser keeps no positions, and a message names the file's line.
const placeAttr = "data-alprice-place"

// markPlaces returns the page with each tr, td and th start tag given its
// place (line:column) as the attribute placeAttr, every other byte as it
// was. The tokenizer reads the page as the parser will: a "<tr" inside a
// comment or a script is not a row.
func markPlaces(data []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(data) + len(data)/8)
	z := html.NewTokenizer(bytes.NewReader(data))
	line, column := 1, 1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			out.Write(z.Raw()) // whatever is left unparsed
			return out.Bytes()
		}
		raw := z.Raw()
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			name, _ := z.TagName()
			if s := string(name); s == "tr" || s == "td" || s == "th" {
				n := 1 + len(name) // "<" and the name, as written
				out.Write(raw[:n])
				fmt.Fprintf(&out, " %s=\"%d:%d\"", placeAttr, line, column)
				out.Write(raw[n:])
				line, column = advance(raw, line, column)
				continue
			}
		}
		out.Write(raw)
		line, column = advance(raw, line, column)
	}
}

// advance moves a place over text.
func advance(text []byte, line, column int) (int, int) {
	if i := bytes.LastIndexByte(text, '\n'); i >= 0 {
		return line + bytes.Count(text, []byte{'\n'}), 1 + utf8.RuneCount(text[i+1:])
	}
	return line, column + utf8.RuneCount(text)
}

// placeOf returns the place markPlaces gave n; none for an element the
// parser made up (a row around cells written without one).
func placeOf(n *html.Node) (place, bool) {
	for _, a := range n.Attr {
		if a.Key == placeAttr {
			var p place
			if _, err := fmt.Sscanf(a.Val, "%d:%d", &p.line, &p.column); err == nil {
				return p, true
			}
		}
	}
	return place{}, false
}

// tableRows returns the text of the cells of every table row of doc, and
// where each row and cell starts in the page (a row the parser made up is
// placed at its first cell).
func tableRows(doc *html.Node) ([][]string, []rowPlaces) {
	var rows [][]string
	var places []rowPlaces
	var text func(*html.Node, *strings.Builder)
	text = func(n *html.Node, b *strings.Builder) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			text(c, b)
		}
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "tr" {
			var row []string
			var at rowPlaces
			rowAt, ok := placeOf(n)
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
					var b strings.Builder
					text(c, &b)
					row = append(row, b.String())
					cellAt, cellOK := placeOf(c)
					if !cellOK {
						cellAt = rowAt
					}
					if !ok && cellOK {
						rowAt, ok = cellAt, true
					}
					at.cells = append(at.cells, cellAt)
				}
			}
			at.row = rowAt
			rows = append(rows, row)
			places = append(places, at)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return rows, places
}

// jsonFigure is a figure of the price list, a JSON number or a string
// alike, kept as its text: never a float.
type jsonFigure string

func (f *jsonFigure) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = jsonFigure(strings.TrimSpace(s))
		return nil
	}
	if string(b) == "null" {
		*f = ""
		return nil
	}
	*f = jsonFigure(b)
	return nil
}

// priceListItem is one entry of the price-list endpoint's answer.
type priceListItem struct {
	ProductSortName string     `json:"productSortName"`
	MinPrice        jsonFigure `json:"minPrice"`
	MaxPrice        jsonFigure `json:"maxPrice"`
	AvgPrice        jsonFigure `json:"avgPrice"`
	HighsLowsAmount jsonFigure `json:"highsLowsAmount"`
	Unit            string     `json:"unit"`
	PublishDate     string     `json:"publishDate"`
}

// ReadPriceListJSON reads the answer of Changjiang's price-list endpoint,
// saved to a file or fetched: {"success": true, "body": {"priceList":
// [...]}} with, per entry, productSortName ("A00铝"), minPrice and
// maxPrice (the day's range: both or neither), avgPrice, highsLowsAmount
// (the change), unit and publishDate (YYYY-MM-DD, a time may follow).
// Entries of other products are counted as NotA00. An answer whose
// success is false is the site refusing, an error with its message (a
// missing success is accepted: saved answers may lack it). An answer of
// another shape is an error that says what was expected and shows the
// start of what came. r is read whole, never cut short: its caller
// bounds it.
func ReadPriceListJSON(r io.Reader, name string) (*SourceQuotes, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &pricing.InputError{Source: name, Err: pricing.Errorf("cannot be read: %w", err)}
	}
	var answer struct {
		Success json.RawMessage `json:"success"`
		Msg     jsonFigure      `json:"msg"`
		Message jsonFigure      `json:"message"`
		Body    *struct {
			PriceList *[]json.RawMessage `json:"priceList"`
		} `json:"body"`
	}
	err = json.Unmarshal(data, &answer)
	if err == nil && string(bytes.TrimSpace(answer.Success)) == "false" {
		msg := string(answer.Msg)
		if msg == "" {
			msg = string(answer.Message)
		}
		why := pricing.Errorf("is false: the site refused to answer")
		if msg != "" {
			why = pricing.Errorf("is false: the site refused to answer, saying %s", strconv.Quote(pricing.Clip(msg)))
		}
		return nil, &pricing.InputError{Source: name, Field: "success", Value: "false", Err: why}
	}
	if err != nil || answer.Body == nil || answer.Body.PriceList == nil {
		return nil, &pricing.InputError{Source: name, Err: pricing.Errorf("is not the price list expected, {\"body\": {\"priceList\": [...]}}; it starts %s", strconv.Quote(pricing.Clip(string(bytes.TrimSpace(data)))))}
	}
	out := &SourceQuotes{}
	var errs pricing.ErrorList
	for i, raw := range *answer.Body.PriceList {
		n := i + 1
		fail := func(field, value string, err error) {
			errs = append(errs, &pricing.InputError{Source: name, Field: fmt.Sprintf("priceList[%d].%s", i, field), Value: value, Err: err})
		}
		var item priceListItem
		if err := json.Unmarshal(raw, &item); err != nil {
			fail("", "", pricing.Errorf("is not a price entry: %w", err))
			continue
		}
		if !a00.MatchString(item.ProductSortName) {
			out.NotA00++
			continue
		}
		q, err := PriceListQuote(PriceListEntry{PublishDate: item.PublishDate, MinPrice: string(item.MinPrice),
			MaxPrice: string(item.MaxPrice), AvgPrice: string(item.AvgPrice), HighsLowsAmount: string(item.HighsLowsAmount)})
		if err != nil {
			var ie *pricing.InputError
			if errors.As(err, &ie) {
				fail(ie.Field, ie.Value, ie.Err)
			} else {
				fail("", "", err)
			}
			continue
		}
		q.Line = n
		out.Quotes = append(out.Quotes, q)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
