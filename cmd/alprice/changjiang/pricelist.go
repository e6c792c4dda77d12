package changjiang

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// MarketVmid is the site's id of its 长江现货 (Changjiang spot) market, the
// market the daily price list is asked of.
const MarketVmid = "40288092327140f601327141c0560001"

// beijing is China Standard Time. A fixed zone rather than
// time.LoadLocation("Asia/Shanghai"): China has kept UTC+8 without daylight
// saving since 1991, and a machine without tzdata must still ask for the
// right day.
var beijing = time.FixedZone("CST", 8*60*60)

// DailyPriceList fetches the day's price list of the 长江现货 market, as the
// page cjxh.shtml does: a GET of that page for the session cookie, then the
// form POST to /shop/historyData/getCorpStmarketPriceList with today's date
// in Beijing. It returns the whole answer, checked to be JSON (an HTML page
// in its place is [KindHTMLPage]); [ParseDailyPriceList] or alprice's
// price-list reader take it from there. The site ignores the date asked
// for and answers with its latest day, so the answer's own publishDate is
// the day quoted.
func (c *Client) DailyPriceList(ctx context.Context) ([]byte, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, &Error{Kind: KindOptions, Field: "cookie jar", Err: err}
	}
	hc := c.httpClient(jar)
	page := c.base.JoinPath("cjxh.shtml")
	if _, err := c.do(ctx, hc, request{method: http.MethodGet, url: page, header: http.Header{
		"Accept": {"text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"},
	}}); err != nil {
		return nil, err
	}
	form := url.Values{
		"marketVmid":  {MarketVmid},
		"publishDate": {c.now().In(beijing).Format(time.DateOnly)},
		"flag":        {"1"},
		"productVmid": {""},
	}
	// The headers the page's own XMLHttpRequest sends; Referer never
	// carries the user info (browsers drop it too).
	header := http.Header{
		"Referer":          {redact(page)},
		"Origin":           {c.base.Scheme + "://" + c.base.Host},
		"X-Requested-With": {"XMLHttpRequest"},
		"Content-Type":     {"application/x-www-form-urlencoded; charset=UTF-8"},
		"Accept":           {"application/json"},
	}
	endpoint := c.base.JoinPath("shop", "historyData", "getCorpStmarketPriceList")
	body, err := c.do(ctx, hc, request{method: http.MethodPost, url: endpoint, form: form, header: header})
	if err != nil {
		return nil, err
	}
	if e := checkJSON(body); e != nil {
		e.Op, e.URL, e.Status = http.MethodPost, redact(endpoint), http.StatusOK
		return nil, e
	}
	return body, nil
}

// utf8BOM is dropped before JSON: some servers put one in front.
var utf8BOM = []byte("\uFEFF")

// checkJSON tells an answer that is not JSON, and an HTML page (the site's
// error or verification page, whatever its Content-Type said) apart from
// other text. The Content-Type is not trusted either way: Java sites often
// send JSON as text/html.
func checkJSON(body []byte) *Error {
	t := bytes.TrimSpace(bytes.TrimPrefix(bytes.TrimSpace(body), utf8BOM))
	if json.Valid(t) {
		return nil
	}
	if bytes.HasPrefix(t, []byte("<")) {
		return &Error{Kind: KindHTMLPage, Value: clip(string(t))}
	}
	return &Error{Kind: KindNotJSON, Value: clip(string(t))}
}

// DailyQuote is the A00铝 entry of a day's price list, every figure as the
// exact decimal text the site gave (a JSON number or string alike): never
// a float, so that nothing is rounded on the way.
type DailyQuote struct {
	Product         string // the name as the site wrote it: "A00铝"
	PublishDate     string // the day quoted, YYYY-MM-DD; a time the site adds is dropped
	MinPrice        string // the low of the day's range, unsigned decimal text
	MaxPrice        string // the high of the day's range, unsigned decimal text
	AvgPrice        string // the day's average, unsigned decimal text
	HighsLowsAmount string // the change on the previous quote, signed decimal text; "" when not given
	Unit            string // as given, "元/吨"; may be empty
}

// a00 is the product name of A00 aluminium, whole: "A00铝", a space allowed.
var a00 = regexp.MustCompile(`^A00\s*铝$`)

// unsigned and signed are the decimal texts accepted as figures: no
// exponent, no thousands separator, no sign on a price.
var (
	unsigned = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)
	signed   = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)
)

// ParseDailyPriceList takes the A00铝 entry out of a price-list answer,
// {"success": true, "body": {"priceList": [...]}}. It refuses an answer
// whose success is false ([KindUnsuccessful]; a missing success is
// accepted, as saved answers may lack it), one without body.priceList
// ([KindShape]), one with no A00铝 entry or more than one ([KindA00Count]),
// and an A00铝 entry whose publishDate is not YYYY-MM-DD or whose prices
// are not plain decimals ([KindBadFigure]). Entries of other products are
// not looked at beyond their name.
func ParseDailyPriceList(body []byte) (DailyQuote, error) {
	if e := checkJSON(body); e != nil {
		return DailyQuote{}, e
	}
	shape := func(field string, err error) (DailyQuote, error) {
		return DailyQuote{}, &Error{Kind: KindShape, Field: field, Err: err}
	}
	var top map[string]json.RawMessage
	if err := unmarshal(body, &top); err != nil || top == nil {
		return shape("(top level)", err)
	}
	switch s := string(bytes.TrimSpace(top["success"])); s {
	case "", "true":
	case "false":
		return DailyQuote{}, &Error{Kind: KindUnsuccessful, Value: clip(siteMessage(top))}
	default:
		return shape("success", fmt.Errorf("is %s, not true or false", clip(s)))
	}
	var inner map[string]json.RawMessage
	if err := unmarshal(top["body"], &inner); err != nil || inner == nil {
		return shape("body", err)
	}
	var list []json.RawMessage
	if err := unmarshal(inner["priceList"], &list); err != nil || list == nil {
		return shape("body.priceList", err)
	}
	var found []map[string]json.RawMessage
	for i, raw := range list {
		var entry map[string]json.RawMessage
		if err := unmarshal(raw, &entry); err != nil || entry == nil {
			return shape(fmt.Sprintf("body.priceList[%d]", i), err)
		}
		var name string
		if json.Unmarshal(entry["productSortName"], &name) == nil && a00.MatchString(strings.TrimSpace(name)) {
			found = append(found, entry)
		}
	}
	if len(found) != 1 {
		return DailyQuote{}, &Error{Kind: KindA00Count, Count: len(found)}
	}
	return a00Quote(found[0])
}

// a00Quote reads the fields of the A00铝 entry.
func a00Quote(entry map[string]json.RawMessage) (DailyQuote, error) {
	var q DailyQuote
	bad := func(field, value string, err error) (DailyQuote, error) {
		return DailyQuote{}, &Error{Kind: KindBadFigure, Field: "A00铝." + field, Value: clip(value), Err: err}
	}
	for _, f := range []struct {
		name     string
		to       *string
		pattern  *regexp.Regexp
		optional bool
	}{
		{"productSortName", &q.Product, nil, false},
		{"publishDate", &q.PublishDate, nil, false},
		{"minPrice", &q.MinPrice, unsigned, false},
		{"maxPrice", &q.MaxPrice, unsigned, false},
		{"avgPrice", &q.AvgPrice, unsigned, false},
		{"highsLowsAmount", &q.HighsLowsAmount, signed, true},
		{"unit", &q.Unit, nil, true},
	} {
		text, err := figure(entry[f.name])
		switch {
		case err != nil:
			return bad(f.name, string(entry[f.name]), err)
		case text == "" && !f.optional:
			return bad(f.name, "", fmt.Errorf("is missing"))
		case text != "" && f.pattern != nil && !f.pattern.MatchString(text):
			return bad(f.name, text, fmt.Errorf("is not a plain decimal"))
		}
		*f.to = text
	}
	// "2026-08-04", "2026-08-04 10:30:00" or "2026-08-04T10:30:00": the day.
	day, _, _ := strings.Cut(q.PublishDate, " ")
	day, _, _ = strings.Cut(day, "T")
	if _, err := time.Parse(time.DateOnly, day); err != nil || len(day) != len(time.DateOnly) {
		return bad("publishDate", q.PublishDate, fmt.Errorf("is not YYYY-MM-DD"))
	}
	q.PublishDate = day
	return q, nil
}

// figure returns a JSON number's literal text, or a string's text trimmed;
// null or a missing field is "". Anything else is an error.
func figure(raw json.RawMessage) (string, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", nil
	}
	var v any
	if err := unmarshal(raw, &v); err != nil {
		return "", err
	}
	switch v := v.(type) {
	case nil:
		return "", nil
	case json.Number:
		return v.String(), nil
	case string:
		return strings.TrimSpace(v), nil
	}
	return "", fmt.Errorf("is neither a number nor a string")
}

// siteMessage is the site's own explanation of a refusal, if it gave one.
func siteMessage(top map[string]json.RawMessage) string {
	for _, k := range []string{"msg", "message", "errorMsg"} {
		if s, err := figure(top[k]); err == nil && s != "" {
			return s
		}
	}
	return ""
}

// unmarshal decodes raw into v keeping numbers as json.Number: a figure
// must never pass through a float64. A missing raw leaves v as it was.
func unmarshal(raw []byte, v any) error {
	raw = bytes.TrimPrefix(bytes.TrimSpace(raw), utf8BOM)
	if len(raw) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	return dec.Decode(v)
}
