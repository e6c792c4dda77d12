package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"alprice/cmd/alprice/i18n"
	"alprice/cmd/alprice/report"
	"alprice/pricing"
	"alprice/pricing/read"
)

// quotesStoreOptions are the flags every quotes subcommand that writes the
// store shares.
type quotesStoreOptions struct {
	into     string
	replace  bool
	force    bool
	holidays string
}

func (o *quotesStoreOptions) bind(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.into, "into", "", "the quotes store `FILE` (CSV) to add to; made when it does not exist")
	f.BoolVar(&o.replace, "replace", false, "replace a stored day that has other figures, instead of failing")
	f.BoolVar(&o.force, "force", false, "store an average five times or more off the days quoted around it, instead of failing")
	f.StringVar(&o.holidays, "holidays", "", "public holidays `FILE` (CSV date,name) to add to the trading calendar")
}

func newQuotesCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "quotes",
		Short: "Keep a quotes file correct and complete: add, import, fetch, check",
		Long: `Keep one file of Changjiang A00 daily quotes (the store) correct and complete, on
the trading calendar: add a day read off the page, import what was saved or
pasted from Changjiang, fetch the day's quote or backfill a past month from its
site, check a file.

The store is the quotes CSV every pricing command reads (date,low,high,average,
change), sorted by date, one row a date, written through a temporary file; a
merge that changes nothing leaves it byte for byte as it was. A date already
stored with other figures is a conflict: exit 2, each listed (date, stored,
incoming), nothing written — unless --replace. Weekend and holiday rows are
skipped and counted. An average five times or more off the days quoted around
it (2400 after 26000: a digit dropped or added) is an input error naming those
days: exit 2, nothing written, unless --force. An average outside its range, or
more than 8% from the previous trading day's, is a warning naming both days; a
run warns only about the rows it adds or replaces.` + exitStatusHelp,
		Annotations: chinese("维护报价文件的正确与完整:add、import、fetch、check", `按交易日历维护一份长江 A00 每日报价文件(报价库)的正确与完整:添加从网页上
读到的一天,导入从长江有色保存或复制的内容,从其网站获取当天的报价或补齐过去
的一个月,检查一个文件。

报价库就是各定价命令读取的报价 CSV(date,low,high,average,change),按日期
排序,每个日期一行,经临时文件写入;合并后没有变化时文件一字节不变。已存有
不同数据的日期是冲突:退出状态 2,逐条列出(日期、已存、新来),不写入任何内容
—— 除非 --replace。周末和节假日的行被跳过并计数。均价与前后有报价的交易日相差
5 倍以上(26000 之后的 2400:多写或漏写了一位数字)是输入错误,写明那几天:退出
状态 2,不写入任何内容,除非 --force。均价超出区间,或与上一交易日相差超过 8%,
给出警告并写明这两天;每次运行只就它新增或替换的行给出警告。`+exitStatusHelpZH),
		Example: `  alprice quotes add 2026-03-02 23620 --low 23600 --high 23640 --change +130 --into quotes.csv
  alprice quotes import page.html --year 2026 --into quotes.csv
  alprice quotes fetch --into quotes.csv
  alprice quotes fetch --month 2026-07 --into quotes.csv && alprice settle ... --quotes quotes.csv
  alprice quotes check quotes.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newQuotesAddCmd(a), newQuotesImportCmd(a), newQuotesFetchCmd(a), newQuotesCheckCmd(a))
	return cmd
}

type quotesAddOptions struct {
	store             quotesStoreOptions
	low, high, change string
	none              string
}

func newQuotesAddCmd(a *app) *cobra.Command {
	o := &quotesAddOptions{}
	cmd := &cobra.Command{
		Use:   "add DATE [AVERAGE]",
		Short: "Add or confirm one day's A00 quote in the store, or declare a day without one",
		Long: `Add one day's Changjiang A00 quote, read off the page, to the store: the same
day with the same figures changes nothing ("already there"); with other figures
it is a conflict (exit 2) unless --replace. A weekend day or a public holiday is
refused with the reason: Changjiang does not quote then; so is a day after today.

A trading day Changjiang really published no quote for is declared with --none
and the reason, instead of an average: the month's average is then complete
without it (rule 2.1: only a complete month prices as final). Never declare a day
only because its quote is not at hand: add the quote.` + exitStatusHelp,
		Annotations: chinese("在报价库中添加或确认一天的 A00 报价,或声明某日无报价", `把从网页上读到的一天长江 A00 报价加入报价库:同一天数据相同则不作改变
("已存在");数据不同则为冲突(退出状态 2),除非 --replace。周末或法定节假日
会被拒绝并说明原因:长江现货这些日子不报价;晚于今天的日期也会被拒绝。

长江确实未发布报价的交易日,用 --none 加原因声明,而不是给出均价:该月均价
不计这一天也算完整(第 2.1 条:只有完整月份才按最终价定价)。不要仅因手头没有
报价就声明:请补录报价。`+exitStatusHelpZH),
		Example: `  alprice quotes add 2026-03-02 23620 --low 23600 --high 23640 --change +130 --into quotes.csv
  alprice quotes add 2026-01-23 --none "no quote published: system maintenance" --into quotes.csv`,
		Args: func(cmd *cobra.Command, args []string) error {
			if o.none != "" {
				return exactArgs("DATE")(cmd, args)
			}
			return exactArgs("DATE", "AVERAGE")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			average := ""
			if len(args) > 1 {
				average = args[1]
			}
			return runQuotesAdd(a, o, args[0], average)
		},
	}
	o.store.bind(cmd)
	f := cmd.Flags()
	f.StringVar(&o.low, "low", "", "the day's lowest `PRICE`")
	f.StringVar(&o.high, "high", "", "the day's highest `PRICE`")
	f.StringVar(&o.change, "change", "", "the `CHANGE` against the previous trading day, such as +80 or -40")
	f.StringVar(&o.none, "none", "", "declare DATE a trading day Changjiang published no quote for, for this `REASON`")
	return cmd
}

func runQuotesAdd(a *app, o *quotesAddOptions, dateText, average string) error {
	date, err := pricing.ParseDate(dateText)
	if err != nil {
		return flagError("DATE", dateText, err)
	}
	q := pricing.Quote{Date: date, None: strings.TrimSpace(o.none)}
	if err := read.CheckName(q.None); err != nil {
		return flagError("none", q.None, err) // the store reader would refuse it, and the store with it
	}
	if q.None != "" {
		if o.low != "" || o.high != "" || o.change != "" {
			return usageError{pricing.Errorf("--none declares a day without a quote: give no --low, --high or --change with it")}
		}
	} else {
		if q.Average, err = pricing.ParseMoney(average); err == nil && !q.Average.IsPositive() {
			err = pricing.Errorf("is not positive")
		}
		if err != nil {
			return flagError("AVERAGE", average, err)
		}
	}
	if (o.low == "") != (o.high == "") {
		return usageError{pricing.Errorf("give both --low and --high, or neither")}
	}
	if o.low != "" {
		if q.Low, err = pricing.ParseMoney(o.low); err != nil {
			return flagError("low", o.low, err)
		}
		if q.High, err = pricing.ParseMoney(o.high); err != nil {
			return flagError("high", o.high, err)
		}
		q.HasRange = true
		// Held to the store reader's rules, which would refuse the store
		// it was written into.
		switch {
		case q.Low.GreaterThan(q.High):
			return flagError("low", o.low, pricing.Errorf("is above high (%s)", o.high))
		case q.None == "" && (q.Average.LessThan(q.Low) || q.Average.GreaterThan(q.High)):
			return flagError("AVERAGE", average, pricing.Errorf("%w %s-%s", pricing.ErrOutsideRange, q.Low, q.High))
		}
	}
	if o.change != "" {
		if q.Change, err = pricing.ParseSignedMoney(o.change); err != nil {
			return flagError("change", o.change, err)
		}
		q.HasChange = true
	}
	store, err := a.openStore(&o.store)
	if err != nil {
		return err
	}
	if trading, holiday := store.cal.TradingDay(date); !trading {
		why := pricing.Errorf("is a %s: Changjiang does not quote on weekends", date.Weekday())
		if holiday != "" {
			why = pricing.Errorf("is a public holiday, %s: Changjiang does not quote on holidays", holiday)
		}
		return flagError("DATE", dateText, why)
	}
	if today := store.cal.Today(); date.After(today) {
		return flagError("DATE", dateText, read.FutureDate(today))
	}
	return a.mergeIntoStore(store, &o.store, &read.SourceQuotes{Quotes: []pricing.Quote{q}}, func(int) *pricing.InputError {
		return &pricing.InputError{Source: "AVERAGE", Value: average}
	})
}

type quotesImportOptions struct {
	store quotesStoreOptions
	from  string
	date  string
	year  int
}

func newQuotesImportCmd(a *app) *cobra.Command {
	o := &quotesImportOptions{}
	cmd := &cobra.Command{
		Use:   "import SOURCE...",
		Short: "Import quotes saved or pasted from Changjiang into the store",
		Long: `Import what users save or copy from Changjiang Nonferrous into the store, each
source detected by its content (or --from):

  text  text pasted from the page, a quote a line: "A00铝 23660-23700 23680 +80"
        (or "24,370—24,410 24,390": comma groups, any dash or tilde between low and high),
        or run together as the home page renders it, "A00铝23660-2370023680+80"
        (split by low ≤ average ≤ high; a line that splits more ways is refused);
        the date from a leading YYYY-MM-DD on the line, or --date
  html  the history page (historyprice/cjxh_1/) saved as HTML, GBK or UTF-8: dates
        are MM-DD, the year of the newest row from --year, else the latest that puts
        no row after today (and said); a page that spans New Year puts December in
        the year before
  json  the price-list endpoint's answer saved to a file
  csv   another quotes file, to merge two stores

Only A00 rows are taken; other products are counted as skipped. "-" reads stdin.` + exitStatusHelp,
		Annotations: chinese("把从长江有色保存或粘贴的报价导入报价库", `把用户从长江有色金属网保存或复制的内容导入报价库,按内容识别每个来源
(或用 --from 指定):

  text  从网页粘贴的文本,每行一条报价:"A00铝 23660-23700 23680 +80"
        (或 "24,370—24,410 24,390":可带千位逗号,最低与最高之间可用任一连字符、破折号或波浪号),
        或首页显示的连写形式 "A00铝23660-2370023680+80"(按 最低 ≤ 均价 ≤ 最高
        拆分;能拆成多种方式的行会被拒绝);日期取自行首的 YYYY-MM-DD,或 --date
  html  另存为 HTML 的历史价格页(historyprice/cjxh_1/),GBK 或 UTF-8:日期为
        MM-DD,最新一行的年份由 --year 给出,否则取使任何一行都不晚于今天的最近年份
        (并加以说明);跨年的页面中十二月属于上一年
  json  保存到文件的价格列表接口应答
  csv   另一个报价文件,用于合并两个报价库

只取 A00 行;其他品种计为跳过。"-" 读标准输入。`+exitStatusHelpZH).with(argFiles, "SOURCE"),
		Example: `  pbpaste | alprice quotes import - --date 2026-03-02 --into quotes.csv
  alprice quotes import cjxh_1.html --year 2026 --into quotes.csv
  alprice quotes import pricelist.json other-quotes.csv --into quotes.csv`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runQuotesImport(a, o, args) },
	}
	o.store.bind(cmd)
	f := cmd.Flags()
	f.StringVar(&o.from, "from", "", "the kind of every SOURCE, `text|html|json|csv` (default: detected)")
	f.StringVar(&o.date, "date", "", "the `YYYY-MM-DD` of pasted lines that give none")
	f.IntVar(&o.year, "year", 0, "the `YEAR` of an HTML page's first (newest) row (default: the latest that puts no row after today)")
	return cmd
}

func runQuotesImport(a *app, o *quotesImportOptions, sources []string) error {
	var from read.QuoteSource
	var err error
	if o.from != "" {
		if from, err = read.ParseQuoteSource(o.from); err != nil {
			return flagError("from", o.from, err)
		}
	}
	var date *time.Time
	if o.date != "" {
		d, err := pricing.ParseDate(o.date)
		if err != nil {
			return flagError("date", o.date, err)
		}
		date = &d
	}
	if o.year != 0 && (o.year < pricing.MinYear || o.year > pricing.MaxYear) {
		return flagError("year", fmt.Sprint(o.year), pricing.Errorf("is outside %d–%d", pricing.MinYear, pricing.MaxYear))
	}
	store, err := a.openStore(&o.store)
	if err != nil {
		return err
	}
	all := &read.SourceQuotes{}
	type span struct {
		end   int // the index in all.Quotes after the source's last quote
		place func(pricing.Quote) *pricing.InputError
	}
	var spans []span
	for _, src := range sources {
		data, err := a.readAllInput("SOURCE", src)
		if err != nil {
			return err
		}
		kind := from
		if kind == "" {
			kind = read.DetectQuoteSource(data[:min(len(data), 4096)])
		}
		sq, inferred, err := readQuoteSource(data, inputName(src), kind, date, o.year, store.cal)
		if err != nil {
			return flagWords(err)
		}
		if inferred && len(sq.Quotes) > 0 {
			a.warn(a.lang.T("%s: its dates have no year: the newest row is taken as %s, the latest such day not after today (%s); give --year to say otherwise",
				"%s:日期不带年份:最新一行按 %s 计,即不晚于今天(%s)的最近一天;如不是,请给出 --year"),
				inputName(src), pricing.FormatDate(sq.Quotes[0].Date), pricing.FormatDate(store.cal.Today()))
		}
		all.Quotes = append(all.Quotes, sq.Quotes...)
		all.NotA00 += sq.NotA00
		all.Closed += sq.Closed
		spans = append(spans, span{len(all.Quotes), averagePlace(inputName(src), kind, sq.Fields)})
	}
	return a.mergeIntoStore(store, &o.store, all, func(i int) *pricing.InputError {
		k, _ := slices.BinarySearchFunc(spans, i+1, func(s span, end int) int { return s.end - end })
		return spans[k].place(all.Quotes[i])
	})
}

// averagePlace places a quote's average in the source it was read from,
// named as the source names it: the history page's column (a pasted line
// is the page's row, its average under 均价), the price list's entry, the
// quotes file's column as its header names it (fields).
func averagePlace(name string, from read.QuoteSource, fields map[string]string) func(pricing.Quote) *pricing.InputError {
	return func(q pricing.Quote) *pricing.InputError {
		e := &pricing.InputError{Source: name, Line: q.Line, Field: "均价", Value: q.Average.String()}
		switch from {
		case read.SourceJSON:
			e.Field, e.Line = fmt.Sprintf("priceList[%d].avgPrice", q.Line-1), 0 // Line is the entry's number
		case read.SourceCSV:
			e.Field = fields["average"]
		}
		return e
	}
}

// readQuoteSource reads one source of quotes of the kind from. A history
// page's MM-DD dates take year for its newest row; without one, the year
// is inferred so that no row lies after today, and inferred says so.
func readQuoteSource(data []byte, name string, from read.QuoteSource, date *time.Time, year int, cal *pricing.Calendar) (sq *read.SourceQuotes, inferred bool, err error) {
	switch from {
	case read.SourceHTML:
		dating := read.HistoryDating{Year: year}
		if year == 0 {
			dating, inferred = read.DatingFrom(cal.Today()), true
		}
		sq, err = read.ReadHistoryPage(bytes.NewReader(data), name, &dating)
		return sq, inferred, err
	case read.SourceJSON:
		sq, err = read.ReadPriceListJSON(bytes.NewReader(data), name)
		return sq, false, err
	case read.SourceCSV:
		q, err := read.ReadQuotes(bytes.NewReader(data), name, read.AutoEncoding, cal)
		if err != nil {
			return nil, false, err
		}
		rows := append(slices.Clip(q.Days), q.Declared...)
		return &read.SourceQuotes{Quotes: rows, Closed: len(q.Excluded), Fields: q.Fields}, false, nil
	}
	sq, err = read.ReadPastedQuotes(bytes.NewReader(data), name, date)
	return sq, false, err
}

// quoteStore is the store being added to.
type quoteStore struct {
	path   string
	cal    *pricing.Calendar
	quotes []pricing.Quote // read under the lock (readStore)
	before []byte          // the file as it was; nil when new
}

// openStore starts on the store --into names: it is read under its lock,
// by the merge, once the sources have been read.
func (a *app) openStore(o *quotesStoreOptions) (*quoteStore, error) {
	if o.into == "" {
		return nil, usageError{pricing.Errorf("give the quotes store with --into FILE")}
	}
	cal, err := a.calendar(o.holidays)
	if err != nil {
		return nil, err
	}
	return &quoteStore{path: o.into, cal: cal}, nil
}

// mergeIntoStore merges quotes into the store, writes it when it changed,
// and reports what happened: conflicts without --replace, and outliers
// without --force, are an error and nothing is written.
func (a *app) mergeIntoStore(s *quoteStore, o *quotesStoreOptions, in *read.SourceQuotes, place quotePlace) error {
	return a.mergeIntoStoreSaying(s, o, in, place, nil)
}

// quotePlace places the incoming quote of index i for an error about its
// average: the source and line it came from, the field and the text.
type quotePlace func(i int) *pricing.InputError

// mergeReport is what a command adds to the report of a merge, from the
// store as merged: notes said after the summary, and the value of the
// JSON's "fetched" member (nil for none).
type mergeReport func(stored *pricing.Quotes) (notes []string, fetched any)

// mergeIntoStoreSaying is mergeIntoStore, its report completed by more
// (which may be nil).
func (a *app) mergeIntoStoreSaying(s *quoteStore, o *quotesStoreOptions, in *read.SourceQuotes, place quotePlace, more mergeReport) error {
	unlock, err := a.lockStore(context.Background(), s.path, a.command)
	if err != nil {
		return err
	}
	defer unlock()
	if err := a.readStore(s); err != nil {
		return err
	}
	res := pricing.MergeQuotes(s.quotes, in.Quotes, s.cal, o.replace)
	res.Closed += in.Closed
	if len(res.Conflicts) > 0 && !o.replace {
		var lines []error
		for _, c := range res.Conflicts {
			lines = append(lines, pricing.Errorf("  %s: stored %s, incoming %s", pricing.FormatDate(c.Date), quoteText(c.Stored), quoteText(c.Incoming)))
		}
		if len(res.Conflicts) == 1 {
			return pricing.Errorf("%s: 1 date is stored with other figures; nothing was written (--replace takes the incoming one):\n%w", s.path, lines[0])
		}
		return pricing.Errorf("%s: %d dates are stored with other figures; nothing was written (--replace takes the incoming ones):\n%w",
			s.path, len(res.Conflicts), errors.Join(lines...))
	}
	if len(res.Outliers) > 0 && !o.force {
		var errs pricing.ErrorList
		for _, x := range res.Outliers {
			e := place(x.Incoming)
			e.Err, e.Hint = x.Err, pricing.Errorf("correct it, or give --force to store it as it is; nothing was written")
			errs = append(errs, e)
		}
		return errs
	}
	var buf bytes.Buffer
	if err := read.WriteQuotes(&buf, res.Quotes); err != nil {
		return err
	}
	if !bytes.Equal(buf.Bytes(), s.before) {
		if err := a.output.write(s.path, buf.Bytes()); err != nil {
			return err
		}
	}
	for _, n := range res.Warnings {
		a.warn("%s %s: %s", s.path, pricing.FormatDate(n.Date), a.lang.Say(n.Why))
	}
	stored := pricing.NewQuotes(s.path, res.Quotes, s.cal)
	a.quotesRead = append(a.quotesRead, stored) // for the years without a holiday schedule
	var notes []string
	var fetched any
	if more != nil {
		notes, fetched = more(stored)
	}
	return a.emit(result{
		doc: func() report.Doc {
			doc := mergeDoc(a.lang, s.path, res, in.NotA00, stored)
			doc.Notes = append(doc.Notes, notes...)
			return doc
		},
		json: func() any {
			j := mergeJSON(res, in.NotA00, stored)
			j.Fetched = fetched
			return j
		},
	})
}

// quoteText writes a quote's figures for a message: "23680 (23660-23700, +80)".
func quoteText(q pricing.Quote) string {
	s := q.Average.String()
	var more []string
	if q.HasRange {
		more = append(more, q.Low.String()+"-"+q.High.String())
	}
	if q.HasChange {
		more = append(more, signed(q.Change.String()))
	}
	if len(more) > 0 {
		s += " (" + strings.Join(more, ", ") + ")"
	}
	return s
}

func signed(s string) string {
	if !strings.HasPrefix(s, "-") && s != "0" {
		return "+" + s
	}
	return s
}

type mergeMonthJSON struct {
	Month        string `json:"month"`
	Days         int    `json:"days"`
	ExpectedDays int    `json:"expected_days"`
	Status       string `json:"status"`
}

type mergeJSONOut struct {
	Store     string           `json:"store"`
	Added     int              `json:"added"`
	Unchanged int              `json:"unchanged"`
	Replaced  int              `json:"replaced"`
	Conflicts int              `json:"conflicts"`
	Skipped   map[string]int   `json:"skipped"`
	Months    []mergeMonthJSON `json:"months"`
	Fetched   any              `json:"fetched,omitempty"` // what quotes fetch fetched
}

func mergeJSON(res *pricing.MergeResult, notA00 int, stored *pricing.Quotes) mergeJSONOut {
	j := mergeJSONOut{Store: stored.Source, Added: res.Added, Unchanged: res.Unchanged, Replaced: res.Replaced, Conflicts: len(res.Conflicts),
		Skipped: map[string]int{"not_a00": notA00, "weekend_or_holiday": res.Closed}, Months: []mergeMonthJSON{}}
	for _, a := range stored.MonthStatuses() {
		j.Months = append(j.Months, mergeMonthJSON{a.Month.String(), a.Days, a.ExpectedDays, string(a.Status)})
	}
	return j
}

func mergeDoc(l i18n.Lang, path string, res *pricing.MergeResult, notA00 int, stored *pricing.Quotes) report.Doc {
	t := report.Table{Columns: columns(l, "month", "days", "expected_days", "status")}
	for _, a := range stored.MonthStatuses() {
		t.Rows = append(t.Rows, []report.Cell{report.Str(a.Month.String()), report.Int(a.Days), report.Int(a.ExpectedDays), statusCell(l, a.Status)})
	}
	summary := fmt.Sprintf(l.T("added %d, unchanged %d, conflicts %d, skipped %d (not A00: %d, weekend/holiday: %d)",
		"新增 %d,未变 %d,冲突 %d,跳过 %d(非A00:%d,周末/节假日:%d)"),
		res.Added, res.Unchanged, len(res.Conflicts), notA00+res.Closed, notA00, res.Closed)
	if res.Replaced > 0 {
		summary += fmt.Sprintf(l.T("; replaced %d", ";已替换 %d"), res.Replaced)
	}
	return report.Doc{Title: l.T("Quotes store · ", "报价库 · ") + path, Tables: []report.Table{t}, Notes: []string{summary}}
}

func newQuotesCheckCmd(a *app) *cobra.Command {
	var holidays string
	cmd := &cobra.Command{
		Use:   "check FILE",
		Short: "Lint a quotes file without pricing anything",
		Long: `Lint a quotes file: rows dated on a weekend or a public holiday, duplicate dates,
trading days missing in each month the file has moved past, months without any quote
between quoted ones, a last month cut off though it has ended (the days after the last
quote of a month still in progress are to come, not missing), averages outside their
range, change columns that disagree with the previous day, jumps of more than 8%
between trading days, and averages five times or more off the days around them.` + `

EXIT STATUS
  0  nothing found
  1  something found (the output lists it)
  2  usage or input error: a value that does not parse, a ragged row
  130, 143  interrupted by SIGINT (Ctrl-C) or SIGTERM`,
		Annotations: chinese("只检查报价文件,不作任何定价", `检查报价文件:日期在周末或法定节假日的行、重复日期、文件已越过的每个月份中缺少
的交易日、前后均有报价而整月无报价的月份、已结束却在中途截止的最后一个月(仍在进行
中的月份,其末次报价之后的日子尚未到来,不算缺少)、超出价格区间的均价、与上一日
不符的涨跌、交易日之间超过 8% 的跳变,以及与前后交易日相差 5 倍以上的均价。

退出状态
  0  没有发现问题
  1  发现问题(输出列出)
  2  用法或输入错误:数值无法解析、行的字段数不齐
  130, 143  被 SIGINT(Ctrl-C)或 SIGTERM 中断`).with(argFiles, "FILE"),
		Example: `  alprice quotes check quotes.csv`,
		Args:    exactArgs("FILE"),
		RunE:    func(cmd *cobra.Command, args []string) error { return runQuotesCheck(a, args[0], holidays) },
	}
	cmd.Flags().StringVar(&holidays, "holidays", "", "public holidays `FILE` (CSV date,name) to add to the trading calendar")
	return cmd
}

// quoteFinding is one thing quotes check found.
type quoteFinding struct {
	Date string `json:"date"`
	Line int    `json:"line"`
	What string `json:"what"`
}

func runQuotesCheck(a *app, path, holidays string) error {
	cal, err := a.calendar(holidays)
	if err != nil {
		return err
	}
	in := csvInput{flag: "quotes", path: path, encoding: "auto"}
	var findings []quoteFinding
	var figures pricing.ErrorList
	q, err := readInput(a, &in, func(r io.Reader, name string, enc read.Encoding) (*pricing.Quotes, error) {
		q, f, err := read.LintQuotes(r, name, enc, cal)
		figures = f
		return q, err
	})
	if err != nil {
		return err
	}
	for _, e := range figures {
		findings = append(findings, quoteFinding{Date: e.Value, Line: e.Line, What: a.lang.SayError(e.Err)})
	}
	if q != nil {
		for _, n := range q.Excluded {
			findings = append(findings, quoteFinding{pricing.FormatDate(n.Date), n.Line, a.lang.Say(n.Why)})
		}
		for _, n := range q.Warnings {
			if n.Why.Code == "quote.change" {
				findings = append(findings, quoteFinding{pricing.FormatDate(n.Date), n.Line, a.lang.Say(n.Why)})
			}
		}
		merged := pricing.MergeQuotes(nil, q.Days, cal, false)
		for _, n := range merged.Warnings {
			findings = append(findings, quoteFinding{pricing.FormatDate(n.Date), n.Line, a.lang.Say(n.Why)})
		}
		for _, o := range merged.Outliers {
			findings = append(findings, quoteFinding{pricing.FormatDate(o.Quote.Date), o.Quote.Line, a.lang.SayError(o.Err)})
		}
		for _, avg := range q.MonthStatuses() {
			for _, d := range avg.MissingWeekdays {
				findings = append(findings, quoteFinding{Date: pricing.FormatDate(d), What: a.lang.T("a trading day without a quote", "交易日无报价")})
			}
		}
		if st := q.MonthStatuses(); len(st) > 0 {
			// The store's last month, cut off though the month has ended:
			// its days after the last quote are behind, not to come.
			last := st[len(st)-1]
			if last.Status == pricing.Partial && pricing.MonthOf(cal.Today()) > last.Month {
				findings = append(findings, quoteFinding{Date: last.Month.String(), What: fmt.Sprintf(a.lang.T(
					"the quotes stop at %s: %d trading days of the month are not in the file, though the month has ended",
					"报价止于 %s:该月已结束,仍有 %d 个交易日不在文件中"), pricing.FormatDate(last.Last), last.NotYetQuoted)})
			}
		}
		for _, m := range q.MissingMonths() {
			findings = append(findings, quoteFinding{Date: m.String(), What: a.lang.T("a month without any quote, between months with quotes",
				"整月无报价(前后月份均有报价)")})
		}
		slices.SortStableFunc(findings, func(x, y quoteFinding) int { return strings.Compare(x.Date, y.Date) })
	}
	if err := a.emit(result{
		doc: func() report.Doc {
			t := report.Table{Columns: columns(a.lang, "date", "line", "what")}
			for _, f := range findings {
				line := report.Empty
				if f.Line > 0 {
					line = report.Int(f.Line)
				}
				t.Rows = append(t.Rows, []report.Cell{report.Str(f.Date), line, report.Str(f.What)})
			}
			doc := report.Doc{Title: a.lang.T("Quotes check · ", "报价检查 · ") + inputName(path), Tables: []report.Table{t}}
			if len(findings) == 0 {
				doc.Notes = []string{a.lang.T("Nothing found.", "未发现问题。")}
			}
			return doc
		},
		json: func() any {
			out := []quoteFinding{}
			return struct {
				OK       bool           `json:"ok"`
				Findings []quoteFinding `json:"findings"`
			}{len(findings) == 0, append(out, findings...)}
		},
	}); err != nil {
		return err
	}
	if len(findings) > 0 {
		return found(pricing.Errorf("%s: %d findings, listed in the output", inputName(path), len(findings)))
	}
	return nil
}
