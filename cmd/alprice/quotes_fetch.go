package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/spf13/cobra"

	"alprice/cmd/alprice/changjiang"
	"alprice/cmd/alprice/i18n"
	"alprice/pricing"
	"alprice/pricing/read"
)

// defaultQuotesURL is the site quotes fetch asks, its root, unless --url
// or $ALPRICE_QUOTES_URL say otherwise.
const defaultQuotesURL = "https://www.ccmn.cn/"

// maxHistoryPages bounds a backfill's walk back through the history pages.
const maxHistoryPages = changjiang.MaxHistoryPages

// beijing is China Standard Time, the clock of Changjiang's days: UTC+8
// without daylight saving since 1991, so a fixed zone, which needs no
// tzdata on the machine.
var beijing = time.FixedZone("CST", 8*60*60)

// fetchSeams are what the tests of quotes fetch replace, as they replace
// exitProcess: the clock that says today, and the pause between retries
// and between history pages (nil sleeps for real). A run never changes
// them.
var fetchSeams = struct {
	now   func() time.Time
	sleep func(context.Context, time.Duration) error
}{now: time.Now}

type quotesFetchOptions struct {
	store   quotesStoreOptions
	month   string
	url     string
	timeout time.Duration
}

func newQuotesFetchCmd(a *app) *cobra.Command {
	o := &quotesFetchOptions{}
	cmd := &cobra.Command{
		Use:   "fetch",
		Short: "Fetch today's A00 quote from Changjiang, or backfill a past month, into the store",
		Long: `Fetch Changjiang A00 quotes from the site's own pages and merge them into the
store. These are the addresses the site's pages use, not an official API: they
are unofficial and may change without notice; --url, quotes add and quotes
import remain for then.

Without --month: today's quote. alprice GETs cjxh.shtml for the session cookie,
then POSTs the form of the 长江现货 daily price list
(shop/historyData/getCorpStmarketPriceList) and takes its A00铝 entry: low and
high (minPrice, maxPrice), average and change. The site answers with its latest
day whatever day is asked, so the quote is stored under the answer's own
publishDate, and the output says which day that was. The day stored with the
same figures is unchanged; with other figures, a conflict. An answer for a
weekend, a public holiday or a day after today (Beijing time) is refused.

With --month YYYY-MM: a month backfilled from the history pages
(historyprice/cjxh_1/, cjxh_2/, …: GBK, dates MM-DD without a year), read back
page by page, a second apart, until the month's first trading day is reached,
at most 50 pages. The year of each row comes from today's date and the order of
the pages, newest first, across New Year too. Only the month's rows are taken;
one date given twice with other figures is refused. The output ends with the
month's status: complete, gaps (the missing days listed) or partial.

The site is --url, else $ALPRICE_QUOTES_URL, else ` + defaultQuotesURL + `: its root,
for a mirror, a proxy or a test server; user info in it is sent but never
shown. Each request has the --timeout and is tried again twice, after 1 s and
2 s, on a network error, a timeout or a 5xx, never on a 4xx; an answer over
4 MiB is refused; a redirect is followed only within the site, and never for
the form POST. The User-Agent names alprice and its version. Nothing is written
unless the whole answer was read and checked; every failure of the site is
exit 2.` + exitStatusHelp,
		Annotations: chinese("从长江有色获取今天的 A00 报价,或补齐过去的一个月,存入报价库", `从长江有色网站自己的页面获取长江 A00 报价并合并到报价库。这些是网站页面
自用的地址,不是正式接口:非官方,可能不经通知而改变;届时仍可用 --url、
quotes add 和 quotes import。

不给 --month:获取今天的报价。alprice 先 GET cjxh.shtml 取得会话标识,再
POST 长江现货每日价格列表的表单,取其中 A00铝 一条:最低价和最高价、均价和
涨跌。无论询问哪一天,网站都答复其最新的一天,因此报价按应答自身的发布日期
存入,输出写明是哪一天。该日已存且数据相同则未变;数据不同则为冲突。应答
日期为周末、法定节假日或晚于今天(北京时间)的,一律拒绝。

给出 --month YYYY-MM:从历史价格页面(historyprice/cjxh_1/、cjxh_2/……:GBK
编码,日期为不带年份的 MM-DD)补齐一个月:逐页回溯,每页间隔一秒,直到到达
该月的第一个交易日,最多 50 页。每行的年份由今天的日期和页面由新到旧的顺序
推断,跨年也一样。只取该月的行;同一日期出现两次且数据不同则拒绝。输出最后
写明该月的状态:完整、有缺口(列出缺少的日子)或未完。

网站为 --url,否则 $ALPRICE_QUOTES_URL,否则 `+defaultQuotesURL+`:其根地址,用于
镜像、代理或测试服务器;其中的用户信息会发送,但从不显示。每个请求都有
--timeout 时限,遇网络错误、超时或服务器错误(状态码 500 及以上)时在 1 秒和
2 秒后各重试一次,遇 400 段的状态码不重试;超过 4 兆字节的应答被拒绝;重定向
只在本站内跟随,表单提交从不重定向。User-Agent 写明 alprice 及其版本。未完整读取并检查应答之前不写入任何内容;
网站的任何失败都是退出状态 2。`+exitStatusHelpZH),
		Example: `  alprice quotes fetch --into quotes.csv
  alprice quotes fetch --month 2026-07 --into quotes.csv
  ALPRICE_QUOTES_URL=http://mirror.local/ccmn/ alprice quotes fetch --into quotes.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runQuotesFetch(cmd.Context(), a, o) },
	}
	o.store.bind(cmd)
	f := cmd.Flags()
	f.StringVar(&o.month, "month", "", "the past `YYYY-MM` to backfill from the history pages (default: today's quote)")
	f.StringVar(&o.url, "url", "", "the site's root `URL`, for a mirror, a proxy or a test (default $ALPRICE_QUOTES_URL, else "+defaultQuotesURL+")")
	f.DurationVar(&o.timeout, "timeout", 20*time.Second, "how long one request may take, `DURATION`, more than zero")
	return cmd
}

func runQuotesFetch(ctx context.Context, a *app, o *quotesFetchOptions) error {
	backfill := o.month != ""
	var month pricing.Month
	if backfill {
		m, err := pricing.ParseMonth(o.month)
		if err != nil {
			return flagError("month", o.month, err)
		}
		month = m
	}
	if o.timeout <= 0 {
		return flagError("timeout", o.timeout.String(), pricing.Errorf("is not more than zero: a request without a time limit could wait for ever"))
	}
	st, err := newSite(a, o)
	if err != nil {
		return err
	}
	now := fetchSeams.now().In(beijing)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	if backfill && month > pricing.MonthOf(today) {
		return flagError("month", o.month, pricing.Errorf("is after the current month, %s in Beijing: it has no quotes yet", pricing.MonthOf(today)))
	}
	store, err := a.openStore(&o.store)
	if err != nil {
		return err
	}
	if backfill {
		return a.backfillMonth(ctx, st, store, o, month, today)
	}
	return a.fetchToday(ctx, st, store, o, today)
}

// site is the Changjiang client of a fetch, with the address its messages
// name.
type site struct {
	client  *changjiang.Client
	shown   *url.URL // the root without user info
	timeout time.Duration
}

// newSite checks the site's root, from --url, $ALPRICE_QUOTES_URL or the
// default, and makes its client.
func newSite(a *app, o *quotesFetchOptions) (*site, error) {
	base, source := o.url, "--url"
	if base == "" {
		base, source = a.getenv("ALPRICE_QUOTES_URL"), "$ALPRICE_QUOTES_URL"
	}
	if base == "" {
		base, source = defaultQuotesURL, "--url"
	}
	bad := func(err error) error { return &pricing.InputError{Source: source, Value: redactURL(base), Err: err} }
	if u, err := url.Parse(base); err == nil && strings.HasSuffix(strings.TrimSuffix(u.Path, "/"), "/price/priceList") {
		return nil, bad(pricing.Errorf("is the old price-list endpoint, which does not exist: give the site's root, such as %s", defaultQuotesURL))
	}
	c, err := changjiang.New(changjiang.Options{BaseURL: base, Timeout: o.timeout, Version: userAgentVersion(),
		Sleep: fetchSeams.sleep, Now: fetchSeams.now})
	if err != nil {
		var e *changjiang.Error
		if errors.As(err, &e) && e.Field == "BaseURL" {
			return nil, bad(pricing.Errorf("is not the site's root: give an http or https URL with a host, and no query or fragment"))
		}
		return nil, err
	}
	u, _ := url.Parse(base) // New has parsed it
	u.User = nil
	return &site{client: c, shown: u, timeout: o.timeout}, nil
}

// at is the address of a page of the site, without user info.
func (st *site) at(elem ...string) string { return st.shown.JoinPath(elem...).String() }

// userAgentVersion is alprice's version as one word, for the User-Agent:
// "(devel)" becomes "devel".
func userAgentVersion() string {
	v := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '(' || r == ')' {
			return -1
		}
		return r
	}, buildVersion())
	if v == "" {
		v = "devel"
	}
	return v
}

// redactURL returns a URL as text without its user info, even when it
// does not parse: a password never reaches a message.
func redactURL(s string) string {
	if u, err := url.Parse(s); err == nil {
		u.User = nil
		return u.String()
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		scheme, rest = "", s
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	if at := strings.LastIndex(rest[:end], "@"); at >= 0 {
		rest = rest[at+1:]
	}
	if ok {
		return scheme + "://" + rest
	}
	return rest
}

// failure says an error of the client to people: where (the method and
// the address, without user info), what went wrong, how many attempts
// were made when more than one, and that nothing was written. Errors of
// other kinds are returned as they are.
func (st *site) failure(err error, where string) error {
	var e *changjiang.Error
	if !errors.As(err, &e) {
		return err
	}
	if e.URL != "" {
		where = strings.TrimSpace(e.Op + " " + e.URL)
	}
	why := st.kindSentence(e)
	if e.Attempts > 1 {
		why = pricing.Errorf("%w (%d attempts)", why, e.Attempts)
	}
	if where == "" {
		return pricing.Errorf("%w; nothing was written", why)
	}
	return pricing.Errorf("%s: %w; nothing was written", where, why)
}

// kindSentence says what went wrong by the kind of a client's error.
func (st *site) kindSentence(e *changjiang.Error) error {
	value := strconv.Quote(e.Value)
	switch e.Kind {
	case changjiang.KindNetwork:
		if e.Err != nil {
			return pricing.Errorf("cannot be reached, or the answer was cut short: %v", e.Err)
		}
		return pricing.Errorf("cannot be reached, or the answer was cut short")
	case changjiang.KindTimeout:
		return pricing.Errorf("gave no whole answer within %s (--timeout)", st.timeout)
	case changjiang.KindCanceled:
		return pricing.Errorf("was stopped before the answer came")
	case changjiang.KindStatus:
		if e.Value != "" {
			return pricing.Errorf("answered HTTP %d, starting %s", e.Status, value)
		}
		return pricing.Errorf("answered HTTP %d", e.Status)
	case changjiang.KindTooLarge:
		return pricing.Errorf("answered more than %d bytes, which is refused, never cut short", e.Limit)
	case changjiang.KindRedirect:
		return pricing.Errorf("redirected to %s, which is refused: only redirects within the site are followed, and never of the form", value)
	case changjiang.KindEncoding:
		return pricing.Errorf("answered in the Content-Encoding %s, which was not asked for", value)
	case changjiang.KindHTMLPage:
		return pricing.Errorf("answered with an HTML page instead of the price list (an error or verification page?), starting %s", value)
	case changjiang.KindNotJSON:
		return pricing.Errorf("answered with text that is not JSON, starting %s", value)
	case changjiang.KindNotHTML:
		return pricing.Errorf("answered with text that is not a history page, starting %s", value)
	case changjiang.KindUnsuccessful:
		if e.Value != "" {
			return pricing.Errorf("answered success false, refusing, with the message %s", value)
		}
		return pricing.Errorf("answered success false, refusing")
	case changjiang.KindShape:
		return pricing.Errorf("answered JSON that is not the price list expected, {\"body\": {\"priceList\": [...]}}: %s is not as expected", e.Field)
	case changjiang.KindA00Count:
		return pricing.Errorf("answered a price list with %d A00铝 entries; exactly 1 is expected", e.Count)
	case changjiang.KindBadFigure:
		return pricing.Errorf("answered %s %s, which is not a plain decimal (or, for a date, YYYY-MM-DD)", e.Field, value)
	}
	return pricing.Errorf("failed: %v", e)
}

// fetchedDay is the "fetched" member of the JSON of a daily fetch.
type fetchedDay struct {
	Date    string `json:"date"`  // the answer's publishDate: the day stored
	Today   string `json:"today"` // the day asked for, today in Beijing
	Low     string `json:"low"`
	High    string `json:"high"`
	Average string `json:"average"`
	Change  string `json:"change,omitempty"`
}

// fetchToday fetches the day's price list and stores its A00铝 quote under
// the answer's own publishDate.
func (a *app) fetchToday(ctx context.Context, st *site, store *quoteStore, o *quotesFetchOptions, today time.Time) error {
	endpoint := st.at("shop", "historyData", "getCorpStmarketPriceList")
	body, err := st.client.DailyPriceList(ctx)
	if err != nil {
		return st.failure(err, "POST "+endpoint)
	}
	dq, err := changjiang.ParseDailyPriceList(body)
	if err != nil {
		return st.failure(err, "POST "+endpoint)
	}
	q, err := read.PriceListQuote(read.PriceListEntry{PublishDate: dq.PublishDate, MinPrice: dq.MinPrice,
		MaxPrice: dq.MaxPrice, AvgPrice: dq.AvgPrice, HighsLowsAmount: dq.HighsLowsAmount})
	if err != nil {
		ie := pricing.AsInputError(endpoint, err)
		ie.Source, ie.Field = endpoint, "A00铝."+ie.Field
		return ie
	}
	day := pricing.FormatDate(q.Date)
	if q.Date.After(today) {
		return pricing.Errorf("%s: the answer is the quote of %s, after today (%s in Beijing): the site or this machine's clock is wrong; nothing was written",
			endpoint, day, pricing.FormatDate(today))
	}
	if trading, holiday := store.cal.TradingDay(q.Date); !trading {
		if holiday != "" {
			return pricing.Errorf("%s: the answer is the quote of %s, a public holiday (%s): Changjiang does not quote on holidays; nothing was written",
				endpoint, day, holiday)
		}
		return pricing.Errorf("%s: the answer is the quote of %s, a %s: Changjiang does not quote on weekends; nothing was written",
			endpoint, day, q.Date.Weekday())
	}
	j := fetchedDay{Date: day, Today: pricing.FormatDate(today), Low: q.Low.String(), High: q.High.String(), Average: q.Average.String()}
	if q.HasChange {
		j.Change = q.Change.String()
	}
	place := func(int) *pricing.InputError {
		return &pricing.InputError{Source: endpoint, Field: "A00铝.avgPrice", Value: q.Average.String()}
	}
	return a.mergeIntoStoreSaying(store, &o.store, &read.SourceQuotes{Quotes: []pricing.Quote{q}}, place, func(*pricing.Quotes) ([]string, any) {
		note := fmt.Sprintf(a.lang.T("Fetched Changjiang's A00 quote of %s: %s.", "已获取长江现货 %s 的 A00 报价:%s。"), day, quoteText(q))
		if !q.Date.Equal(today) {
			note += fmt.Sprintf(a.lang.T(" It is the site's latest day; today is %s in Beijing.", "这是网站最新的一天;北京时间今天是 %s。"), j.Today)
		}
		return []string{note}, j
	})
}

// fetchedMonth is the "fetched" member of the JSON of a backfill.
type fetchedMonth struct {
	Month        string   `json:"month"`
	Pages        int      `json:"pages"`  // history pages read
	Taken        int      `json:"taken"`  // A00 rows of the month on them
	Status       string   `json:"status"` // complete, gaps, partial, or none
	Days         int      `json:"days"`
	ExpectedDays int      `json:"expected_days"`
	Missing      []string `json:"missing"` // trading days up to the last quote without one
}

// backfillMonth reads the history pages back until month m is covered and
// stores the month's rows.
func (a *app) backfillMonth(ctx context.Context, st *site, store *quoteStore, o *quotesFetchOptions, m pricing.Month, today time.Time) error {
	start := m.First() // the month's first trading day: a walk that reaches it has the month
	if trading, _ := store.cal.Month(m); len(trading) > 0 {
		start = trading[0]
	}
	// Compared by month only: page 1 fresh from the site never starts a
	// year back, so a row dated after today is a clock out of step, refused.
	dating := read.HistoryDating{Year: today.Year(), Month: today.Month()}
	seen := map[time.Time]pricing.Quote{}
	var taken []pricing.Quote
	var takenFrom []string // the page of each quote taken
	var last time.Time     // the row read last, the oldest so far
	notA00 := 0
	pages, err := st.client.HistoryWalk(ctx, maxHistoryPages, func(n int, body []byte) (bool, error) {
		name := st.at("historyprice", "cjxh_"+strconv.Itoa(n)) + "/"
		sq, err := read.ReadHistoryPage(bytes.NewReader(body), name, &dating)
		if err != nil {
			return false, err
		}
		notA00 += sq.NotA00
		for _, q := range sq.Quotes {
			bad := func(err error) error {
				return &pricing.InputError{Source: name, Line: q.Line, Field: "日期", Value: pricing.FormatDate(q.Date), Err: err}
			}
			switch {
			case q.Date.After(today):
				return false, bad(pricing.Errorf("is after today (%s in Beijing): the page or this machine's clock is wrong", pricing.FormatDate(today)))
			case !last.IsZero() && q.Date.After(last):
				return false, bad(pricing.Errorf("comes after %s, an older row: the pages are not newest first, so the years of their dates cannot be told", pricing.FormatDate(last)))
			}
			last = q.Date
			if prev, ok := seen[q.Date]; ok {
				if !sameFigures(prev, q) {
					return false, bad(pricing.Errorf("is given twice with other figures, %s and %s: the answer contradicts itself", quoteText(prev), quoteText(q)))
				}
				continue // a page that moved on as a new day came out
			}
			seen[q.Date] = q
			if pricing.MonthOf(q.Date) == m {
				taken = append(taken, q)
				takenFrom = append(takenFrom, name)
			}
		}
		return !last.IsZero() && !last.After(start), nil
	})
	var ce *changjiang.Error
	switch {
	case errors.As(err, &ce) && ce.Kind == changjiang.KindNotCovered && last.IsZero():
		return pricing.Errorf("%s: %d history pages read without an A00 row; nothing was written", st.at("historyprice"), pages)
	case errors.As(err, &ce) && ce.Kind == changjiang.KindNotCovered:
		return pricing.Errorf("%s: %d history pages read back to %s without reaching %s, the first trading day of %s; nothing was written (save older pages from a browser and import them)",
			st.at("historyprice"), pages, pricing.FormatDate(last), pricing.FormatDate(start), m)
	case err != nil:
		return st.failure(err, "")
	}
	place := func(i int) *pricing.InputError {
		return &pricing.InputError{Source: takenFrom[i], Line: taken[i].Line, Field: "均价", Value: taken[i].Average.String()}
	}
	return a.mergeIntoStoreSaying(store, &o.store, &read.SourceQuotes{Quotes: taken, NotA00: notA00}, place, func(stored *pricing.Quotes) ([]string, any) {
		a.pricedOn(m)
		return monthReport(a.lang, stored, m, pages, len(taken))
	})
}

// sameFigures reports whether two rows of an answer say the same.
func sameFigures(x, y pricing.Quote) bool {
	return x.Average.Equal(y.Average) && x.HasRange == y.HasRange && x.Low.Equal(y.Low) && x.High.Equal(y.High) &&
		x.HasChange == y.HasChange && x.Change.Equal(y.Change)
}

// monthReport says how a backfill went and the status of the month in
// the store: complete, gaps (complete, with missing days), partial, or
// none (no quote at all).
func monthReport(l i18n.Lang, stored *pricing.Quotes, m pricing.Month, pages, taken int) ([]string, any) {
	j := fetchedMonth{Month: m.String(), Pages: pages, Taken: taken, Missing: []string{}}
	notes := []string{fmt.Sprintf(l.T("Read %d history pages; %d rows of %s on them.", "读取了 %d 个历史页面;其中 %d 行属于 %s。"), pages, taken, m)}
	avg, err := stored.Average(m, pricing.Yuan)
	if err != nil {
		j.Status = "none"
		return append(notes, fmt.Sprintf(l.T("%s has no quotes.", "%s 没有报价。"), m)), j
	}
	j.Days, j.ExpectedDays = avg.Days, avg.ExpectedDays
	for _, d := range avg.MissingWeekdays {
		j.Missing = append(j.Missing, pricing.FormatDate(d))
	}
	missing := strings.Join(j.Missing, ", ")
	var note string
	switch {
	case avg.Status == pricing.Partial:
		j.Status = "partial"
		note = fmt.Sprintf(l.T("%s is partial: %d of %d trading days, quoted up to %s.", "%s 未完:%d / %d 个交易日,报价至 %s。"),
			m, avg.Days, avg.ExpectedDays, pricing.FormatDate(avg.Last))
		if missing != "" {
			note += fmt.Sprintf(l.T(" Missing before that: %s.", "此前缺少:%s。"), missing)
		}
	case missing != "":
		j.Status = "gaps"
		note = fmt.Sprintf(l.T("%s is complete with gaps: %d of %d trading days; missing %s.", "%s 已完整但有缺口:%d / %d 个交易日;缺少 %s。"),
			m, avg.Days, avg.ExpectedDays, missing)
	default:
		j.Status = "complete"
		note = fmt.Sprintf(l.T("%s is complete: %d of %d trading days.", "%s 已完整:%d / %d 个交易日。"), m, avg.Days, avg.ExpectedDays)
	}
	return append(notes, note), j
}
