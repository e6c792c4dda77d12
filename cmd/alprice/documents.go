package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"alprice/cmd/alprice/i18n"
	"alprice/cmd/alprice/report"
	"alprice/pricing"
	"alprice/pricing/invoice"
	"alprice/pricing/settle"
)

// The printed documents of --format html (issue #30): what each command
// shows, laid out for A4 by report.WriteHTML. A command's own document —
// settle's statements for signing, table's price notices, check's verdict —
// is made here from what the domain returned; any other command's output is
// its document (the tables, notes and charts of every format) as HTML.

// htmlOf is r as an HTML document: its own, or its doc laid out.
func (a *app) htmlOf(r result) (report.HTML, error) {
	if r.html != nil {
		return r.html()
	}
	return htmlPage(a.lang, r.doc()), nil
}

// htmlPage lays d out as an HTML document in l, marked provisional on
// every page when its title says so, as every format's does.
func htmlPage(l i18n.Lang, d report.Doc) report.HTML {
	return report.HTML{Lang: langCode(l), T: l.T, Title: d.Title, Provisional: strings.HasPrefix(d.Title, provisionalTitle(l)), Doc: &d}
}

// langCode is l as the document's lang attribute says it.
func langCode(l i18n.Lang) string { return l.T("en", "zh") }

// benchmarkText says what a price stands on: the month's Changjiang A00
// average, its quote days and whether it is final (rule 2.1).
func benchmarkText(l i18n.Lang, mp pricing.MonthPrice) string {
	status := l.T("final", "已完整")
	if mp.Provisional() {
		status = l.T("PROVISIONAL: not all quotes in", "暂定:报价尚未完整")
	}
	return fmt.Sprintf(l.T("Changjiang A00 spot average of %s: %s CNY/t, %d of %d quote days, %s (rule 2.1)",
		"长江有色A00铝现货 %s 月均价:%s 元/吨,%d/%d 个报价日,%s(第2.1条)"),
		mp.Average.Month, report.CNY(mp.Price.Benchmark).Display(), mp.Average.Days, mp.Average.ExpectedDays, status)
}

// buildUp is the price build-up of mp line by line with its policy rule,
// the table alprice quote shows.
func buildUp(l i18n.Lang, seller string, ag *pricing.Agreement, mp pricing.MonthPrice) report.Table {
	t := monthQuote(seller, ag, mp).doc(l).Tables[0]
	t.Title = l.T("Price build-up, CNY/t", "价格构成(元/吨)")
	return t
}

// settleHTML is settle's document: a statement for signing per agreement
// and supply month, then, when there is more than one or anything was left
// out, the settlement of the file as every format shows it.
func settleHTML(l i18n.Lang, ags *pricing.Agreements, s *settle.Settlement, batch *einvoiceBatch) (report.HTML, error) {
	doc := settleDoc(l, ags.Seller.Name, s, batch)
	h := report.HTML{Lang: langCode(l), T: l.T, Title: doc.Title}
	for _, st := range s.Statements {
		p, err := statementPaper(l, ags, st)
		if err != nil {
			return h, err
		}
		h.Papers = append(h.Papers, p)
	}
	if len(s.Statements) != 1 || s.RejectedRows > 0 || len(s.Unpriced) > 0 || len(s.Warnings) > 0 {
		h.Doc = &doc
		h.Provisional = strings.HasPrefix(doc.Title, provisionalTitle(l))
	}
	return h, nil
}

// statementPaper is the statement (结算单) of one agreement and month that
// both sides sign: the parties, the benchmark, the build-up, every ladle,
// the totals, the amount in figures and in capitals with its VAT split, and
// the blocks for signature and seal.
func statementPaper(l i18n.Lang, ags *pricing.Agreements, st settle.Statement) (report.Paper, error) {
	seller, buyer := ags.Seller, st.Agreement.Buyer
	words, err := pricing.AmountInWords(st.Bill.Amount)
	if err != nil {
		return report.Paper{}, err
	}
	p := report.Paper{
		Kind:        "statement",
		Title:       fmt.Sprintf(l.T("Settlement statement for molten aluminium · %s", "铝液结算单 · %s"), st.Month),
		Provisional: st.Price.Provisional(),
		Running:     fmt.Sprintf(l.T("Settlement statement · %s · %s · %s", "铝液结算单 · %s · %s · %s"), st.Agreement.ID, buyer.Name, st.Month),
		Facts: []report.Fact{
			{Label: l.T("Seller", "供方"), Value: report.Str(seller.Name)},
			{Label: l.T("Buyer", "需方"), Value: report.Str(buyer.Name)},
			{Label: l.T("Seller's tax id", "供方纳税人识别号"), Value: report.Str(seller.TaxID)},
			{Label: l.T("Buyer's tax id", "需方纳税人识别号"), Value: report.Str(buyer.TaxID)},
			{Label: l.T("Agreement", "协议编号"), Value: report.Str(st.Agreement.ID)},
			{Label: l.T("Supply month", "供货月份"), Value: report.Str(st.Month.String())},
		},
		Paragraphs: []string{l.T("Benchmark: ", "基准价:") + benchmarkText(l, st.Price)},
	}
	ladles := report.Table{
		Title:   fmt.Sprintf(l.T("Ladles delivered (%d tickets)", "铝液包到位明细(%d 票)"), st.Tickets),
		Columns: columns(l, "n", "ticket", "date", "tapped_t", "delivered_t:billed", "loss_t:unbilled"),
	}
	for i, ld := range st.Ladles {
		ladles.Rows = append(ladles.Rows, []report.Cell{report.Int(i + 1), report.Str(ld.Ticket), report.Str(pricing.FormatDate(ld.Date)),
			report.Tonnes(ld.Tapped), report.Tonnes(ld.Delivered), report.Tonnes(ld.Loss())})
	}
	ladles.Footer = []report.Cell{report.Str(l.T("Total", "合计")), report.Int(st.Tickets), report.Empty,
		report.Tonnes(st.Tapped), report.Tonnes(st.Delivered), report.Tonnes(st.Loss())}
	p.Tables = []report.Table{buildUp(l, seller.Name, st.Agreement, st.Price), ladles}
	if len(st.Invoices) > 0 {
		invoices := report.Table{
			Title:   l.T("Invoices (each below the cap excl. VAT)", "发票(每张金额低于开票限额)"),
			Columns: columns(l, "line:invoice", "quantity_t", "unit_price_excl_vat_invoice", "amount", "amount_excl_vat", "vat"),
		}
		for i, line := range st.Invoices {
			invoices.Rows = append(invoices.Rows, []report.Cell{report.Int(i + 1), report.Tonnes(line.Quantity),
				report.Decimals(pricing.InvoiceUnitPrice(line.AmountExclVAT, line.Quantity), 8), report.CNY(line.Amount), report.CNY(line.AmountExclVAT), report.CNY(line.VAT)})
		}
		p.Tables = append(p.Tables, invoices)
	}
	rate := pricing.RateText(st.Price.Price.VATRate)
	p.Amount = &report.Amount{
		Facts: []report.Fact{
			{Label: l.T("Unit price incl. VAT, CNY/t", "单价(含税,元/吨)"), Value: report.CNY(st.Price.Price.UnitPrice)},
			{Label: l.T("Delivered weight, t (rule 2.6)", "结算重量(到位,吨,第2.6条)"), Value: report.Tonnes(st.Delivered)},
			{Label: l.T("Amount incl. VAT (价税合计), CNY", "价税合计(元)"), Value: report.CNY(st.Bill.Amount)},
			{Label: l.T("Amount excl. VAT (金额), CNY", "金额(不含税,元)"), Value: report.CNY(st.Bill.AmountExclVAT)},
			{Label: fmt.Sprintf(l.T("VAT (税额) at %s, CNY", "税额(税率 %s,元)"), rate), Value: report.CNY(st.Bill.VAT)},
		},
		InWords: words,
	}
	p.Notes = []string{
		l.T("Billed on the weight delivered at the buyer's end (rule 2.6); the loss (tapped − delivered) is the smelter's and never billed (rules 2.5, 2.6).",
			"按终端实际到位量结算(第2.6条);途损(出厂 − 到位)由供方承担,不计入结算(第2.5、2.6条)。"),
		l.T("Amount = unit price × the month's delivered weight, rounded once to the fen; amount excl. VAT = amount ÷ (1 + rate) to the fen; VAT = amount − amount excl. VAT.",
			"价税合计 = 单价 × 当月到位总量,只在最后四舍五入到分一次;金额 = 价税合计 ÷ (1 + 税率),保留到分;税额 = 价税合计 − 金额。"),
	}
	p.Signatures = []report.Signature{
		{Role: l.T("Seller (seal)", "供方(盖章)"), Name: seller.Name, TaxID: seller.TaxID},
		{Role: l.T("Buyer (seal)", "需方(盖章)"), Name: buyer.Name, TaxID: buyer.TaxID},
	}
	return p, nil
}

// chartMonths is how many months a price notice's chart draws, ending with
// the notice's month.
const chartMonths = 12

// noticeHTML is table's --notice document: a price notice (价格通知函) per
// agreement and month priced, each with the chart of the benchmark and the
// agreement's price over the last 12 months the quotes have.
func noticeHTML(l i18n.Lang, ags *pricing.Agreements, q *pricing.Quotes, tables []agreementPrices) (report.HTML, error) {
	seller := ags.Seller
	h := report.HTML{Lang: langCode(l), T: l.T, Title: l.T("Molten aluminium price notices", "铝液价格通知函")}
	all := q.Months()
	for _, t := range tables {
		ag := t.agreement
		for _, r := range t.rows {
			if r.price == nil {
				continue // the table says why; a notice has nothing to say
			}
			mp := *r.price
			// The months the quotes have before the notice's, and the
			// notice's own: a month priced on the previous month's
			// average has no quotes of its own yet.
			before, _ := slices.BinarySearch(all, mp.Month)
			months := append(slices.Clone(all[max(0, before+1-chartMonths):before]), mp.Month)
			history, err := priceHistory(ag, q, months)
			if err != nil {
				return h, err
			}
			chart := priceChart(l, q, months, []agreementPrices{history})
			chart.Title = fmt.Sprintf(l.T("Changjiang A00 monthly average and the %s unit price, CNY/t", "长江A00月均价与 %s 单价(元/吨)"), ag.ID)
			p := report.Paper{
				Kind:        "notice",
				Title:       fmt.Sprintf(l.T("Price notice: molten aluminium supplied in %s", "铝液价格通知函(%s 供货)"), mp.Month),
				Provisional: mp.Provisional(),
				Running:     fmt.Sprintf(l.T("Price notice · %s · %s · %s", "铝液价格通知函 · %s · %s · %s"), ag.ID, ag.Buyer.Name, mp.Month),
				To:          ag.Buyer.Name,
				From:        seller.Name,
				Paragraphs: []string{fmt.Sprintf(l.T(
					"Under agreement %s, molten aluminium supplied in %s is priced at %s CNY/t including VAT (%s CNY/t excluding VAT at %s), built up as clause 2 of the Changji Prefecture policy requires and set out below.",
					"根据双方铝液供货协议(编号 %s),%s 供货的铝液单价为含税 %s 元/吨(不含税 %s 元/吨,税率 %s),按《昌吉州关于推进铝下游产业高质量发展的实施意见(试行)》第二条构成如下。"),
					ag.ID, mp.Month, report.CNY(mp.Price.UnitPrice).Display(), report.CNY(mp.Price.UnitPriceExclVAT).Display(), pricing.RateText(mp.Price.VATRate))},
				Tables: []report.Table{buildUp(l, seller.Name, ag, mp)},
				Chart:  &chart,
				Notes: []string{
					l.T("Basis: ", "定价依据:") + benchmarkText(l, mp) + l.T(".", "。"),
					l.T("Billed on the weight delivered at the buyer's end (rule 2.6); every deduction is the agreement's (rule 2.4).",
						"按终端实际到位量结算(第2.6条);各项扣减均为协议约定(第2.4条)。"),
				},
				Signatures: []report.Signature{{Role: l.T("Seller (seal)", "供方(盖章)"), Name: seller.Name, TaxID: seller.TaxID}},
			}
			h.Papers = append(h.Papers, p)
		}
	}
	return h, nil
}

// priceHistory prices agreement ag for the months a notice's chart draws:
// a month the quotes cannot price yet, or that no terms version covers, is
// a gap.
func priceHistory(ag *pricing.Agreement, q *pricing.Quotes, months []pricing.Month) (agreementPrices, error) {
	h := agreementPrices{agreement: ag}
	for _, m := range months {
		if _, err := ag.TermsFor(m); err != nil {
			continue
		}
		mp, err := ag.PriceMonth(m, q, true)
		if errors.Is(err, pricing.ErrNoQuotes) || errors.Is(err, pricing.ErrPartialMonth) {
			continue
		}
		if err != nil {
			return h, err
		}
		h.rows = append(h.rows, tableRow{price: &mp})
	}
	return h, nil
}

// verdictAmounts says how what the invoices of the months with a finding
// bill stands against what their deliveries settle at.
func verdictAmounts(l i18n.Lang, v invoice.Verdict) string {
	billed, settled := report.CNY(v.Billed).Display(), report.CNY(v.Settled).Display()
	switch d := v.Difference(); d.Sign() {
	case 0:
		return fmt.Sprintf(l.T("Their amounts and VAT add up to %s CNY, what the deliveries settle at: the findings are in the invoices' own figures.",
			"其金额与税额合计 %s 元,与按到位量结算的金额相同:问题在发票自身的数字中。"), billed)
	case 1:
		return fmt.Sprintf(l.T("They bill %s CNY incl. VAT; the deliveries settle at %s: %s CNY more.", "开票价税合计 %s 元,按到位量结算应为 %s 元,多开 %s 元。"),
			billed, settled, report.CNY(d).Display())
	default:
		return fmt.Sprintf(l.T("They bill %s CNY incl. VAT; the deliveries settle at %s: %s CNY less.", "开票价税合计 %s 元,按到位量结算应为 %s 元,少开 %s 元。"),
			billed, settled, report.CNY(d.Neg()).Display())
	}
}

// checkHTML is check's document: the verdict in one line first, then the
// check as every format shows it.
func checkHTML(l i18n.Lang, source string, r *invoice.CheckResult) report.HTML {
	h := htmlPage(l, checkDoc(l, source, r))
	v := r.Verdict()
	text := l.T("Match: the invoices agree with the agreement, the policy and the deliveries.", "一致:发票与协议、政策和到位量相符。")
	if !r.WeightsChecked {
		text = l.T("Match: the invoices agree with the agreement and the policy (no deliveries file: weights not checked).", "一致:发票与协议、政策相符(未提供到位记录,未核对重量)。")
	}
	if !r.OK() {
		text = fmt.Sprintf(l.T("Differs: %s on %s, of the %s of %s.", "不一致:%[4]s的 %[3]s中,%[2]s共有 %[1]s。"),
			l.Count(v.Findings, "finding", "处问题"), l.Count(v.Differing, "invoice", "张发票"),
			l.Count(v.Invoices, "invoice", "张发票"), l.Count(v.Months, "month", "个月"))
		if v.Compared {
			text += " " + verdictAmounts(l, v)
		}
	}
	h.Verdict = &report.Verdict{OK: r.OK(), Text: text}
	return h
}
