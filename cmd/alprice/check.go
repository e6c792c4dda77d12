package main

import (
	"bufio"
	"fmt"
	"iter"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"alprice/cmd/alprice/i18n"
	"alprice/cmd/alprice/report"
	"alprice/pricing"
	"alprice/pricing/invoice"
	"alprice/pricing/settle"
)

type checkOptions struct {
	wide           bool
	agreementsPath string
	quotes         quotesFlags
	deliveries     deliveriesInput
	invoices       invoicesInput
	month          string
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

--invoices takes the invoices as the buyer receives them: the 数电 XML of each
invoice (download it beside the PDF or OFD; give the flag again for more, or a
folder: every *.xml in it), or the platform's export of received invoices
(全量发票查询, sheet 信息汇总表); or alprice's CSV, one row per invoice line, columns
by name: invoice_no, buyer, quantity_t, unit_price_excl_vat (up to 8 decimals),
amount_excl_vat, vat_rate (13% or 0.13), vat, and optionally total, month (the
supply month billed), issue_date and remark; or 发票号码, 客户, 数量, 单价, 金额, 税率,
税额, 价税合计, 月份, 开票日期, 备注. A row without a month is held to it as an XML
invoice is: its remark's 供货月份:YYYY-MM, else --month, else the month before its
issue date. The format is told by content (--invoices-format forces it).
The XML's signature (TaxBureauSignature) is not verified; PDF and OFD are not read.

The seller must be the agreements' (by tax id when the file gives seller.tax_id);
the buyer is found by its tax id (buyer_tax_id), else by name. Only lines of the
agreement's product (its tax code or item) are checked; the others, freight on
the same invoice, are listed as not checked. A red invoice (红字) is netted line by
line against the blue one it reverses, which must be given too; a blue invoice
reversed in full counts for nothing. The supply month, which no invoice states,
is the 备注's 供货月份:YYYY-MM, else --month, else the month before the issue date
(month-end invoicing); the output says for each invoice which and why.` + `

EXIT STATUS
  0  the invoices match: no finding at all
  1  there is a finding (the output lists each, with its rule and explanation)
  2  usage or input error: nothing was written to stdout or --out
  130, 143  interrupted by SIGINT (Ctrl-C) or SIGTERM: an existing --out file is left as it was`,
		Annotations: chinese("按协议、政策和到位记录核对增值税发票", `核对一个月铝液的增值税专用发票,精确到分,并说明每一处不符的原因:

  1. 每行的算术,与开票系统的校验一致:数量 × 单价 = 金额,误差不超过 0.01;
     金额 × 税率 = 税额,误差不超过 0.06(--tax-tolerance);税率与条款一致;
     价税合计 = 金额 + 税额;
  2. 每张发票的税额:Σ(税额 − 金额 × 税率)不超过 ±1.27;
  3. 重量(第 2.6 条):按需方和月份,开票数量应为到位记录中的到位重量;
     按出厂重量开票会被指明(没有供方票据文件的需方可不给 --deliveries:
     此时跳过第 3、5 项,输出会写明);
  4. 价格:每行价税合计应为正确基准月份下有效条款的单价 × 数量;不符时,
     指出能复现该发票的常见错误(用了别的月份的均价、漏了扣减、百分比的
     基数错了、均价取整方式不对、对含税价格又加了税),否则判为无法解释;
  5. 合计:按需方和月份,开票的金额 + 税额与结算相比。

--invoices 读取需方实际收到的发票:每张发票的数电 XML(在 PDF 或 OFD 旁一并
下载;可多次给出该参数,或给一个文件夹:读取其中每个 *.xml),或平台导出的取得
发票(全量发票查询,工作表 信息汇总表);或 alprice 的 CSV,每行一个发票行,各列
按名称识别:invoice_no、buyer、quantity_t、unit_price_excl_vat(至多 8 位小数)、
amount_excl_vat、vat_rate(13% 或 0.13)、vat,可选 total、month(所结算的供货
月份)、issue_date 和 remark;或 发票号码、客户、数量、单价、金额、税率、税额、
价税合计、月份、开票日期、备注。没有月份的行与 XML 发票一样确定供货月份:备注中的
供货月份:YYYY-MM,否则 --month,否则开票日期的上一个月。格式按内容识别(--invoices-format 可强制指定)。不验证 XML 的
签名(TaxBureauSignature);不读取 PDF 和 OFD。

销方须为协议的供方(协议文件给出 seller.tax_id 时按识别号);需方先按识别号
(buyer_tax_id)、再按名称查找。只核对协议货物(其税收分类编码或项目名称)的
发票行,其他行(同一发票上的运费等)列为未核对。红字发票按行与其所冲红的蓝字
发票冲抵,该蓝字发票也须提供;全额冲红的蓝字发票不计。发票上没有供货月份:依次
取备注中的 供货月份:YYYY-MM、--month、开票日期的上一个月(月末开票);输出逐张
写明所用月份及其依据。

退出状态
  0  发票无误:没有任何问题
  1  有问题(输出逐条列出,附所违反的条款和说明)
  2  用法或输入错误:标准输出和 --out 都未写入任何内容`+exitInterruptedZH),
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
	o.deliveries.bind(f, "ladle deliveries `FILE` (CSV) of the months billed; without it the weights and totals go unchecked")
	o.invoices.bind(f, "the invoices `FILE`: 数电 XML, the 信息汇总表 export, a batch-issuing workbook, or CSV")
	f.StringVar(&o.month, "month", "", "the supply month `YYYY-MM` of an invoice that states none (no 供货月份 in its 备注, no month column); default: the month before its issue date")
	f.BoolVar(&o.provisional, "provisional", false, "check against prices on a benchmark month whose quotes are not all in yet")
	f.BoolVar(&o.wide, "wide", false, "show every column of the tables on a terminal narrower than them (pipes and files always get every column)")
	f.StringVar(&o.taxTolerance, "tax-tolerance", "0.06", "largest `AMOUNT` a line's VAT may differ from amount × rate (0.01 for devices that allow only that)")
	return cmd
}

func runCheck(cmd *cobra.Command, a *app, o *checkOptions) error {
	tol, err := taxTolerance(o.taxTolerance)
	if err != nil {
		return err
	}
	if err := missingFlags([]string{"agreements", "quotes", "invoices"}, o.agreementsPath, o.quotes.path, o.invoices.path); err != nil {
		return err
	}
	var month pricing.Month
	if o.month != "" {
		if month, err = pricing.ParseMonth(o.month); err != nil {
			return flagError("month", o.month, err)
		}
	}
	if _, err := o.invoices.checkFormat(); err != nil {
		return err
	}
	in, err := a.readPricing(o.agreementsPath, "", &o.quotes, &o.deliveries.csvInput, &o.invoices.csvInput)
	if err != nil {
		return err
	}
	agreements, q := in.agreements, in.quotes
	// Every invoice line is live until the check is made, and the output
	// is made while the collector has yet to free them: it is asked to let
	// the heap grow to 1.5 times what is live, not twice (1.6M lines, 6
	// runs turn by turn: 235–272 MB at the peak against 275–317 MB at
	// 1.75 times, for 4% more CPU and the same wall time; twice was
	// 305–338 MB).
	defer tightGC()()
	// s is nil without a deliveries file: the weights go unchecked.
	invoices, s, err := a.readInvoicesBeside(cmd.Context(), &o.invoices, month, &o.deliveries, agreements, q, settle.SettleOptions{Provisional: o.provisional})
	if err != nil {
		return err
	}
	source := invoices.Source
	res, err := invoice.Check(invoices, agreements, q, s, invoice.CheckOptions{TaxTolerance: tol, Provisional: o.provisional})
	if err != nil {
		return err
	}
	for _, m := range res.Months {
		a.pricedOn(m.Price.Average.Month)
	}
	// The invoices are not used from here: the memory they take is free
	// for the output's.
	if err := a.emit(result{doc: func() report.Doc { return checkDoc(a.lang, source, res) }, json: func() any { return checkJSON(a.lang, res) },
		html: func() (report.HTML, error) { return checkHTML(a.lang, source, res), nil }, fit: !o.wide}); err != nil {
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
		Columns: columns(l, "invoice_no", "line:invoice", "month~", "field", "invoiced~", "expected~", "difference", "rule~", "explanation_"),
	}
	for _, f := range findings {
		line := report.Empty
		if f.Line > 0 {
			line = report.Int(f.Line)
		}
		invoiced, expected, difference := findingCell(f.Field, f.Invoiced), findingCell(f.Field, f.Expected), findingCell(f.Field, f.Difference())
		if valueless(f) {
			invoiced, expected, difference = report.Empty, report.Empty, report.Empty
		}
		t.Rows = append(t.Rows, []report.Cell{
			report.Str(f.InvoiceNo), line, report.Str(f.Month.String()), fieldCell(l, f.Field),
			invoiced, expected, difference, ruleCell(l, f.Rule), report.Str(l.Say(f.Why)),
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
		j := findingJSON{
			InvoiceNo: f.InvoiceNo, Line: f.Line, SourceLine: f.SourceLine, Buyer: f.Buyer, Month: f.Month.String(), Field: f.Field,
			Invoiced: findingCell(f.Field, f.Invoiced).Plain(), Expected: findingCell(f.Field, f.Expected).Plain(),
			Difference: findingCell(f.Field, f.Difference()).Plain(), Rule: f.Rule, Explanation: l.Say(f.Why),
		}
		if valueless(f) {
			j.Invoiced, j.Expected, j.Difference = "", "", ""
		}
		out = append(out, j)
	}
	return out
}

// valueless reports whether a finding is about something that is not a
// figure — the parties, a reversal, a quantity not stated —: its
// invoiced, expected and difference cells stay empty.
func valueless(f invoice.Finding) bool {
	return f.Rule == pricing.RuleParties || f.Rule == pricing.RuleRed || f.Why.Code == "invoice.no-quantity"
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
	DeliveredT      *tonnes  `json:"delivered_t"` // null without a deliveries file: not checked
	BenchmarkMonth  string   `json:"benchmark_month"`
	BenchmarkDays   int      `json:"benchmark_days"`
	BenchmarkExp    int      `json:"benchmark_expected_days"`
	BenchmarkStatus string   `json:"benchmark_status"`
	UnitPrice       money    `json:"unit_price"`
	Billed          money    `json:"billed"`
	Settled         *money   `json:"settled"` // null without a deliveries file
	Findings        int      `json:"findings"`
}

// checkResultJSON is check's JSON document: ok, weights_checked,
// findings, months, invoices, not_checked. The invoices — one an invoice
// checked, a million and more at a time — are made and written one by one
// (writeJSON), never held as a list.
type checkResultJSON struct {
	OK             bool
	WeightsChecked bool
	Findings       []findingJSON
	Months         []monthCheckJSON // written as a list, none an empty one
	Invoices       iter.Seq[invoiceJSON]
	NotChecked     []notCheckedJSON
}

// writeJSON writes the document indented, the fields in order; the
// months and the invoices, the lists that grow with the file, without
// reflection where they can (listObject).
func (j checkResultJSON) writeJSON(w *bufio.Writer) error {
	c := newJSONPieces(w)
	c.field("{", "ok", j.OK)
	c.field(",", "weights_checked", j.WeightsChecked)
	c.field(",", "findings", j.Findings)
	writeObjects(c, "months", slices.Values(j.Months))
	writeObjects(c, "invoices", j.Invoices)
	c.field(",", "not_checked", j.NotChecked)
	c.raw("\n}")
	return c.err
}

// writeObjects writes the field key, not the first, of the document: a
// list of objects, each appended by its appendJSON or, where that leaves
// it to the encoder, encoded.
func writeObjects[T interface {
	appendJSON(b []byte) ([]byte, bool)
}](c *jsonPieces, key string, objects iter.Seq[T]) {
	c.raw(",\n  " + strconv.Quote(key) + ": [")
	var buf []byte
	sep := elementIndent
	for v := range objects {
		if c.err != nil {
			return // a million more invoices would not be written either
		}
		c.raw(sep)
		sep = "," + elementIndent
		var ok bool
		if buf, ok = v.appendJSON(buf[:0]); ok {
			c.rawBytes(buf)
		} else {
			c.value(v, 2)
		}
	}
	if sep != elementIndent {
		c.raw("\n  ")
	}
	c.raw("]")
}

// invoiceJSON is what became of one invoice: the supply month it was
// held to and why (month_from: file, remark, flag or issue_date).
type invoiceJSON struct {
	InvoiceNo   string   `json:"invoice_no"`
	Source      string   `json:"source,omitempty"`
	IssueDate   string   `json:"issue_date,omitempty"`
	Kind        string   `json:"kind,omitempty"`
	Red         bool     `json:"red"`
	SellerTaxID string   `json:"seller_tax_id,omitempty"`
	BuyerTaxID  string   `json:"buyer_tax_id,omitempty"`
	Agreement   string   `json:"agreement"`
	SupplyMonth string   `json:"supply_month"`
	MonthFrom   string   `json:"month_from"`
	MonthWhy    string   `json:"month_why"`
	Lines       *int     `json:"lines,omitempty"`
	Status      string   `json:"status"`
	Related     []string `json:"related,omitempty"`
}

// appendJSON appends j as an object of the document's list of invoices
// (listObject): the invoices of a check run to millions.
func (j invoiceJSON) appendJSON(b []byte) ([]byte, bool) {
	o := listObject{b: b, ok: true}
	o.str("invoice_no", j.InvoiceNo)
	o.strOmitEmpty("source", j.Source)
	o.strOmitEmpty("issue_date", j.IssueDate)
	o.strOmitEmpty("kind", j.Kind)
	o.bool("red", j.Red)
	o.strOmitEmpty("seller_tax_id", j.SellerTaxID)
	o.strOmitEmpty("buyer_tax_id", j.BuyerTaxID)
	o.str("agreement", j.Agreement)
	o.str("supply_month", j.SupplyMonth)
	o.str("month_from", j.MonthFrom)
	o.str("month_why", j.MonthWhy)
	if j.Lines != nil {
		o.int("lines", *j.Lines)
	}
	o.str("status", j.Status)
	if len(j.Related) > 0 {
		o.strs("related", j.Related)
	}
	return o.end()
}

// appendJSON appends m as an object of the document's list of months
// (listObject): a month lists every invoice of it.
func (m monthCheckJSON) appendJSON(b []byte) ([]byte, bool) {
	o := listObject{b: b, ok: true}
	o.str("agreement", m.Agreement)
	o.str("buyer", m.Buyer)
	o.str("month", m.Month)
	o.strs("invoices", m.Invoices)
	o.int("lines", m.Lines)
	o.number("quantity_t", m.QuantityT.text())
	if m.DeliveredT != nil {
		o.number("delivered_t", m.DeliveredT.text())
	} else {
		o.null("delivered_t")
	}
	o.str("benchmark_month", m.BenchmarkMonth)
	o.int("benchmark_days", m.BenchmarkDays)
	o.int("benchmark_expected_days", m.BenchmarkExp)
	o.str("benchmark_status", m.BenchmarkStatus)
	o.number("unit_price", m.UnitPrice.text())
	o.number("billed", m.Billed.text())
	if m.Settled != nil {
		o.number("settled", m.Settled.text())
	} else {
		o.null("settled")
	}
	o.int("findings", m.Findings)
	return o.end()
}

type notCheckedJSON struct {
	InvoiceNo     string `json:"invoice_no"`
	Line          int    `json:"line"`
	Source        string `json:"source"`
	SourceLine    int    `json:"source_line"`
	Item          string `json:"item"`
	TaxCode       string `json:"tax_code"`
	AmountExclVAT money  `json:"amount_excl_vat"`
	VAT           money  `json:"vat"`
	Explanation   string `json:"explanation"`
}

// invoiceRows lists what became of each invoice: those with a header as
// the check counted them, those of a CSV file from the months.
func invoiceRows(r *invoice.CheckResult) iter.Seq[invoice.InvoiceCheck] {
	return func(yield func(invoice.InvoiceCheck) bool) {
		if len(r.Invoices) > 0 {
			for _, ic := range r.Invoices {
				if !yield(ic) {
					return
				}
			}
			return
		}
		for _, m := range r.Months {
			for i, no := range m.Invoices {
				if !yield(invoice.InvoiceCheck{Number: no, Agreement: m.Agreement, Month: m.Month, MonthFrom: m.MonthFrom[i],
					Status: invoice.StatusChecked}) {
					return
				}
			}
		}
	}
}

// monthWhy says where an invoice's supply month came from.
func monthWhy(l i18n.Lang, ic invoice.InvoiceCheck) string {
	switch ic.MonthFrom {
	case pricing.MonthFromRemark:
		return l.T("its 备注 states 供货月份", "备注载明供货月份")
	case pricing.MonthFromFlag:
		return l.T("--month: the invoice states none", "--month:发票未载明")
	case pricing.MonthFromIssueDate:
		return l.T("the month before its issue date (month-end invoicing)", "开票日期的上一个月(月末开票)")
	}
	return l.T("the file's month column", "文件所列月份")
}

// statusText says what became of an invoice.
func statusText(l i18n.Lang, ic invoice.InvoiceCheck) string {
	related := strings.Join(ic.Related, ", ")
	switch ic.Status {
	case invoice.StatusNetted:
		return fmt.Sprintf(l.T("checked net of red %s", "已与红字发票 %s 冲抵后核对"), related)
	case invoice.StatusReversed:
		return fmt.Sprintf(l.T("reversed in full by red %s: counts for nothing", "已被红字发票 %s 全额冲红,不计"), related)
	case invoice.StatusReversal:
		return fmt.Sprintf(l.T("red: netted against %s", "红字:已与 %s 冲抵"), related)
	case invoice.StatusUnmatched:
		return fmt.Sprintf(l.T("red: reverses %s, which is not given", "红字:所冲蓝字发票 %s 未提供"), related)
	case invoice.StatusOtherSeller:
		return l.T("another seller: not checked", "非协议供方:未核对")
	case invoice.StatusNoProduct:
		return l.T("no line of the agreement's product", "无协议货物行")
	}
	return l.T("checked", "已核对")
}

// kindText says an invoice's kind and colour: blue 专票, red 普票.
func kindText(l i18n.Lang, h *pricing.InvoiceHeader) string {
	if h == nil || h.Kind == "" && h.IssueDate.IsZero() {
		return ""
	}
	colour := l.T("blue", "蓝字")
	if h.Red {
		colour = l.T("red", "红字")
	}
	switch h.Kind {
	case pricing.SpecialInvoice:
		return colour + " " + l.T("special (专票)", "专票")
	case pricing.OrdinaryInvoice:
		return colour + " " + l.T("ordinary (普票)", "普票")
	}
	return colour
}

func invoiceJSONOf(l i18n.Lang, ic invoice.InvoiceCheck) invoiceJSON {
	j := invoiceJSON{InvoiceNo: ic.Number, Source: ic.Source, SupplyMonth: ic.Month.String(), MonthFrom: ic.MonthFrom.String(),
		MonthWhy: monthWhy(l, ic), Status: string(ic.Status), Related: ic.Related}
	if ic.Agreement != nil {
		j.Agreement = ic.Agreement.ID
	}
	if h := ic.Header; h != nil {
		if !h.IssueDate.IsZero() {
			j.IssueDate = h.IssueDate.Format(time.DateOnly)
		}
		j.Kind, j.Red, j.SellerTaxID, j.BuyerTaxID = string(h.Kind), h.Red, h.Seller.TaxID, h.Buyer.TaxID
		lines := ic.Lines
		j.Lines = &lines
	}
	return j
}

func notCheckedJSONOf(l i18n.Lang, r *invoice.CheckResult) []notCheckedJSON {
	out := []notCheckedJSON{}
	for _, n := range r.NotChecked {
		out = append(out, notCheckedJSON{InvoiceNo: n.InvoiceNo, Line: n.Line, Source: n.Source, SourceLine: n.SourceLine, Item: n.Item,
			TaxCode: n.TaxCode, AmountExclVAT: money(n.AmountExclVAT), VAT: money(n.VAT), Explanation: l.Say(n.Why)})
	}
	return out
}

// invoicesTable lists what became of each invoice and the supply month it
// was held to; nil when every invoice's month is its file's month column
// (a note says so), as a CSV file's are.
func invoicesTable(l i18n.Lang, r *invoice.CheckResult) *report.Table {
	rows := invoiceRows(r)
	if len(r.Invoices) == 0 {
		other := false
		for ic := range rows {
			if other = ic.MonthFrom != pricing.MonthFromFile; other {
				break
			}
		}
		if !other {
			return nil
		}
	}
	t := &report.Table{
		Title:   l.T("Invoices and the supply month each is held to", "各发票及所对应的供货月份"),
		Columns: columns(l, "invoice_no", "issue_date", "kind", "agreement", "month:supply", "month_from", "lines:checked", "status:invoice"),
	}
	for ic := range rows {
		issued, agreement, lines := report.Empty, report.Empty, report.Empty
		if ic.Header != nil {
			if !ic.Header.IssueDate.IsZero() {
				issued = report.Str(ic.Header.IssueDate.Format(time.DateOnly))
			}
			lines = report.Int(ic.Lines)
		}
		if ic.Agreement != nil {
			agreement = report.Str(ic.Agreement.ID)
		}
		t.Rows = append(t.Rows, []report.Cell{report.Str(ic.Number), issued, report.Str(kindText(l, ic.Header)), agreement,
			report.Str(ic.Month.String()), report.Coded(monthWhy(l, ic), ic.MonthFrom.String()), lines, report.Coded(statusText(l, ic), string(ic.Status))})
	}
	return t
}

// notCheckedTable lists the lines left out of the check.
func notCheckedTable(l i18n.Lang, r *invoice.CheckResult) report.Table {
	t := report.Table{
		Title:   l.T("Lines not checked", "未核对的发票行"),
		Columns: columns(l, "invoice_no", "line:invoice", "item", "tax_code~", "amount_excl_vat", "vat~", "explanation_"),
	}
	for _, n := range r.NotChecked {
		t.Rows = append(t.Rows, []report.Cell{report.Str(n.InvoiceNo), report.Int(n.Line), report.Str(n.Item), report.Str(n.TaxCode),
			report.CNY(n.AmountExclVAT), report.CNY(n.VAT), report.Str(l.Say(n.Why))})
	}
	return t
}

func checkJSON(l i18n.Lang, r *invoice.CheckResult) checkResultJSON {
	invoices := func(yield func(invoiceJSON) bool) {
		for ic := range invoiceRows(r) {
			if !yield(invoiceJSONOf(l, ic)) {
				return
			}
		}
	}
	j := checkResultJSON{OK: r.OK(), WeightsChecked: r.WeightsChecked, Findings: findingsJSON(l, r.Findings), Months: []monthCheckJSON{},
		Invoices: invoices, NotChecked: notCheckedJSONOf(l, r)}
	for _, m := range r.Months {
		mj := monthCheckJSON{Agreement: m.Agreement.ID, Buyer: m.Agreement.Buyer.Name, Month: m.Month.String(), Invoices: m.Invoices,
			Lines: m.Lines, QuantityT: tonnes(m.Quantity), Billed: money(m.Billed), Findings: m.Findings,
			BenchmarkMonth: m.Price.Average.Month.String(), BenchmarkDays: m.Price.Average.Days, BenchmarkExp: m.Price.Average.ExpectedDays,
			BenchmarkStatus: benchmarkStatus(m.Price.Provisional()), UnitPrice: money(m.Price.Price.UnitPrice)}
		if m.Statement != nil {
			delivered, settled := tonnes(m.Statement.Delivered), money(m.Settled())
			mj.DeliveredT, mj.Settled = &delivered, &settled
		}
		j.Months = append(j.Months, mj)
	}
	return j
}

func checkDoc(l i18n.Lang, source string, r *invoice.CheckResult) report.Doc {
	verdict := l.T("the invoices match the agreement, the policy and the deliveries", "发票与协议、政策和到位量一致")
	if !r.WeightsChecked {
		verdict = l.T("the invoices match the agreement and the policy; weights and month totals not checked (no deliveries file)",
			"发票与协议、政策一致;未核对重量和月度合计(未提供到位记录)")
	}
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
		Columns: columns(l, "agreement", "buyer~", "month", "invoices~", "lines~", "quantity_t:billed", "delivered_t", "billed", "settled", "findings"),
	}
	for _, m := range r.Months {
		delivered, settled := report.Empty, report.Empty
		if m.Statement != nil {
			delivered, settled = report.Tonnes(m.Statement.Delivered), report.CNY(m.Settled())
		}
		months.Rows = append(months.Rows, []report.Cell{
			report.Str(m.Agreement.ID), report.Str(m.Agreement.Buyer.Name), report.Str(m.Month.String()), report.Int(len(m.Invoices)),
			report.Int(m.Lines), report.Tonnes(m.Quantity), delivered, report.CNY(m.Billed), settled, report.Int(m.Findings),
		})
	}
	doc.Tables = append(doc.Tables, months, findingsTable(l, r.Findings))
	if t := invoicesTable(l, r); t != nil {
		doc.Tables = append(doc.Tables, *t)
	} else {
		doc.Notes = append(doc.Notes, l.T("Supply months: each invoice is held to the month its file's month column states.",
			"供货月份:每张发票按文件所列月份核对。"))
	}
	if len(r.NotChecked) > 0 {
		doc.Tables = append(doc.Tables, notCheckedTable(l, r))
	}
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

// checkGCPercent is the collector's target while check runs: the heap
// may grow to 1.5 times what is live (Go's default is twice).
const checkGCPercent = 50

// tightGC sets the collector's target to checkGCPercent, unless GOGC says
// otherwise, and returns what sets it back.
func tightGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	before := debug.SetGCPercent(checkGCPercent)
	return func() { debug.SetGCPercent(before) }
}
