package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"alprice/cmd/alprice/i18n"
	"alprice/cmd/alprice/report"
	"alprice/pricing"
)

type tableOptions struct {
	agreementsPath string
	agreementID    string
	quotes         quotesFlags
	months         monthFlags
	provisional    bool
	notice         bool
}

func newTableCmd(a *app) *cobra.Command {
	o := &tableOptions{}
	cmd := &cobra.Command{
		Use:   "table",
		Short: "Print the supply-agreement price table for every buyer and month",
		Long: `Print the molten-aluminium price of each agreement for each supply month: the
terms version in force, the benchmark month (pricing_month: previous prices a
month on the month before), that month's Changjiang A00 average with the
agreement's rounding (rule 2.1), the deductions by kind — transport (2.2),
casting, burn loss, other fees (2.3), coal pass-through — the premiums (2.4),
and the unit price with and without VAT.

A supply month before an agreement's first terms version is left out with a note.
A month whose benchmark month has no quotes, or is not complete (its quotes stop
before its last trading day), has no price: its row says why, the other rows are
printed, and the exit status is 1. --provisional prices a month not yet complete
on the quotes so far, and marks the output PROVISIONAL (暂定价).` + `

EXIT STATUS
  0  every month asked for is priced
  1  a month could not be priced (no quotes, or not complete without --provisional)
  2  usage or input error: nothing was written to stdout or --out
  130, 143  interrupted by SIGINT (Ctrl-C) or SIGTERM: an existing --out file is left as it was`,
		Annotations: chinese("打印每个需方每个月的供货协议价格表", `打印每份协议每个供货月份的铝液价格:有效的条款版本、基准月份(pricing_month:
previous 表示按上一个月定价)、该月长江 A00 均价按协议的取整方式(第 2.1 条)、
按类别列出的扣减 —— 运费(2.2)、铸造费、烧损、其他费用(2.3)、煤价让利 ——
上浮(2.4),以及含税与不含税单价。

早于协议首个条款版本的供货月份不列出,并附说明。基准月份没有报价或尚未结束
(报价止于其最后一个交易日之前)的月份没有价格:该行说明原因,其他行照常打印,
退出状态为 1。--provisional 按至今的报价为尚未结束的月份定价,并在输出中标为
PROVISIONAL(暂定价)。

退出状态
  0  所要求的每个月都已定价
  1  有月份无法定价(没有报价,或未加 --provisional 且尚未结束)
  2  用法或输入错误:标准输出和 --out 都未写入任何内容`+exitInterruptedZH),
		Example: `  alprice table --agreements testdata/agreements.yaml --quotes testdata/quotes-2026-h1.csv --from 2026-01 --to 2026-06
  alprice table --agreements testdata/agreements.yaml --quotes testdata/quotes-2026-h1.csv --agreement ZD-2026-002 --month 2026-04 --lang zh`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runTable(a, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.agreementsPath, "agreements", "", "agreements `FILE` (YAML); - for stdin")
	f.StringVar(&o.agreementID, "agreement", "", "only the agreement with this `ID` (or buyer name)")
	o.quotes.bind(f, "Changjiang A00 daily quotes `FILE` (CSV)")
	o.months.bind(f, "supply month (default: every month of the quotes file)")
	f.BoolVar(&o.provisional, "provisional", false, "price months whose quotes are not all in yet, marked PROVISIONAL")
	f.BoolVar(&o.notice, "notice", false, "with --format html: a price notice (价格通知函) to each buyer for each month, with the chart of the last 12 months")
	return cmd
}

// agreementPrices is the price table of one agreement.
type agreementPrices struct {
	agreement *pricing.Agreement
	rows      []tableRow // in month order
	skipped   []string   // supply months without terms
}

// tableRow is a supply month of the price table: its price, or why it has
// none.
type tableRow struct {
	price       *pricing.MonthPrice
	unavailable *unavailableMonth
}

// unavailableMonth is a supply month without a price, and why.
type unavailableMonth struct {
	month, benchmarkMonth pricing.Month
	terms                 pricing.Terms
	average               *pricing.Average // of the benchmark month when it has quotes
	reason                error
}

func runTable(a *app, o *tableOptions) error {
	if o.agreementsPath == "" {
		return usageError{pricing.Errorf("give the agreements with --agreements FILE")}
	}
	if err := o.months.check(); err != nil {
		return err
	}
	if o.notice && a.format != "html" {
		return usageError{pricing.Errorf("--notice writes price notices as HTML: give --format html or --out FILE.html")}
	}
	agreements, err := a.readAgreements(o.agreementsPath)
	if err != nil {
		return err
	}
	chosen := agreements.List
	if o.agreementID != "" {
		ag, err := agreements.Choose(o.agreementID)
		if err != nil {
			return err
		}
		chosen = []pricing.Agreement{*ag}
	}
	q, err := a.readQuotes(&o.quotes, agreements)
	if err != nil {
		return err
	}
	months, err := o.months.months(q.Months())
	if err != nil {
		return err
	}
	var tables []agreementPrices
	for i := range chosen {
		ag := &chosen[i]
		t := agreementPrices{agreement: ag}
		for _, m := range months {
			if _, err := ag.TermsFor(m); err != nil {
				t.skipped = append(t.skipped, m.String())
				continue
			}
			mp, err := ag.PriceMonth(m, q, o.provisional)
			if errors.Is(err, pricing.ErrNoQuotes) || errors.Is(err, pricing.ErrPartialMonth) {
				terms, _ := ag.TermsFor(m)
				u := unavailableMonth{month: m, benchmarkMonth: terms.PricingMonth.BenchmarkMonth(m), terms: terms, reason: err}
				if avg, err := q.Average(u.benchmarkMonth, terms.AverageRounding); err == nil {
					u.average = &avg
					a.pricedOn(u.benchmarkMonth)
				}
				t.rows = append(t.rows, tableRow{unavailable: &u})
				continue
			}
			if err != nil {
				return err
			}
			a.pricedOn(mp.Average.Month)
			t.rows = append(t.rows, tableRow{price: &mp})
		}
		tables = append(tables, t)
	}
	doc := func() report.Doc {
		doc := priceTableDoc(a.lang, agreements.Seller.Name, q.Source, tables)
		if len(months) > 1 {
			doc.Charts = []report.Chart{priceChart(a.lang, q, months, tables)}
		}
		return doc
	}
	r := result{doc: doc, json: func() any { return priceTableJSON(a.lang, agreements.Seller.Name, tables) }}
	if o.notice {
		r.html = func() (report.HTML, error) { return noticeHTML(a.lang, agreements, q, tables) }
	}
	if err := a.emit(r); err != nil {
		return err
	}
	var unavailable []error
	for _, t := range tables {
		for _, r := range t.rows {
			if r.unavailable != nil {
				unavailable = append(unavailable, r.unavailable.reason) // it names the agreement and the month
			}
		}
	}
	if len(unavailable) > 0 {
		return foundAll(unavailable)
	}
	return nil
}

// unavailableJSON is a supply month of the price table without a price.
type unavailableJSON struct {
	Agreement       string `json:"agreement"`
	Buyer           string `json:"buyer"`
	Month           string `json:"month"`
	BenchmarkMonth  string `json:"benchmark_month"`
	BenchmarkDays   int    `json:"benchmark_days"`
	BenchmarkExp    int    `json:"benchmark_expected_days"`
	BenchmarkStatus string `json:"benchmark_status"`
	Unavailable     string `json:"unavailable"`
	UnavailableEN   string `json:"unavailable_en"` // in English, for scripts, whatever the run's language
}

// status is the benchmark_status of a month without a price: its
// benchmark month's status ("gaps", "partial"), or "missing" (no quotes).
func (u unavailableMonth) status() string {
	if u.average != nil {
		return string(u.average.Status)
	}
	return "missing"
}

// priceTableJSON is an array of the quote objects of alprice quote, and
// for a month without a price an object saying why; both in month order.
func priceTableJSON(l i18n.Lang, seller string, tables []agreementPrices) []any {
	out := []any{}
	for _, t := range tables {
		for _, r := range t.rows {
			if r.price != nil {
				out = append(out, monthQuote(seller, t.agreement, *r.price).json(l))
				continue
			}
			u := r.unavailable
			uj := unavailableJSON{Agreement: t.agreement.ID, Buyer: t.agreement.Buyer.Name, Month: u.month.String(),
				BenchmarkMonth: u.benchmarkMonth.String(), BenchmarkStatus: u.status(), Unavailable: l.SayError(u.reason),
				UnavailableEN: i18n.English.SayError(u.reason)}
			if u.average != nil {
				uj.BenchmarkDays, uj.BenchmarkExp = u.average.Days, u.average.ExpectedDays
			}
			out = append(out, uj)
		}
	}
	return out
}

// kindTotals sums a build-up's lines into the table's columns.
func kindTotals(p pricing.Price) map[pricing.Kind]decimal.Decimal {
	sums := map[pricing.Kind]decimal.Decimal{}
	for _, line := range p.Lines {
		sums[line.Kind] = sums[line.Kind].Add(line.Amount)
	}
	return sums
}

// tableKinds are the build-up columns of the price table, in order: the
// columns between benchmark and unit_price.
var tableKinds = []pricing.Kind{pricing.Transport, pricing.Casting, pricing.BurnLoss, pricing.Coal, pricing.Fee, pricing.Premium, pricing.Rounded}

func priceTableDoc(l i18n.Lang, seller, quotesSource string, tables []agreementPrices) report.Doc {
	cols := columns(l, "-agreement", "-buyer", "month:supply", "terms_from", "benchmark_month", "benchmark_days", "benchmark",
		"transport", "casting", "burn_loss", "coal", "fee", "premium", "rounding:line", "unit_price", "unit_price_excl_vat", "+benchmark_status")

	var months []pricing.Month
	for _, t := range tables {
		for _, r := range t.rows {
			if r.price != nil {
				months = append(months, r.price.Month)
			} else {
				months = append(months, r.unavailable.month)
			}
		}
	}
	doc := report.Doc{Title: l.T("Molten aluminium price table", "铝液价格表") + periodTitle(l, months)}
	if seller != "" {
		doc.Title += l.T(" · seller ", " · 供方 ") + seller
	}
	var provisional []string
	for _, t := range tables {
		ag := t.agreement
		table := report.Table{
			Title:     fmt.Sprintf(l.T("Agreement %s · buyer %s", "协议 %s · 需方 %s"), ag.ID, ag.Buyer.Name),
			SheetName: report.SheetName(ag.ID, ag.Buyer.Name),
			Columns:   cols,
		}
		for _, r := range t.rows {
			if r.unavailable != nil {
				table.Rows = append(table.Rows, unavailableRow(l, ag, r.unavailable, len(cols)))
				table.Notes = append(table.Notes, l.T("Not priced: ", "未定价:")+l.SayError(r.unavailable.reason))
				continue
			}
			mp := *r.price
			if mp.Provisional() {
				provisional = append(provisional, fmt.Sprintf("%s %s", ag.ID, mp.Month))
			}
			sums := kindTotals(mp.Price)
			row := make([]report.Cell, 0, len(cols))
			row = append(row,
				report.Str(ag.ID), report.Str(ag.Buyer.Name), report.Str(mp.Month.String()), report.Str(mp.Terms.From.String()),
				report.Str(mp.Average.Month.String()), report.Int(mp.Average.Days), report.CNY(mp.Price.Benchmark),
			)
			for _, k := range tableKinds {
				row = append(row, report.CNY(sums[k]))
			}
			row = append(row, report.CNY(mp.Price.UnitPrice), report.CNY(mp.Price.UnitPriceExclVAT), benchmarkStatusCell(l, mp.Provisional()))
			table.Rows = append(table.Rows, row)
		}
		if len(t.skipped) > 0 {
			table.Notes = append(table.Notes, fmt.Sprintf(l.T("%s: no terms version for %s; left out.", "%s:%s 无适用的协议条款版本,未列出。"),
				ag.ID, strings.Join(t.skipped, ", ")))
		}
		doc.Tables = append(doc.Tables, table)
	}
	if len(provisional) > 0 {
		doc.Title = provisionalTitle(l) + doc.Title
		doc.Notes = append(doc.Notes, fmt.Sprintf(l.T("PROVISIONAL: priced on a benchmark month whose quotes are not all in: %s. Not a final price.",
			"暂定价:基准月份报价尚未完整:%s。并非最终价格。"), strings.Join(provisional, ", ")))
	}
	doc.Notes = append(doc.Notes,
		fmt.Sprintf(l.T("Benchmark: Changjiang A00 spot monthly average from %s (rule 2.1), rounded as each agreement says.",
			"基准:长江有色A00铝现货月均价,取自 %s(第2.1条),按各协议约定舍入。"), quotesSource),
		l.T("Amounts in CNY/t incl. VAT; deductions are negative (transport 2.2; casting, burn loss, other fees 2.3); premiums positive (2.4).",
			"金额单位:元/吨(含税);扣减为负(运费2.2条;铸造、烧损、其他费用2.3条),上浮为正(2.4条)。"))
	return doc
}

// unavailableRow is the row of a month without a price: what is known of
// its benchmark, and in the A00 average's place why there is no price.
func unavailableRow(l i18n.Lang, ag *pricing.Agreement, u *unavailableMonth, width int) []report.Cell {
	days := report.Empty
	// People read why in the A00 average's place; machine formats keep the
	// column numeric (empty) and say it in benchmark_status.
	why := report.Remark(l.T("no quotes", "无报价"))
	if u.average != nil {
		days = report.Int(u.average.Days)
		why = report.Remark(fmt.Sprintf(l.T("not final: %d of %d days", "未完整:%d/%d个交易日"), u.average.Days, u.average.ExpectedDays))
	}
	row := []report.Cell{report.Str(ag.ID), report.Str(ag.Buyer.Name), report.Str(u.month.String()), report.Str(u.terms.From.String()),
		report.Str(u.benchmarkMonth.String()), days, why}
	for len(row) < width-1 {
		row = append(row, report.Empty)
	}
	if u.average == nil {
		return append(row, report.Coded(l.T("no quotes", "无报价"), u.status()))
	}
	return append(row, statusCell(l, u.average.Status))
}

// maxChartAgreements is how many agreements' unit prices a chart draws;
// beyond, it draws the A00 average alone.
const maxChartAgreements = 12

// priceChart draws the A00 monthly average and each agreement's unit price
// by benchmark month, for spreadsheets: each price stands on the average
// it was set on, so that an agreement priced on the previous month is
// drawn against that month, not against the month it supplies. The
// months are those asked for and every benchmark month they price on.
// Where new terms price two supply months on one benchmark (a change from
// the month's own average to the previous month's), the later is drawn.
func priceChart(l i18n.Lang, q *pricing.Quotes, months []pricing.Month, tables []agreementPrices) report.Chart {
	c := report.Chart{
		Sheet:    l.T("Chart", "走势图"),
		Title:    l.T("Changjiang A00 monthly average and molten aluminium unit price, CNY/t", "长江A00月均价与铝液单价(元/吨)"),
		Category: l.T("Benchmark month", "基准月份"),
	}
	axis := slices.Clone(months)
	if len(tables) <= maxChartAgreements {
		for _, t := range tables {
			for _, r := range t.rows {
				if r.price != nil {
					axis = append(axis, r.price.Average.Month)
				}
			}
		}
	}
	slices.Sort(axis)
	axis = slices.Compact(axis)
	average := report.Series{Name: l.T("A00 monthly average (exact mean)", "A00月均价(精确均值)")}
	for _, m := range axis {
		c.Categories = append(c.Categories, m.String())
		if mean, err := q.Mean(m); err == nil {
			average.Values = append(average.Values, report.Decimals(mean, 4))
		} else {
			average.Values = append(average.Values, report.Empty)
		}
	}
	c.Series = append(c.Series, average)
	if len(tables) > maxChartAgreements {
		// Thousands of lines say nothing, and take minutes to draw.
		c.Title = l.T("Changjiang A00 monthly average, CNY/t", "长江A00月均价(元/吨)")
		return c
	}
	for _, t := range tables {
		s := report.Series{Name: t.agreement.ID + l.T(" unit price", " 单价")}
		byBenchmark := map[pricing.Month]pricing.MonthPrice{}
		for _, r := range t.rows {
			if r.price != nil {
				byBenchmark[r.price.Average.Month] = *r.price
			}
		}
		for _, m := range axis {
			if mp, ok := byBenchmark[m]; ok {
				s.Values = append(s.Values, report.CNY(mp.Price.UnitPrice))
			} else {
				s.Values = append(s.Values, report.Empty)
			}
		}
		c.Series = append(c.Series, s)
	}
	return c
}
