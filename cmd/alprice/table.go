package main

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"alprice/cmd/alprice/report"
	"alprice/pricing"
)

type tableOptions struct {
	agreementsPath string
	agreementID    string
	quotes         csvInput
	months         monthFlags
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

A supply month before an agreement's first terms version is left out with a note;
a month whose benchmark month has no quotes is an error.` + exitStatusHelp,
		Example: `  alprice table --agreements testdata/agreements.yaml --quotes testdata/changjiang-a00-2026-h1.csv --from 2026-01 --to 2026-06
  alprice table --agreements testdata/agreements.yaml --quotes testdata/changjiang-a00-2026-h1.csv --agreement ZD-2026-002 --month 2026-04 --lang zh`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runTable(a, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.agreementsPath, "agreements", "", "agreements `FILE` (YAML); - for stdin")
	f.StringVar(&o.agreementID, "agreement", "", "only the agreement with this `ID` (or buyer name)")
	o.quotes.bind(f, "quotes", "Changjiang A00 daily quotes `FILE` (CSV)")
	o.months.bind(f, "supply month (default: every month of the quotes file)")
	return cmd
}

// agreementPrices is the price table of one agreement.
type agreementPrices struct {
	agreement *pricing.Agreement
	months    []pricing.MonthPrice
	skipped   []string // supply months without terms, with the reason
}

func runTable(a *app, o *tableOptions) error {
	if o.agreementsPath == "" {
		return usageError{fmt.Errorf("give the agreements with --agreements FILE")}
	}
	if err := o.months.check(); err != nil {
		return err
	}
	agreements, err := a.readAgreements(o.agreementsPath)
	if err != nil {
		return err
	}
	chosen := agreements.List
	if o.agreementID != "" {
		ag, err := agreements.Find(o.agreementID)
		if err != nil {
			return err
		}
		chosen = []pricing.Agreement{*ag}
	}
	q, err := a.readQuotes(&o.quotes)
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
			mp, err := ag.PriceMonth(m, q)
			if err != nil {
				return err
			}
			t.months = append(t.months, mp)
		}
		tables = append(tables, t)
	}
	doc := priceTableDoc(a.lang, agreements.Seller, q.Source, tables)
	if len(months) > 1 {
		doc.Charts = []report.Chart{priceChart(a.lang, q, months, tables)}
	}
	return a.emit(result{doc: doc, json: priceTableJSON(a.lang, agreements.Seller, tables)})
}

// monthQuote is the priced quote of one supply month of an agreement.
func monthQuote(seller string, ag *pricing.Agreement, mp pricing.MonthPrice) pricedQuote {
	return pricedQuote{
		seller: seller, agreement: ag.ID, buyer: ag.Buyer, month: mp.Month,
		benchmarkMonth: mp.Benchmark.Month, benchmarkDays: mp.Benchmark.Days, price: mp.Price,
	}
}

func priceTableJSON(l lang, seller string, tables []agreementPrices) []quoteJSON {
	out := []quoteJSON{}
	for _, t := range tables {
		for _, mp := range t.months {
			out = append(out, monthQuote(seller, t.agreement, mp).json(l))
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

func priceTableDoc(l lang, seller, quotesSource string, tables []agreementPrices) report.Doc {
	cols := columns(l, "-agreement", "-buyer", "month:supply", "terms_from", "benchmark_month", "benchmark_days", "benchmark",
		"transport", "casting", "burn_loss", "coal", "fee", "premium", "rounding:line", "unit_price", "unit_price_excl_vat")

	doc := report.Doc{Title: l.t("Molten aluminium price table", "铝液价格表")}
	if seller != "" {
		doc.Title += l.t(" · seller ", " · 供方 ") + seller
	}
	for _, t := range tables {
		ag := t.agreement
		table := report.Table{
			Title:   fmt.Sprintf(l.t("Agreement %s · buyer %s", "协议 %s · 需方 %s"), ag.ID, ag.Buyer),
			Columns: cols,
		}
		for _, mp := range t.months {
			sums := kindTotals(mp.Price)
			row := []report.Cell{
				report.Str(ag.ID), report.Str(ag.Buyer), report.Str(mp.Month.String()), report.Str(mp.Terms.From.String()),
				report.Str(mp.Benchmark.Month.String()), report.Int(mp.Benchmark.Days), report.CNY(mp.Price.Benchmark),
			}
			for _, k := range tableKinds {
				row = append(row, report.CNY(sums[k]))
			}
			row = append(row, report.CNY(mp.Price.UnitPrice), report.CNY(mp.Price.UnitPriceExclVAT))
			table.Rows = append(table.Rows, row)
		}
		doc.Tables = append(doc.Tables, table)
		if len(t.skipped) > 0 {
			doc.Notes = append(doc.Notes, fmt.Sprintf(l.t("%s: no terms version for %s; left out.", "%s:%s 无适用的协议条款版本,未列出。"),
				ag.ID, strings.Join(t.skipped, ", ")))
		}
	}
	doc.Notes = append(doc.Notes,
		fmt.Sprintf(l.t("Benchmark: Changjiang A00 spot monthly average from %s (rule 2.1), rounded as each agreement says.",
			"基准:长江有色A00铝现货月均价,取自 %s(第2.1条),按各协议约定舍入。"), quotesSource),
		l.t("Amounts in CNY/t incl. VAT; deductions are negative (transport 2.2; casting, burn loss, other fees 2.3); premiums positive (2.4).",
			"金额单位:元/吨(含税);扣减为负(运费2.2条;铸造、烧损、其他费用2.3条),上浮为正(2.4条)。"))
	return doc
}

// priceChart draws the A00 monthly average and each agreement's unit price
// by month, for spreadsheets.
func priceChart(l lang, q *pricing.Quotes, months []pricing.Month, tables []agreementPrices) report.Chart {
	c := report.Chart{
		Sheet:    l.t("Chart", "走势图"),
		Title:    l.t("Changjiang A00 monthly average and molten aluminium unit price, CNY/t", "长江A00月均价与铝液单价(元/吨)"),
		Category: l.t("Month", "月份"),
	}
	average := report.Series{Name: l.t("A00 monthly average (exact mean)", "A00月均价(精确均值)")}
	for _, m := range months {
		c.Categories = append(c.Categories, m.String())
		if mean, err := q.Mean(m); err == nil {
			average.Values = append(average.Values, report.Decimals(mean, 4))
		} else {
			average.Values = append(average.Values, report.Empty)
		}
	}
	c.Series = append(c.Series, average)
	for _, t := range tables {
		s := report.Series{Name: t.agreement.ID + l.t(" unit price", " 单价")}
		byMonth := map[pricing.Month]pricing.MonthPrice{}
		for _, mp := range t.months {
			byMonth[mp.Month] = mp
		}
		for _, m := range months {
			if mp, ok := byMonth[m]; ok {
				s.Values = append(s.Values, report.CNY(mp.Price.UnitPrice))
			} else {
				s.Values = append(s.Values, report.Empty)
			}
		}
		c.Series = append(c.Series, s)
	}
	return c
}
