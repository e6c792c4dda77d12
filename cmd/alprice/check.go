package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"alprice/cmd/alprice/i18n"
	"alprice/cmd/alprice/report"
	"alprice/pricing"
	"alprice/pricing/invoice"
	"alprice/pricing/settle"
)

type checkOptions struct {
	agreementsPath string
	quotes         quotesFlags
	deliveries     csvInput
	invoices       csvInput
	taxTolerance   string
	provisional    bool
}

func newCheckCmd(a *app) *cobra.Command {
	o := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check VAT invoices against the agreement, the policy and the deliveries",
		Long: `Check a month's special VAT invoices (增值税专用发票) for molten aluminium, to the fen,
and say why any line differs:

  1. each line's arithmetic, as invoicing software enforces it: quantity × unit
     price = amount within 0.01; amount × rate = VAT within 0.06 (--tax-tolerance);
     the rate the terms state; total (价税合计) = amount + VAT;
  2. each invoice's VAT: Σ (VAT − amount × rate) within ±1.27;
  3. weight (rule 2.6): per buyer and month, the quantity billed is the delivered
     weight from the deliveries file; billing the tapped weight is named as such
     (a buyer without the smelter's ticket file leaves --deliveries out: 3 and 5
     are then skipped, and the output says so);
  4. price: each line's amount incl. VAT is the unit price of the terms in force on
     the right benchmark month × quantity; when not, the likely mistake that
     reproduces the invoice is named (another month's average, a deduction left
     out, a percentage on the wrong base, the other average rounding, VAT added
     to a price that includes it), or the difference is called unexplained;
  5. totals: per buyer and month, amount + VAT billed against the settlement.

The invoices file is CSV, one row per invoice line; columns by name: invoice_no,
buyer, month (the supply month billed), quantity_t, unit_price_excl_vat (up to 8
decimals), amount_excl_vat, vat_rate (13% or 0.13), vat, and optionally total;
or 发票号码, 客户, 月份, 数量, 单价, 金额, 税率, 税额, 价税合计.` + `

EXIT STATUS
  0  the invoices match: no finding at all
  1  there is a finding (the output lists each, with its rule and explanation)
  2  usage or input error: nothing was written to stdout or --out
  130, 143  interrupted by SIGINT (Ctrl-C) or SIGTERM: an existing --out file is left as it was`,
		Example: `  alprice check --agreements testdata/agreements.yaml --quotes testdata/quotes-2026-h1.csv \
                --deliveries testdata/deliveries-2026-03.csv --invoices testdata/invoices/clean-2026-03.csv
  alprice check --agreements testdata/agreements.yaml --quotes testdata/quotes-2026-h1.csv \
                --deliveries testdata/deliveries-2026-03.csv --invoices testdata/invoices/transport-left-out.csv --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runCheck(cmd, a, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.agreementsPath, "agreements", "", "agreements `FILE` (YAML); - for stdin")
	o.quotes.bind(f, "Changjiang A00 daily quotes `FILE` (CSV)")
	o.deliveries.bind(f, "deliveries", "ladle deliveries `FILE` (CSV) of the months billed; without it the weights and totals go unchecked")
	o.invoices.bind(f, "invoices", "invoice lines `FILE` (CSV)")
	f.BoolVar(&o.provisional, "provisional", false, "check against prices on a benchmark month whose quotes are not all in yet")
	f.StringVar(&o.taxTolerance, "tax-tolerance", "0.06", "largest `AMOUNT` a line's VAT may differ from amount × rate (0.01 for devices that allow only that)")
	return cmd
}

func runCheck(cmd *cobra.Command, a *app, o *checkOptions) error {
	tol, err := pricing.ParseMoney(o.taxTolerance)
	if err == nil && !tol.IsPositive() {
		err = pricing.Errorf("is zero; give the largest difference allowed, such as 0.06")
	}
	if err != nil {
		return flagError("tax-tolerance", o.taxTolerance, err)
	}
	if err := missingFlags([]string{"agreements", "quotes", "invoices"}, o.agreementsPath, o.quotes.path, o.invoices.path); err != nil {
		return err
	}
	in, err := a.readPricing(o.agreementsPath, "", &o.quotes, &o.deliveries, &o.invoices)
	if err != nil {
		return err
	}
	agreements, q := in.agreements, in.quotes
	invoices, err := a.readInvoices(&o.invoices)
	if err != nil {
		return err
	}
	var s *settle.Settlement // none without a deliveries file: the weights go unchecked
	if o.deliveries.given() {
		if s, err = a.settle(cmd, &o.deliveries, agreements, q, settle.SettleOptions{Provisional: o.provisional}); err != nil {
			return err
		}
	}
	source := invoices.Source
	res, err := invoice.Check(invoices, agreements, q, s, invoice.CheckOptions{TaxTolerance: tol, Provisional: o.provisional})
	if err != nil {
		return err
	}
	// The invoices are not used from here: the memory they take is free
	// for the output's.
	if err := a.emit(result{doc: func() report.Doc { return checkDoc(a.lang, source, res) }, json: func() any { return checkJSON(a.lang, res) }}); err != nil {
		return err
	}
	if !res.OK() {
		return errFound
	}
	return nil
}

// findingsTable lists findings on invoices, as check and trueup show them.
func findingsTable(l i18n.Lang, findings []invoice.Finding) report.Table {
	t := report.Table{
		Title:   l.T("Findings", "问题明细"),
		Columns: columns(l, "invoice_no", "line:invoice", "month", "field", "invoiced", "expected", "difference", "rule", "explanation"),
	}
	for _, f := range findings {
		line := report.Empty
		if f.Line > 0 {
			line = report.Int(f.Line)
		}
		t.Rows = append(t.Rows, []report.Cell{
			report.Str(f.InvoiceNo), line, report.Str(f.Month.String()), fieldCell(l, f.Field),
			findingCell(f.Field, f.Invoiced), findingCell(f.Field, f.Expected), findingCell(f.Field, f.Difference()),
			ruleCell(l, f.Rule), report.Str(l.Say(f.Why)),
		})
	}
	return t
}

// fieldCell names an invoice field: in English by its key, as the
// invoices file does; in Chinese as its column is titled. Machine formats
// keep the key.
func fieldCell(l i18n.Lang, field string) report.Cell {
	if title, ok := i18n.ColumnTitles[field]; ok && l == i18n.Chinese {
		return report.Coded(title[1], field)
	}
	return report.Str(field)
}

// findingsJSON writes findings on invoices; never null.
func findingsJSON(l i18n.Lang, findings []invoice.Finding) []findingJSON {
	out := []findingJSON{}
	for _, f := range findings {
		out = append(out, findingJSON{
			InvoiceNo: f.InvoiceNo, Line: f.Line, SourceLine: f.SourceLine, Buyer: f.Buyer, Month: f.Month.String(), Field: f.Field,
			Invoiced: findingCell(f.Field, f.Invoiced).Plain(), Expected: findingCell(f.Field, f.Expected).Plain(),
			Difference: findingCell(f.Field, f.Difference()).Plain(), Rule: f.Rule, Explanation: l.Say(f.Why),
		})
	}
	return out
}

type findingJSON struct {
	InvoiceNo   string `json:"invoice_no"`
	Line        int    `json:"line"`
	SourceLine  int    `json:"source_line"`
	Buyer       string `json:"buyer"`
	Month       string `json:"month"`
	Field       string `json:"field"`
	Invoiced    string `json:"invoiced"`
	Expected    string `json:"expected"`
	Difference  string `json:"difference"`
	Rule        string `json:"rule"`
	Explanation string `json:"explanation"`
}

type monthCheckJSON struct {
	Agreement       string   `json:"agreement"`
	Buyer           string   `json:"buyer"`
	Month           string   `json:"month"`
	Invoices        []string `json:"invoices"`
	Lines           int      `json:"lines"`
	QuantityT       tonnes   `json:"quantity_t"`
	DeliveredT      tonnes   `json:"delivered_t"`
	BenchmarkMonth  string   `json:"benchmark_month"`
	BenchmarkDays   int      `json:"benchmark_days"`
	BenchmarkExp    int      `json:"benchmark_expected_days"`
	BenchmarkStatus string   `json:"benchmark_status"`
	UnitPrice       money    `json:"unit_price"`
	Billed          money    `json:"billed"`
	Settled         money    `json:"settled"`
	Findings        int      `json:"findings"`
}

type checkResultJSON struct {
	OK             bool             `json:"ok"`
	WeightsChecked bool             `json:"weights_checked"`
	Findings       []findingJSON    `json:"findings"`
	Months         []monthCheckJSON `json:"months"`
}

func checkJSON(l i18n.Lang, r *invoice.CheckResult) checkResultJSON {
	j := checkResultJSON{OK: r.OK(), WeightsChecked: r.WeightsChecked, Findings: findingsJSON(l, r.Findings), Months: []monthCheckJSON{}}
	for _, m := range r.Months {
		mj := monthCheckJSON{Agreement: m.Agreement.ID, Buyer: m.Agreement.Buyer, Month: m.Month.String(), Invoices: m.Invoices,
			Lines: m.Lines, QuantityT: tonnes(m.Quantity), Billed: money(m.Billed), Findings: m.Findings,
			BenchmarkMonth: m.Price.Benchmark.Month.String(), BenchmarkDays: m.Price.Benchmark.Days, BenchmarkExp: m.Price.Benchmark.ExpectedDays,
			BenchmarkStatus: benchmarkStatus(m.Price.Provisional()), UnitPrice: money(m.Price.Price.UnitPrice)}
		if m.Statement != nil {
			mj.DeliveredT, mj.Settled = tonnes(m.Statement.Delivered), money(m.Settled())
		}
		j.Months = append(j.Months, mj)
	}
	return j
}

func checkDoc(l i18n.Lang, source string, r *invoice.CheckResult) report.Doc {
	verdict := l.T("the invoices match the agreement, the policy and the deliveries", "发票与协议、政策和到位量一致")
	if !r.OK() {
		verdict = fmt.Sprintf(l.T("%d findings", "发现 %d 处问题"), len(r.Findings))
	}
	doc := report.Doc{Title: l.T("Invoice check · ", "发票核对 · ") + source + " · " + verdict}
	for _, m := range r.Months {
		if m.Price.Provisional() {
			doc.Title = provisionalTitle(l) + doc.Title
			doc.Notes = append(doc.Notes, l.T("PROVISIONAL: the expected figures stand on a benchmark month whose quotes are not all in.",
				"暂定价:应为值所依据的基准月份报价尚未完整。"))
			break
		}
	}
	months := report.Table{
		Title:   l.T("By buyer and month", "按需方和月份"),
		Columns: columns(l, "agreement", "buyer", "month", "invoices", "lines", "quantity_t:billed", "delivered_t", "billed", "settled", "findings"),
	}
	for _, m := range r.Months {
		delivered, settled := report.Empty, report.Empty
		if m.Statement != nil {
			delivered, settled = report.Tonnes(m.Statement.Delivered), report.CNY(m.Settled())
		}
		months.Rows = append(months.Rows, []report.Cell{
			report.Str(m.Agreement.ID), report.Str(m.Agreement.Buyer), report.Str(m.Month.String()), report.Int(len(m.Invoices)),
			report.Int(m.Lines), report.Tonnes(m.Quantity), delivered, report.CNY(m.Billed), settled, report.Int(m.Findings),
		})
	}
	doc.Tables = append(doc.Tables, months, findingsTable(l, r.Findings))
	if !r.WeightsChecked {
		doc.Notes = append(doc.Notes, l.T("No deliveries file: the weights billed and the month totals were not checked (rule 2.6); prices, arithmetic and VAT were.",
			"未提供到位记录:未核对开票重量和月度合计(第2.6条);已核对单价、计算和税额。"))
	}
	doc.Notes = append(doc.Notes,
		l.T("Rules: 2.1–2.6 are the policy's (see the README); vat.line, vat.invoice, vat.rate and vat.total are the invoicing software's arithmetic; statement compares with the settlement of the deliveries.",
			"依据:2.1–2.6 为政策条款(见说明文档);开票计算、整票税额、税率、价税合计为开票系统的计算规则;结算比对为与到位量结算的比对。"),
	)
	if len(r.Findings) > 0 {
		doc.Notes = append(doc.Notes, strings.TrimSpace(l.T(
			"A price finding names the single likely mistake that reproduces the invoice to the fen, or says that none does.",
			"单价问题给出能精确到分复现发票的常见错误;若无,则注明无法解释。")))
	}
	return doc
}
