package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"alprice/cmd/alprice/i18n"
	"alprice/cmd/alprice/report"
	"alprice/pricing"
	"alprice/pricing/einvoice"
	"alprice/pricing/settle"
)

type settleOptions struct {
	wide           bool
	agreementsPath string
	agreementID    string
	month          string
	quotes         quotesFlags
	deliveries     deliveriesInput
	skipInvalid    bool
	invoiceCap     string
	provisional    bool
	einvoice       einvoiceFlags
}

func newSettleCmd(a *app) *cobra.Command {
	o := &settleOptions{}
	cmd := &cobra.Command{
		Use:   "settle",
		Short: "Settle a month of ladle deliveries on the delivered weight (rule 2.6)",
		Long: `Settle ladle deliveries per agreement and supply month: the number of tickets,
the total tapped weight (weighed out at the smelter), the total delivered weight
(weighed in at the buyer's end: the billed weight, rule 2.6), the difference as
the smelter's loss, never billed (rules 2.5, 2.6), the benchmark month and
average, the unit price from the terms in force, and the amount with VAT, without
VAT and the VAT; then a grand total. Each statement's amount is the unit price ×
the month's total delivered weight, rounded once to the fen.

The deliveries file is CSV with a header; columns by name in any order: ticket,
date, buyer (an agreement id or a buyer name), tapped_t and delivered_t in tonnes
(or tapped_kg and delivered_kg in whole kilograms); vehicle and ladle optional.
Chinese headers work too (票号, 日期, 客户, 出厂重量, 到位重量).

Strict by default: if any row is bad, nothing is settled, every bad row is listed
(line, field, value, reason) and the exit status is 2. A row is bad when a field
does not parse, a weight is not positive or has more than 3 decimals, its ticket
was seen before (both lines are named: billing a ladle twice is the costliest
mistake), its buyer is in no agreement, or its date is outside every terms
version. --skip-invalid settles the good rows, lists the rejected ones in the
output and exits 1. A delivered weight above the tapped weight is a warning.

--invoice-cap (or the agreement's invoice: cap) splits each statement into
invoices of one line whose amount excl. VAT stays below it (数电 has no
per-invoice cap: without one, a statement is one invoice): as few as whole
kilograms allow, the weight shared evenly. The parts add up to the statement
exactly and each is consistent on its own (quantity × unit price = amount, VAT
= amount × rate); the rounding is spread over them, a few fen each at most
(shown as each one's residual).` + exitStatusHelp,
		Annotations: chinese("按到位重量结算一个月的铝液到位记录(第 2.6 条)", `按协议和供货月份结算铝液到位记录:票数、出厂重量合计(在供方过磅)、到位重量
合计(在需方过磅:即结算重量,第 2.6 条)、二者之差(为供方损耗,绝不结算,第
2.5、2.6 条)、基准月份及其均价、有效条款下的单价,以及价税合计、金额和税额;
最后是总计。每张结算单的金额 = 单价 × 该月到位重量合计,只在最后取整到分一次。

到位文件为带表头的 CSV;各列按名称识别,顺序不限:ticket、date、buyer(协议
编号或需方名称)、以吨计的 tapped_t 和 delivered_t(或以整千克计的 tapped_kg 和
delivered_kg);vehicle 和 ladle 可选。也可用中文表头(票号、日期、客户、出厂
重量、到位重量)。

默认从严:任何一行有误,则不作任何结算,列出每个有误的行(行号、字段、值、
原因),退出状态为 2。以下情况该行有误:字段无法解析、重量不是正数或超过 3 位
小数、票号此前出现过(两行都会指出:一包铝液结算两次是代价最大的错误)、需方
不属于任何协议、日期不在任何条款版本之内。--skip-invalid 结算无误的行,在输出
中列出被剔除的行,退出状态为 1。到位重量大于出厂重量给出警告。

--invoice-cap(或协议的 invoice.cap)把每张结算单拆成几张发票,每张一行、
不含税金额低于该金额(数电没有单张限额,不拆则每张结算单一张):张数按整公斤尽量少,
重量平均分配;各张之和恰等于结算单,每张自身一致(数量 × 单价 = 金额,税额即
金额 × 税率),取整差分散在各张,每张不过几分(显示为其尾差)。`+exitStatusHelpZH),
		Example: `  alprice settle --agreements testdata/agreements.yaml --quotes testdata/quotes-2026-h1.csv \
                 --deliveries testdata/deliveries-2026-03.csv
  alprice settle --agreements testdata/agreements.yaml --quotes testdata/quotes-2026-h1.csv \
                 --deliveries testdata/deliveries-2026-03.csv --agreement ZD-2026-001 --invoice-cap 1000000`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runSettle(cmd, a, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.agreementsPath, "agreements", "", "agreements `FILE` (YAML); - for stdin")
	f.StringVar(&o.agreementID, "agreement", "", "settle only the agreement with this `ID` (or buyer name)")
	f.StringVar(&o.month, "month", "", "settle only this supply month `YYYY-MM`")
	o.quotes.bind(f, "Changjiang A00 daily quotes `FILE` (CSV)")
	o.deliveries.bind(f, "ladle deliveries `FILE` (CSV)")
	f.BoolVar(&o.skipInvalid, "skip-invalid", false, "settle the good rows, list the bad ones in the output, and exit 1")
	f.BoolVar(&o.wide, "wide", false, "show every column of the tables on a terminal narrower than them (pipes and files always get every column)")
	f.StringVar(&o.invoiceCap, "invoice-cap", "", "split statements into invoices below this `AMOUNT` excl. VAT each (default: the agreement's invoice: cap; else one invoice a statement)")
	f.BoolVar(&o.provisional, "provisional", false, "settle on a benchmark month whose quotes are not all in yet, marked PROVISIONAL")
	f.StringVar(&o.einvoice.path, "einvoice", "", "also write the e-invoice platform's batch-issuing `FILE.xlsx` (数电 批量开票), filled into its official template: an invoice per statement, or per part under --invoice-cap")
	f.StringVar(&o.einvoice.template, "einvoice-template", "", "fill this newer blank `FILE.xlsx` downloaded from the platform instead of the embedded V260401")
	return cmd
}

func runSettle(cmd *cobra.Command, a *app, o *settleOptions) error {
	opts := settle.SettleOptions{SkipInvalid: o.skipInvalid, Provisional: o.provisional, Ladles: a.format == "html"}
	if o.month != "" {
		m, err := pricing.ParseMonth(o.month)
		if err != nil {
			return flagError("month", o.month, err)
		}
		opts.Month = m
	}
	if err := o.einvoice.check(); err != nil {
		return err
	}
	c, err := invoiceCap(o.invoiceCap)
	if err != nil {
		return err
	}
	opts.InvoiceCap = c
	if err := missingFlags([]string{"agreements", "quotes", "deliveries"}, o.agreementsPath, o.quotes.path, o.deliveries.path); err != nil {
		return err
	}
	if o.einvoice.path != "" && o.einvoice.template == "" {
		// The embedded blank is opened once for the run (a tenth of a
		// second): beside the settling, on the other processor.
		go einvoice.DefaultTemplate()
	}
	in, err := a.readPricing(o.agreementsPath, o.agreementID, &o.quotes, &o.deliveries.csvInput)
	if err != nil {
		return err
	}
	agreements, q := in.agreements, in.quotes
	opts.Agreement = in.chosen
	s, err := a.settle(cmd.Context(), &o.deliveries, agreements, q, opts)
	if err != nil {
		return err
	}
	a.warnNotes(s.Source, s.Warnings, s.MoreWarnings)
	var batch *einvoiceBatch
	if o.einvoice.path != "" {
		invs, err := einvoice.SettlementEInvoices(s, agreements, opts.InvoiceCap)
		if err != nil {
			return err
		}
		written, err := a.writeEInvoices(o.einvoice, invs)
		if err != nil {
			return err
		}
		// The terminal, Markdown and HTML show what was written, not every
		// line again: the workbooks hold them. CSV and --out x.xlsx list them.
		batch = &einvoiceBatch{files: written, listed: a.format == "csv" || a.format == "xlsx"}
	}
	if err := a.emit(result{doc: func() report.Doc { return settleDoc(a.lang, agreements.Seller.Name, s, batch) }, json: func() any { return settleJSON(a.lang, s) },
		html: func() (report.HTML, error) { return settleHTML(a.lang, agreements, s, batch) }, fit: !o.wide}); err != nil {
		return err
	}
	return settleFindings(s)
}

// settleFindings says what a settlement leaves out: the rows rejected
// (--skip-invalid) and each statement not priced, for exit status 1.
func settleFindings(s *settle.Settlement) error {
	var what []error
	if s.RejectedRows > 0 {
		what = append(what, pricing.Errorf("%s: %d rows rejected and not billed (listed in the output)", s.Source, s.RejectedRows))
	}
	for _, u := range s.Unpriced {
		what = append(what, pricing.Errorf("not priced (tickets not billed: %d): %w", u.Tickets, u.Reason))
	}
	if len(what) == 0 {
		return nil
	}
	return foundAll(what)
}

// maxWarningsShown bounds the warnings printed on stderr; the output lists
// them all.
const maxWarningsShown = 20

func (a *app) warnNotes(source string, notes []pricing.Note, more int) {
	for i, n := range notes {
		if i == maxWarningsShown {
			a.warn(a.lang.T("… and %d more warnings, listed in the output", "…… 另有 %d 条警告,见输出"), len(notes)-i+more)
			return
		}
		a.warn("%s:%d: %s", source, n.Line, a.lang.Say(n.Why))
	}
}

type invoiceLineJSON struct {
	QuantityT        tonnes `json:"quantity_t"`
	UnitPriceInvoice string `json:"unit_price_excl_vat_invoice"`
	Amount           money  `json:"amount"`
	AmountExclVAT    money  `json:"amount_excl_vat"`
	VAT              money  `json:"vat"`
	Residual         money  `json:"residual"`
	AmountInWords    words  `json:"amount_in_words"`
}

type statementJSON struct {
	Agreement        string            `json:"agreement"`
	Buyer            string            `json:"buyer"`
	Month            string            `json:"month"`
	BenchmarkMonth   string            `json:"benchmark_month"`
	Benchmark        money             `json:"benchmark"`
	BenchmarkDays    int               `json:"benchmark_days"`
	BenchmarkExpDays int               `json:"benchmark_expected_days"`
	BenchmarkStatus  string            `json:"benchmark_status"`
	Tickets          int               `json:"tickets"`
	TappedT          tonnes            `json:"tapped_t"`
	DeliveredT       tonnes            `json:"delivered_t"`
	LossT            tonnes            `json:"loss_t"`
	UnitPrice        money             `json:"unit_price"`
	UnitPriceExclVAT money             `json:"unit_price_excl_vat"`
	UnitPriceInvoice string            `json:"unit_price_excl_vat_invoice"`
	Amount           money             `json:"amount"`
	AmountInWords    words             `json:"amount_in_words"`
	AmountExclVAT    money             `json:"amount_excl_vat"`
	VAT              money             `json:"vat"`
	Invoices         []invoiceLineJSON `json:"invoices,omitempty"`
}

type totalJSON struct {
	Tickets       int    `json:"tickets"`
	TappedT       tonnes `json:"tapped_t"`
	DeliveredT    tonnes `json:"delivered_t"`
	LossT         tonnes `json:"loss_t"`
	Amount        money  `json:"amount"`
	AmountExclVAT money  `json:"amount_excl_vat"`
	VAT           money  `json:"vat"`
}

type rowsJSON struct {
	Read     int `json:"read"`
	Settled  int `json:"settled"`
	Rejected int `json:"rejected"`
	Other    int `json:"other"`
	Unpriced int `json:"unpriced"`
	Blank    int `json:"blank"`
}

// unpricedJSON is a statement that could not be priced.
type unpricedJSON struct {
	Agreement  string `json:"agreement"`
	Buyer      string `json:"buyer"`
	Month      string `json:"month"`
	Tickets    int    `json:"tickets"`
	DeliveredT tonnes `json:"delivered_t"`
	Reason     string `json:"reason"`    // in the run's language
	ReasonEN   string `json:"reason_en"` // in English, for scripts
}

type settlementJSON struct {
	Statements []statementJSON `json:"statements"`
	Total      totalJSON       `json:"total"`
	Rows       rowsJSON        `json:"rows"`
	Rejected   []problemJSON   `json:"rejected"`
	Warnings   []noteJSON      `json:"warnings"`
	Unpriced   []unpricedJSON  `json:"unpriced"`
}

func settleJSON(l i18n.Lang, s *settle.Settlement) settlementJSON {
	j := settlementJSON{
		Statements: []statementJSON{},
		Total: totalJSON{Tickets: s.Total.Tickets, TappedT: tonnes(s.Total.Tapped), DeliveredT: tonnes(s.Total.Delivered),
			LossT: tonnes(s.Total.Tapped - s.Total.Delivered), Amount: money(s.Total.Amount),
			AmountExclVAT: money(s.Total.AmountExclVAT), VAT: money(s.Total.VAT)},
		Rows:     rowsJSON{Read: s.Rows, Settled: s.Total.Tickets, Rejected: s.RejectedRows, Other: s.OtherRows, Unpriced: s.UnpricedRows(), Blank: s.BlankRows},
		Rejected: problemsJSON(l, s.Rejected),
		Warnings: notesJSON(l, s.Warnings),
		Unpriced: []unpricedJSON{},
	}
	for _, u := range s.Unpriced {
		j.Unpriced = append(j.Unpriced, unpricedJSON{Agreement: u.Agreement.ID, Buyer: u.Agreement.Buyer.Name, Month: u.Month.String(),
			Tickets: u.Tickets, DeliveredT: tonnes(u.Delivered), Reason: l.SayError(u.Reason), ReasonEN: i18n.English.SayError(u.Reason)})
	}
	for _, st := range s.Statements {
		sj := statementJSON{
			Agreement: st.Agreement.ID, Buyer: st.Agreement.Buyer.Name, Month: st.Month.String(),
			BenchmarkMonth: st.Price.Average.Month.String(), Benchmark: money(st.Price.Price.Benchmark),
			BenchmarkDays: st.Price.Average.Days, BenchmarkExpDays: st.Price.Average.ExpectedDays,
			BenchmarkStatus: benchmarkStatus(st.Price.Provisional()),
			Tickets:         st.Tickets, TappedT: tonnes(st.Tapped), DeliveredT: tonnes(st.Delivered), LossT: tonnes(st.Loss()),
			UnitPrice: money(st.Price.Price.UnitPrice), UnitPriceExclVAT: money(st.Price.Price.UnitPriceExclVAT),
			UnitPriceInvoice: pricing.InvoiceUnitPrice(st.Bill.AmountExclVAT, st.Delivered).StringFixed(8),
			Amount:           money(st.Bill.Amount), AmountInWords: words(st.Bill.Amount), AmountExclVAT: money(st.Bill.AmountExclVAT), VAT: money(st.Bill.VAT),
		}
		for _, l := range st.Invoices {
			sj.Invoices = append(sj.Invoices, invoiceLineJSON{QuantityT: tonnes(l.Quantity),
				UnitPriceInvoice: pricing.InvoiceUnitPrice(l.AmountExclVAT, l.Quantity).StringFixed(8), Amount: money(l.Amount),
				AmountExclVAT: money(l.AmountExclVAT), VAT: money(l.VAT), Residual: money(l.Residual), AmountInWords: words(l.Amount)})
		}
		j.Statements = append(j.Statements, sj)
	}
	return j
}

// einvoiceBatch is what settle --einvoice wrote, for the output beside it.
type einvoiceBatch struct {
	files  []einvoiceFile
	listed bool // whether the output's format lists the invoice lines too (CSV, a workbook)
}

// settleDoc is the settlement for people and CSV. With batch, the
// batch-issuing files written are summed up in a table of their own, and
// the invoice lines, which they hold, are a listing the terminal, Markdown
// and HTML leave out (and not even made unless batch.listed).
func settleDoc(l i18n.Lang, seller string, s *settle.Settlement, batch *einvoiceBatch) report.Doc {
	var months []pricing.Month
	for _, st := range s.Statements {
		months = append(months, st.Month)
	}
	for _, u := range s.Unpriced {
		months = append(months, u.Month)
	}
	doc := report.Doc{Title: l.T("Settlement of molten aluminium deliveries · ", "铝液结算单 · ") + s.Source + periodTitle(l, months)}
	if seller != "" {
		doc.Title += l.T(" · seller ", " · 供方 ") + seller
	}
	statements := report.Table{
		Title:   l.T("Statements", "月度结算"),
		Columns: columns(l, "agreement", "buyer~", "month:supply", "tickets~~", "tapped_t~", "delivered_t:billed", "loss_t:unbilled~", "benchmark_month~~", "benchmark_days~", "benchmark~", "unit_price", "unit_price_excl_vat~", "unit_price_excl_vat_invoice~", "amount", "amount_excl_vat~", "vat~", "+benchmark_status"),
	}
	var provisional []string
	for _, st := range s.Statements {
		if st.Price.Provisional() {
			provisional = append(provisional, fmt.Sprintf("%s %s", st.Agreement.ID, st.Month))
		}
		statements.Rows = append(statements.Rows, []report.Cell{
			report.Str(st.Agreement.ID), report.Str(st.Agreement.Buyer.Name), report.Str(st.Month.String()), report.Int(st.Tickets),
			report.Tonnes(st.Tapped), report.Tonnes(st.Delivered), report.Tonnes(st.Loss()),
			report.Str(st.Price.Average.Month.String()), report.Int(st.Price.Average.Days), report.CNY(st.Price.Price.Benchmark),
			report.CNY(st.Price.Price.UnitPrice), report.CNY(st.Price.Price.UnitPriceExclVAT),
			report.Decimals(pricing.InvoiceUnitPrice(st.Bill.AmountExclVAT, st.Delivered), 8),
			report.CNY(st.Bill.Amount), report.CNY(st.Bill.AmountExclVAT), report.CNY(st.Bill.VAT),
			benchmarkStatusCell(l, st.Price.Provisional()),
		})
	}
	t := s.Total
	statements.Footer = []report.Cell{
		report.Str(l.T("Total", "合计")), report.Empty, report.Empty, report.Int(t.Tickets),
		report.Tonnes(t.Tapped), report.Tonnes(t.Delivered), report.Tonnes(t.Tapped - t.Delivered),
		report.Empty, report.Empty, report.Empty, report.Empty, report.Empty, report.Empty,
		report.CNY(t.Amount), report.CNY(t.AmountExclVAT), report.CNY(t.VAT), report.Empty,
	}
	doc.Tables = append(doc.Tables, statements)
	if len(provisional) > 0 {
		doc.Title = provisionalTitle(l) + doc.Title
	}

	invoices := report.Table{
		Title:     l.T("Invoice lines (each below the cap excl. VAT)", "发票明细(每行金额低于开票限额)"),
		SheetName: l.T("Invoice lines", "发票明细"),
		Columns:   columns(l, "agreement", "month:supply", "line:invoice", "quantity_t", "unit_price_excl_vat_invoice", "amount", "amount_excl_vat", "vat", "residual"),
	}
	if batch != nil {
		invoices.Listing = true
	}
	for _, st := range s.Statements {
		if batch != nil && !batch.listed {
			break
		}
		for i, line := range st.Invoices {
			invoices.Rows = append(invoices.Rows, []report.Cell{
				report.Str(st.Agreement.ID), report.Str(st.Month.String()), report.Int(i + 1), report.Tonnes(line.Quantity),
				report.Decimals(pricing.InvoiceUnitPrice(line.AmountExclVAT, line.Quantity), 8), report.CNY(line.Amount), report.CNY(line.AmountExclVAT), report.CNY(line.VAT), report.CNY(line.Residual),
			})
		}
	}
	days := report.Table{
		Title:   l.T("Tickets by day", "按日票据汇总"),
		Sheet:   true,
		Columns: columns(l, "agreement", "date", "tickets", "tapped_t", "delivered_t", "loss_t"),
	}
	for _, st := range s.Statements {
		for _, day := range st.Days {
			days.Rows = append(days.Rows, []report.Cell{report.Str(st.Agreement.ID), report.Str(pricing.FormatDate(day.Date)), report.Int(day.Tickets),
				report.Tonnes(day.Tapped), report.Tonnes(day.Delivered), report.Tonnes(day.Tapped - day.Delivered)})
		}
	}
	unpriced := report.Table{
		Title:     l.T("Not priced (no quotes for the benchmark month)", "未定价(基准月份无报价)"),
		SheetName: l.T("Not priced", "未定价"),
		Columns:   columns(l, "agreement", "buyer", "month:supply", "tickets", "delivered_t", "reason"),
	}
	for _, u := range s.Unpriced {
		unpriced.Rows = append(unpriced.Rows, []report.Cell{report.Str(u.Agreement.ID), report.Str(u.Agreement.Buyer.Name), report.Str(u.Month.String()),
			report.Int(u.Tickets), report.Tonnes(u.Delivered), report.Str(l.SayError(u.Reason))})
	}
	doc.Tables = append(doc.Tables, days)
	if batch != nil {
		doc.Tables = append(doc.Tables, einvoiceTable(l, batch.files))
	}
	doc.Tables = append(doc.Tables, invoices,
		problemsTable(l, l.T("Rejected rows (not settled)", "已剔除的行(未结算)"), s.Rejected),
		notesTable(l, l.T("Warnings", "警告"), s.Warnings))
	if len(s.Unpriced) > 0 {
		doc.Tables = append(doc.Tables, unpriced)
	}
	doc.Notes = []string{
		l.T("Billed on the weight delivered at the buyer's end (rule 2.6); the loss (tapped − delivered) is the smelter's and never billed (rules 2.5, 2.6).",
			"按终端实际到位量结算(第2.6条);途损(出厂 − 到位)由供方承担,不计入结算(第2.5、2.6条)。"),
		l.T("Amount = unit price × the month's total delivered weight, rounded once to the fen; amount excl. VAT = amount ÷ (1 + rate) to the fen; VAT = amount − amount excl. VAT.",
			"价税合计 = 单价 × 当月到位总量,只在最后四舍五入到分一次;金额 = 价税合计 ÷ (1 + 税率),保留到分;税额 = 价税合计 − 金额。"),
		rowsNote(l, s),
		l.T("Invoice unit price = amount excl. VAT ÷ delivered tonnes to 8 decimals: the 单价 to type on the invoice, so that quantity × 单价 gives 金额; the per-tonne price excl. VAT to the fen does not.",
			"开票单价 = 金额 ÷ 到位吨数,保留8位小数:开票时填写的单价,数量 × 单价 = 金额;按吨取到分的不含税单价做不到这一点。"),
	}
	if len(provisional) > 0 {
		doc.Notes = append(doc.Notes, fmt.Sprintf(l.T("PROVISIONAL: priced on a benchmark month whose quotes are not all in: %s. Not a final bill.",
			"暂定价:基准月份报价尚未完整:%s。并非最终结算。"), strings.Join(provisional, ", ")))
	}
	if n := s.RejectedRows; n > 0 && len(s.Rejected) < n {
		doc.Notes = append(doc.Notes, fmt.Sprintf(l.T("Only the problems of the first rejected rows are listed (%d rows rejected).",
			"仅列出前面被剔除行的问题(共剔除 %d 行)。"), n))
	}
	if s.MoreWarnings > 0 {
		doc.Notes = append(doc.Notes, fmt.Sprintf(l.T("%d more warnings are not listed.", "另有 %d 条警告未列出。"), s.MoreWarnings))
	}
	return doc
}

// rowsNote accounts for every row of the deliveries file.
func rowsNote(l i18n.Lang, s *settle.Settlement) string {
	text := fmt.Sprintf(l.T("Rows: %d read = %d settled + %d rejected + %d outside the month or agreement asked for",
		"行数:读取 %d = 结算 %d + 剔除 %d + 不在所选月份或协议内 %d"), s.Rows, s.Total.Tickets, s.RejectedRows, s.OtherRows)
	if n := s.UnpricedRows(); n > 0 {
		text += fmt.Sprintf(l.T(" + %d not priced", " + 未定价 %d"), n)
	}
	if s.BlankRows > 0 {
		text += fmt.Sprintf(l.T("; %d blank rows skipped", ";跳过空行 %d"), s.BlankRows)
	}
	return text + l.T(".", "。")
}

// problemsTable lists bad input values.
func problemsTable(l i18n.Lang, title string, list pricing.ErrorList) report.Table {
	t := report.Table{
		Title:   title,
		Columns: columns(l, "line", "field", "value", "reason_"),
	}
	for _, e := range list {
		t.Rows = append(t.Rows, []report.Cell{report.Int(e.Line), report.Str(e.Field), report.Str(e.Value), report.Str(l.SayError(e.Err))})
	}
	return t
}

// notesTable lists remarks on rows.
func notesTable(l i18n.Lang, title string, notes []pricing.Note) report.Table {
	t := report.Table{
		Title:   title,
		Columns: columns(l, "line", "date", "reason_"),
	}
	for _, n := range notes {
		t.Rows = append(t.Rows, []report.Cell{report.Int(n.Line), report.Str(pricing.FormatDate(n.Date)), report.Str(l.Say(n.Why))})
	}
	return t
}

// einvoiceTable sums up the batch-issuing files written: a row a file
// (each a batch the platform imports at once), with its invoices, lines
// and totals, and the totals of all.
func einvoiceTable(l i18n.Lang, files []einvoiceFile) report.Table {
	t := report.Table{
		Title:     l.T("Batch-issuing files written (数电 批量开票)", "已写入的批量开票文件(数电)"),
		SheetName: l.T("Batch files", "批量开票文件"),
		Summary:   true,
		Columns:   columns(l, "file", "invoices", "lines", "amount_excl_vat", "vat", "amount"),
		Notes: []string{l.T("Every invoice line is in the files; --format csv and json list them here too.",
			"每行发票明细都在这些文件中;供脚本读取的输出格式也逐行列出。")},
	}
	total, invoices, lines := pricing.ZeroAmounts(), 0, 0
	for _, f := range files {
		t.Rows = append(t.Rows, []report.Cell{report.Str(f.name), report.Int(f.invoices), report.Int(f.lines),
			report.CNY(f.AmountExclVAT), report.CNY(f.VAT), report.CNY(f.Amount)})
		total = total.Add(f.Amounts)
		invoices += f.invoices
		lines += f.lines
	}
	t.Footer = []report.Cell{report.Str(l.T("Total", "合计")), report.Int(invoices), report.Int(lines),
		report.CNY(total.AmountExclVAT), report.CNY(total.VAT), report.CNY(total.Amount)}
	return t
}
