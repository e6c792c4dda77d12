package main

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"alprice/cmd/alprice/i18n"
	"alprice/cmd/alprice/report"
	"alprice/pricing"
	"alprice/pricing/einvoice"
	"alprice/pricing/invoice"
	"alprice/pricing/settle"
)

type trueupOptions struct {
	agreementsPath string
	agreementID    string
	month          string
	quotes         quotesFlags
	deliveries     deliveriesInput
	invoices       invoicesInput
	invoiceCap     string
	taxTolerance   string
	einvoice       einvoiceFlags
	redRequests    string
}

func newTrueupCmd(a *app) *cobra.Command {
	o := &trueupOptions{}
	cmd := &cobra.Command{
		Use:   "trueup",
		Short: "True up provisional invoices to the month's final price (补差): red or blue invoices",
		Long: `An agreement that prices a month on its own average (当月均价) invoices a month in
progress provisionally — on the previous month's final average, or on the month
to date (provisional_basis in the agreements file) — and trues up (补差) once the
month's average is final. For each agreement and supply month of the issued
invoices (--invoices, the invoices-file format check reads), once the month's
benchmark is complete:

  final bill   the settlement of the month's deliveries on the final price,
               exactly what settle prints for it (rule 2.6: the delivered weight)
  invoiced     the sums of the issued invoices; each is checked for arithmetic
               as check does, and the quantity against the delivered weight
  difference   final − invoiced, in amount, amount excl. VAT and VAT, so that
               invoiced + difference = final exactly in all three
  action       red: the final bill is lower — a partial red-letter request
               (红字确认单, reason 销售折让, a price allowance) per blue invoice
               line, its amounts allocated by quantity, the rounding on the
               last line; blue: higher — supplementary price-difference lines
               (补开, amounts only), each below --invoice-cap; none: equal

The provisional basis is shown beside the final price. A month its terms price on
the previous month's average (上月均价, final before the month is delivered, so its
invoices are final) is skipped, and the output says which; named with --agreement,
it is trued up as asked.` + `

EXIT STATUS
  0  the true-ups were computed (a true-up is the expected outcome)
  1  an issued invoice is itself wrong, or the quantity invoiced is not the
     quantity delivered (the output lists each finding)
  2  usage or input error, or a month whose benchmark is not complete yet
  130, 143  interrupted by SIGINT (Ctrl-C) or SIGTERM: an existing --out file is left as it was`,
		Annotations: chinese("把暂定价发票补差到该月最终价格:红字或蓝字发票", `按当月均价定价的协议,在月中按暂定价开票 —— 依据上月最终均价,或当月至今
的均价(协议文件中的 provisional_basis)—— 待该月均价确定后补差。对已开发票
(--invoices,即 check 读取的发票文件格式)中的每份协议和供货月份,在该月基准
价确定后:

  final bill   按最终价格结算该月到位记录,与 settle 的结果完全相同
               (第 2.6 条:按到位重量)
  invoiced     已开发票的合计;每张都像 check 一样核对算术,并核对数量与到位重量
  difference   最终 − 已开,分金额、不含税金额和税额三项,使三项都恰好满足
               已开 + 差额 = 最终
  action       red:最终货款更低 —— 按每个蓝字发票行开具部分红字确认单(原因
               为销售折让),金额按数量分摊,取整差放在最后一行;blue:更高 ——
               补开价差行(只有金额),每行低于 --invoice-cap;none:相等

暂定价依据列在最终价格旁边。按上月均价定价的协议月份(上月均价在供货前已确定,
其发票即按最终价开具)不作补差,输出写明跳过了哪些;用 --agreement 指名时照常补差。

退出状态
  0  已算出补差(补差是预期的结果)
  1  某张已开发票本身有误,或开票数量不等于到位数量(输出逐条列出)
  2  用法或输入错误,或某月的基准价尚未确定`+exitInterruptedZH),
		Example: `  alprice trueup --agreements testdata/trueup/agreements.yaml --quotes testdata/quotes-2026-h1.csv \
                 --deliveries testdata/trueup/deliveries.csv --invoices testdata/trueup/issued.csv
  alprice trueup --agreements testdata/trueup/agreements.yaml --quotes testdata/quotes-2026-h1.csv \
                 --deliveries testdata/trueup/deliveries.csv --invoices testdata/trueup/issued.csv \
                 --month 2026-03 --invoice-cap 100,000 --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runTrueup(cmd, a, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.agreementsPath, "agreements", "", "agreements `FILE` (YAML); - for stdin")
	f.StringVar(&o.agreementID, "agreement", "", "true up only the agreement with this `ID` (or buyer name)")
	f.StringVar(&o.month, "month", "", "true up only this supply month `YYYY-MM`; also the supply month of an invoice that states none (no 供货月份 in its 备注)")
	o.quotes.bind(f, "Changjiang A00 daily quotes `FILE` (CSV)")
	o.deliveries.bind(f, "ladle deliveries `FILE` (CSV) of the months trued up")
	o.invoices.bind(f, "the invoices issued, red and blue, `FILE` (as check reads: CSV, 数电 XML, the 信息汇总表 export)")
	f.StringVar(&o.invoiceCap, "invoice-cap", "", "split a blue true-up into invoices below this `AMOUNT` excl. VAT each (default: the agreement's invoice: cap; else one)")
	f.StringVar(&o.taxTolerance, "tax-tolerance", "0.06", "largest `AMOUNT` an issued line's VAT may differ from amount × rate")
	f.StringVar(&o.einvoice.path, "einvoice", "", "also write the blue true-ups as the e-invoice platform's batch-issuing `FILE.xlsx` (price-difference lines)")
	f.StringVar(&o.einvoice.template, "einvoice-template", "", "fill this newer blank `FILE.xlsx` downloaded from the platform instead of the embedded V260401")
	f.StringVar(&o.redRequests, "red-requests", "", "also write the red-letter requests to `FILE` (.csv or .xlsx): blue invoice, line, reason 销售折让, amounts")
	return cmd
}

func runTrueup(cmd *cobra.Command, a *app, o *trueupOptions) error {
	opts := invoice.TrueUpOptions{}
	if err := o.einvoice.check(); err != nil {
		return err
	}
	if ext := strings.ToLower(filepath.Ext(o.redRequests)); o.redRequests != "" && ext != ".csv" && ext != ".xlsx" {
		return usageError{pricing.Errorf("--red-requests %s: name it .csv or .xlsx", o.redRequests)}
	}
	var err error
	if o.month != "" {
		if opts.Month, err = pricing.ParseMonth(o.month); err != nil {
			return flagError("month", o.month, err)
		}
	}
	if opts.InvoiceCap, err = invoiceCap(o.invoiceCap); err != nil {
		return err
	}
	if opts.TaxTolerance, err = taxTolerance(o.taxTolerance); err != nil {
		return err
	}
	if err := missingFlags([]string{"agreements", "quotes", "deliveries", "invoices"}, o.agreementsPath, o.quotes.path, o.deliveries.path, o.invoices.path); err != nil {
		return err
	}
	if _, err := o.invoices.checkFormat(); err != nil {
		return err
	}
	in, err := a.readPricing(o.agreementsPath, o.agreementID, &o.quotes, &o.deliveries.csvInput, &o.invoices.csvInput)
	if err != nil {
		return err
	}
	agreements, q := in.agreements, in.quotes
	opts.Agreement = in.chosen
	invoices, s, err := a.readInvoicesBeside(cmd.Context(), &o.invoices, opts.Month, &o.deliveries, agreements, q, settle.SettleOptions{Month: opts.Month, Agreement: opts.Agreement})
	if err != nil {
		return err
	}
	if len(s.Unpriced) > 0 {
		// A true-up needs the final price of every statement it trues up.
		return found(unpricedError(s.Unpriced))
	}
	res, err := invoice.TrueUps(invoices, agreements, q, s, opts)
	if err != nil {
		return err
	}
	if o.einvoice.path != "" {
		invs, err := einvoice.TrueUpEInvoices(res, agreements, opts.InvoiceCap)
		if err != nil {
			return err
		}
		if _, err := a.writeEInvoices(o.einvoice, invs); err != nil {
			return err
		}
	}
	if o.redRequests != "" {
		if err := a.writeRedRequests(o.redRequests, res); err != nil {
			return err
		}
	}
	if err := a.emit(result{
		doc:  func() report.Doc { return trueupDoc(a.lang, agreements.Seller.Name, invoices.Source, res) },
		json: func() any { return trueupJSON(a.lang, res) },
	}); err != nil {
		return err
	}
	if len(res.Findings) > 0 {
		return errFound
	}
	return nil
}

type amountsJSON struct {
	Amount        money `json:"amount"`
	AmountInWords words `json:"amount_in_words"`
	AmountExclVAT money `json:"amount_excl_vat"`
	VAT           money `json:"vat"`
}

func amountsOf(a pricing.Amounts) amountsJSON {
	return amountsJSON{money(a.Amount), words(a.Amount), money(a.AmountExclVAT), money(a.VAT)}
}

type invoicedJSON struct {
	QuantityT tonnes `json:"quantity_t"`
	amountsJSON
}

type priceJSON struct {
	Basis          string `json:"basis,omitempty"`
	BenchmarkMonth string `json:"benchmark_month,omitempty"`
	Benchmark      *money `json:"benchmark,omitempty"`
	BenchmarkDays  int    `json:"benchmark_days,omitempty"`
	UnitPrice      *money `json:"unit_price,omitempty"`
}

func priceOf(mp *pricing.MonthPrice) priceJSON {
	if mp == nil {
		return priceJSON{}
	}
	b, u := money(mp.Price.Benchmark), money(mp.Price.UnitPrice)
	return priceJSON{Basis: string(mp.Basis), BenchmarkMonth: mp.Average.Month.String(), Benchmark: &b,
		BenchmarkDays: mp.Average.Days, UnitPrice: &u}
}

type trueupLineJSON struct {
	InvoiceNo string  `json:"invoice_no"`
	Line      int     `json:"line"`
	QuantityT *tonnes `json:"quantity_t"`
	Reason    string  `json:"reason,omitempty"`
	amountsJSON
}

type trueupJSONRow struct {
	Agreement   string           `json:"agreement"`
	Buyer       string           `json:"buyer"`
	Month       string           `json:"month"`
	Provisional priceJSON        `json:"provisional"`
	Final       priceJSON        `json:"final"`
	DeliveredT  tonnes           `json:"delivered_t"`
	Invoices    []string         `json:"invoices"`
	Invoiced    invoicedJSON     `json:"invoiced"`
	FinalBill   amountsJSON      `json:"final_bill"`
	Difference  amountsJSON      `json:"difference"`
	Action      string           `json:"action"`
	Lines       []trueupLineJSON `json:"lines"`
}

type trueupResultJSON struct {
	TrueUps  []trueupJSONRow  `json:"trueups"`
	Findings []findingJSON    `json:"findings"`
	Skipped  []trueupSkipJSON `json:"skipped"`
}

// trueupSkipJSON is a month a true-up passed over, and why.
type trueupSkipJSON struct {
	Agreement string `json:"agreement"`
	Month     string `json:"month"`
	Code      string `json:"code"`
	Reason    string `json:"reason"`
}

func trueupJSON(l i18n.Lang, r *invoice.TrueUpResult) trueupResultJSON {
	j := trueupResultJSON{TrueUps: []trueupJSONRow{}, Findings: findingsJSON(l, r.Findings), Skipped: []trueupSkipJSON{}}
	for _, sk := range r.Skipped {
		j.Skipped = append(j.Skipped, trueupSkipJSON{sk.Agreement.ID, sk.Month.String(), sk.Why.Code, l.Say(sk.Why)})
	}
	for _, tu := range r.TrueUps {
		row := trueupJSONRow{
			Agreement: tu.Agreement.ID, Buyer: tu.Agreement.Buyer.Name, Month: tu.Month.String(),
			Provisional: priceOf(tu.Provisional), Final: priceOf(&tu.Final), DeliveredT: tonnes(tu.Delivered),
			Invoices: tu.Invoices, Invoiced: invoicedJSON{tonnes(tu.Quantity), amountsOf(tu.Invoiced)},
			FinalBill: amountsOf(tu.FinalBill), Difference: amountsOf(tu.Difference), Action: string(tu.Action),
			Lines: []trueupLineJSON{},
		}
		for _, line := range tu.Lines {
			lj := trueupLineJSON{InvoiceNo: line.InvoiceNo, Line: line.Line, amountsJSON: amountsOf(line.Amounts)}
			if tu.Action == invoice.Red {
				q := tonnes(line.Quantity)
				lj.QuantityT, lj.Reason = &q, invoice.RedLetterReason
			}
			row.Lines = append(row.Lines, lj)
		}
		j.TrueUps = append(j.TrueUps, row)
	}
	return j
}

// writeRedRequests writes the partial red-letter requests of the red
// true-ups, one row per blue invoice line: a table for the clerk filing
// 红字确认单, as CSV or a workbook by the file's extension. Each row has a
// serial of 19 characters ([einvoice.Serial], kind R), within the
// platform's 20.
func (a *app) writeRedRequests(path string, r *invoice.TrueUpResult) error {
	t := report.Table{
		Title: "部分红冲申请(红字确认单)· 原因:销售折让",
		Columns: columns(i18n.Chinese, "serial:request", "agreement", "month:supply", "invoice_no:blue", "line:invoice", "reason", "reason_code",
			"quantity_t:reference", "amount_excl_vat", "vat", "amount"),
	}
	for _, tu := range r.TrueUps {
		if tu.Action != invoice.Red {
			continue
		}
		for i, l := range tu.Lines {
			serial := einvoice.Serial(tu.Agreement.ID, tu.Month, einvoice.SerialRedRequest, i+1)
			t.Rows = append(t.Rows, []report.Cell{report.Str(serial), report.Str(tu.Agreement.ID), report.Str(tu.Month.String()), report.Str(l.InvoiceNo),
				report.Int(l.Line), report.Str(invoice.RedLetterReason), report.Str(invoice.RedLetterReasonCode),
				report.Tonnes(l.Quantity), report.CNY(l.AmountExclVAT), report.CNY(l.VAT), report.CNY(l.Amount)})
		}
	}
	doc := report.Doc{Title: "补差红冲申请", Tables: []report.Table{t},
		Notes: []string{"只冲金额不冲数量;数量仅供参考。金额、税额为负数。"}}
	var buf bytes.Buffer
	var err error
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		err = report.WriteXLSXIn(&buf, doc, a.work.get())
	} else {
		err = report.WriteCSV(&buf, doc)
	}
	if err != nil {
		return err
	}
	return a.output.write(path, buf.Bytes())
}

// actionCell says a true-up's action in l, and as its code in machine
// formats.
func actionCell(l i18n.Lang, a invoice.Action) report.Cell {
	switch a {
	case invoice.Red:
		return report.Coded(l.T("red (partial reversal)", "红冲(部分)"), string(a))
	case invoice.Blue:
		return report.Coded(l.T("blue (supplementary)", "补开蓝字"), string(a))
	}
	return report.Coded(l.T("none", "无需补差"), string(a))
}

func trueupDoc(l i18n.Lang, seller, source string, r *invoice.TrueUpResult) report.Doc {
	doc := report.Doc{Title: l.T("True-up of provisional invoices (补差) · ", "暂定价发票补差 · ") + source}
	if seller != "" {
		doc.Title += l.T(" · seller ", " · 供方 ") + seller
	}
	summary := report.Table{
		Title: l.T("By agreement and month", "按协议和月份"),
		Columns: columns(l, "agreement", "buyer", "month:supply", "provisional_month", "provisional_price", "benchmark_month:final",
			"benchmark_days", "unit_price:final", "delivered_t", "quantity_t:billed", "billed", "final_bill", "difference_amount",
			"difference_excl_vat", "difference_vat", "action"),
	}
	lines := report.Table{
		Title:   l.T("Lines to issue", "应开具的发票行"),
		Columns: columns(l, "agreement", "month:supply", "action", "invoice_no:blue", "line:invoice", "quantity_t:reference", "amount", "amount_excl_vat", "vat", "reason"),
	}
	for _, tu := range r.TrueUps {
		provMonth, provPrice := report.Empty, report.Empty
		if tu.Provisional != nil {
			provMonth, provPrice = report.Str(tu.Provisional.Average.Month.String()), report.CNY(tu.Provisional.Price.UnitPrice)
		}
		summary.Rows = append(summary.Rows, []report.Cell{
			report.Str(tu.Agreement.ID), report.Str(tu.Agreement.Buyer.Name), report.Str(tu.Month.String()), provMonth, provPrice,
			report.Str(tu.Final.Average.Month.String()), report.Int(tu.Final.Average.Days), report.CNY(tu.Final.Price.UnitPrice),
			report.Tonnes(tu.Delivered), report.Tonnes(tu.Quantity), report.CNY(tu.Invoiced.Amount), report.CNY(tu.FinalBill.Amount),
			report.CNY(tu.Difference.Amount), report.CNY(tu.Difference.AmountExclVAT), report.CNY(tu.Difference.VAT), actionCell(l, tu.Action),
		})
		for _, line := range tu.Lines {
			quantity, blueNo := report.Empty, report.Empty
			reason := report.Coded(l.T("price difference (价差)", "价差"), "price difference")
			if tu.Action == invoice.Red {
				quantity, blueNo = report.Tonnes(line.Quantity), report.Str(line.InvoiceNo)
				reason = report.Coded(l.T("销售折让 (price allowance)", "销售折让"), invoice.RedLetterReason)
			}
			lines.Rows = append(lines.Rows, []report.Cell{
				report.Str(tu.Agreement.ID), report.Str(tu.Month.String()), actionCell(l, tu.Action), blueNo, report.Int(line.Line),
				quantity, report.CNY(line.Amount), report.CNY(line.AmountExclVAT), report.CNY(line.VAT), reason,
			})
		}
	}
	doc.Tables = append(doc.Tables, summary, lines, findingsTable(l, r.Findings))
	doc.Notes = []string{
		l.T("Final bill = the settlement of the month's delivered weight on the final price (rule 2.6); difference = final bill − invoiced, so that invoiced + difference = final bill exactly in amount, amount excl. VAT and VAT.",
			"最终结算 = 当月到位量按最终价格结算(第2.6条);差额 = 最终结算 − 已开票,已开票 + 差额 = 最终结算,价税合计、金额、税额均精确相等。"),
		l.T("Red: a partial red-letter request per blue invoice line, reason 销售折让 (code 04): amounts only, allocated by quantity, the rounding on the last line. Blue: supplementary price-difference lines, amounts only, each below the invoice cap.",
			"红冲:按蓝字发票逐行申请部分红字确认单,原因销售折让(04),只冲金额不冲数量,按数量分摊,尾差在最后一行。补开:价差行只开金额,每行低于开票限额。"),
	}
	for _, sk := range r.Skipped {
		doc.Notes = append(doc.Notes, l.T("Skipped: ", "未补差:")+l.Say(sk.Why))
	}
	return doc
}
