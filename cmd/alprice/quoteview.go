package main

import (
	"fmt"
	"strings"

	"alprice/cmd/alprice/i18n"
	"alprice/cmd/alprice/report"
	"alprice/pricing"
)

// pricedQuote is one price build-up with what it was priced for, as the
// quote and table commands show it.
type pricedQuote struct {
	seller, agreement, buyer string
	month                    pricing.Month // supply month; 0 when not given
	benchmarkMonth           pricing.Month // 0 when the benchmark was given directly
	benchmarkDays            int           // trading days quoted
	benchmarkExpected        int           // trading days of the benchmark month
	provisional              bool          // the benchmark month is not complete
	basis                    pricing.ProvisionalBasis
	price                    pricing.Price
	bill                     *pricing.Bill
	overrides                []override // terms of the agreement changed by flags: a what-if
}

type lineJSON struct {
	Kind   string  `json:"kind"`
	Label  string  `json:"label"`
	Basis  string  `json:"basis"`
	Rate   *string `json:"rate"`
	Amount money   `json:"amount"`
}

type quoteJSON struct {
	Agreement        string     `json:"agreement"`
	Buyer            string     `json:"buyer"`
	Month            string     `json:"month"`
	BenchmarkMonth   string     `json:"benchmark_month,omitempty"`
	BenchmarkDays    int        `json:"benchmark_days,omitempty"`
	BenchmarkExpDays int        `json:"benchmark_expected_days,omitempty"`
	BenchmarkStatus  string     `json:"benchmark_status"`
	ProvisionalBasis string     `json:"provisional_basis,omitempty"`
	Benchmark        money      `json:"benchmark"`
	Lines            []lineJSON `json:"lines"`
	UnitPrice        money      `json:"unit_price"`
	UnitPriceExclVAT money      `json:"unit_price_excl_vat"`
	VATRate          string     `json:"vat_rate"`
	WeightT          *tonnes    `json:"weight_t,omitempty"`
	Amount           *money     `json:"amount,omitempty"`
	AmountInWords    *words     `json:"amount_in_words,omitempty"`
	AmountExclVAT    *money     `json:"amount_excl_vat,omitempty"`
	VAT              *money     `json:"vat,omitempty"`
	Overrides        []override `json:"overrides,omitempty"`
}

func (q pricedQuote) json(l i18n.Lang) quoteJSON {
	j := quoteJSON{
		Agreement:        q.agreement,
		Buyer:            q.buyer,
		Month:            monthText(q.month),
		BenchmarkMonth:   monthText(q.benchmarkMonth),
		BenchmarkDays:    q.benchmarkDays,
		BenchmarkExpDays: q.benchmarkExpected,
		BenchmarkStatus:  benchmarkStatus(q.provisional),
		Overrides:        q.overrides,
		ProvisionalBasis: string(q.basis),
		Benchmark:        money(q.price.Benchmark),
		Lines:            []lineJSON{},
		UnitPrice:        money(q.price.UnitPrice),
		UnitPriceExclVAT: money(q.price.UnitPriceExclVAT),
		VATRate:          q.price.VATRate.String(),
	}
	for _, line := range q.price.Lines {
		label := line.Label
		if label == "" {
			label = i18n.LineLabel(l, line.Kind, "")
		}
		lj := lineJSON{Kind: string(line.Kind), Label: label, Basis: lineBasis(l, line).Plain(), Amount: money(line.Amount)}
		if line.Kind == pricing.Rounded {
			lj.Basis = ""
		}
		if line.Value.IsPercent() {
			rate := percentText(line.Value.Number())
			lj.Rate = &rate
		}
		j.Lines = append(j.Lines, lj)
	}
	if b := q.bill; b != nil {
		w, amount, excl, vat := tonnes(b.Weight), money(b.Amount), money(b.AmountExclVAT), money(b.VAT)
		inWords := words(b.Amount)
		j.WeightT, j.Amount, j.AmountExclVAT, j.VAT, j.AmountInWords = &w, &amount, &excl, &vat, &inWords
	}
	return j
}

// monthQuote is the priced quote of supply month mp of an agreement.
func monthQuote(seller string, ag *pricing.Agreement, mp pricing.MonthPrice) pricedQuote {
	q := pricedQuote{seller: seller, month: mp.Month}
	if ag != nil {
		q.agreement, q.buyer = ag.ID, ag.Buyer.Name
	}
	q.setBenchmark(mp)
	return q
}

// setBenchmark takes the price and its benchmark from mp.
func (q *pricedQuote) setBenchmark(mp pricing.MonthPrice) {
	q.price, q.benchmarkMonth, q.benchmarkDays = mp.Price, mp.Average.Month, mp.Average.Days
	q.benchmarkExpected, q.provisional, q.basis = mp.Average.ExpectedDays, mp.Provisional(), mp.Basis
}

// benchmarkStatus is the JSON word for a price's standing: "provisional"
// when its benchmark month is not complete, else "final".
func benchmarkStatus(provisional bool) string {
	if provisional {
		return "provisional"
	}
	return "final"
}

// benchmarkStatusCell is the benchmark_status cell: the code in CSV, the
// word in l in a workbook.
func benchmarkStatusCell(l i18n.Lang, provisional bool) report.Cell {
	if provisional {
		return report.Coded(l.T("provisional", "暂定"), "provisional")
	}
	return report.Coded(l.T("final", "最终"), "final")
}

// provisionalTitle starts the title of an output priced on a month not yet
// complete, so that nobody takes it for a final price.
func provisionalTitle(l i18n.Lang) string { return l.T("PROVISIONAL · ", "暂定价 · ") }

// title names what q prices: "Molten aluminium price · ZD-2026-001 · buyer · 2026-03".
func (q pricedQuote) title(l i18n.Lang) string {
	parts := []string{l.T("Molten aluminium price", "铝液价格")}
	if q.provisional {
		parts[0] = provisionalTitle(l) + parts[0]
	}
	if len(q.overrides) > 0 {
		parts[0] = l.T("WHAT-IF · ", "假设 · ") + parts[0]
	}
	if q.agreement != "" {
		parts = append(parts, l.T("agreement ", "协议 ")+q.agreement)
	}
	if q.seller != "" {
		parts = append(parts, l.T("seller ", "供方 ")+q.seller)
	}
	if q.buyer != "" {
		parts = append(parts, l.T("buyer ", "需方 ")+q.buyer)
	}
	if q.month != 0 {
		parts = append(parts, l.T("supply month ", "供货月份 ")+q.month.String())
	}
	return strings.Join(parts, " · ")
}

// benchmarkLabel names the benchmark line, with its month when known.
func (q pricedQuote) benchmarkLabel(l i18n.Lang) string {
	s := l.T("Changjiang A00 spot monthly average", "长江有色A00铝现货月均价")
	if q.benchmarkMonth != 0 {
		s += fmt.Sprintf(l.T(" (%s, %d of %d quote days)", "(%s,%d/%d个报价日)"), q.benchmarkMonth, q.benchmarkDays, q.benchmarkExpected)
	}
	return s
}

func (q pricedQuote) doc(l i18n.Lang) report.Doc {
	perTonne := report.Coded(l.T("CNY/t", "元/吨"), "CNY/t")
	cny := report.Coded(l.T("CNY", "元"), "CNY")
	vat := report.Coded(fmt.Sprintf(l.T("VAT %s", "税率 %s"), pricing.RateText(q.price.VATRate)), "VAT "+pricing.RateText(q.price.VATRate))
	rows := [][]report.Cell{
		{report.Str("benchmark"), report.Str(q.benchmarkLabel(l)), perTonne, report.Empty, report.CNY(q.price.Benchmark), report.Str("2.1")},
	}
	for _, line := range q.price.Lines {
		basis, rate := lineBasis(l, line), report.Empty
		if line.Kind == pricing.Rounded {
			basis = report.Empty
		} else if line.Value.IsPercent() {
			rate = report.Str(percentText(line.Value.Number()))
		}
		label := report.Str(i18n.LineLabel(l, line.Kind, line.Label))
		if line.Label != "" {
			// Machine formats carry the agreed label as it is, as JSON does.
			label = report.Coded(label.Text, line.Label)
		}
		for _, o := range q.overrides {
			if o.kind == line.Kind && o.label == line.Label {
				// People see what the agreement says; machine formats have overrides.
				label = report.Coded(label.Text+fmt.Sprintf(l.T(" (agreement: %s)", "(协议:%s)"), o.Agreed), label.Plain())
			}
		}
		rows = append(rows, []report.Cell{report.Str(string(line.Kind)), label,
			basis, rate, report.CNY(line.Amount), ruleCell(l, line.Kind.Rule())})
	}
	rows = append(rows,
		[]report.Cell{report.Str("unit_price"), report.Str(l.T("Unit price incl. VAT", "铝液单价(含税)")), perTonne, report.Empty, report.CNY(q.price.UnitPrice), report.Empty},
		[]report.Cell{report.Str("unit_price_excl_vat"), report.Str(l.T("Unit price excl. VAT", "铝液单价(不含税)")), vat, report.Empty, report.CNY(q.price.UnitPriceExclVAT), report.Empty},
	)
	notes := []string{l.T(
		"Rounding: half away from zero; percentage lines and the unit price to the fen (or yuan where agreed), excl. VAT = incl. VAT ÷ (1 + rate) to the fen.",
		"舍入:四舍五入;按比例扣减项和单价保留到分(协议约定时取整到元),不含税 = 含税 ÷ (1 + 税率),保留到分。")}
	if b := q.bill; b != nil {
		rows = append(rows,
			[]report.Cell{report.Str("weight"), report.Str(l.T("Delivered weight", "终端实际到位量")), report.Coded(l.T("t", "吨"), "t"), report.Empty, report.Tonnes(b.Weight), report.Str("2.6")},
			[]report.Cell{report.Str("amount"), report.Str(l.T("Amount incl. VAT (价税合计)", "价税合计")), cny, report.Empty, report.CNY(b.Amount), report.Empty},
			[]report.Cell{report.Str("amount_excl_vat"), report.Str(l.T("Amount excl. VAT (金额)", "金额(不含税)")), cny, report.Empty, report.CNY(b.AmountExclVAT), report.Empty},
			[]report.Cell{report.Str("vat"), report.Str(l.T("VAT (税额)", "税额")), vat, report.Empty, report.CNY(b.VAT), report.Empty},
		)
		notes = append(notes, l.T(
			"Billed on the weight delivered at the buyer's end (rule 2.6); amount = unit price × weight to the fen; VAT = amount − amount excl. VAT.",
			"按终端实际到位量结算(第2.6条);价税合计 = 单价 × 重量,保留到分;税额 = 价税合计 − 金额。"))
	}
	// Machine formats carry the benchmark's status on every line, so that a
	// script reading any of them cannot take a provisional price for final.
	status := benchmarkStatusCell(l, q.provisional)
	for i := range rows {
		rows[i] = append(rows[i], status)
	}
	return report.Doc{
		Title:  q.title(l),
		Tables: []report.Table{{Columns: columns(l, "-kind", "label", "basis", "-rate", "amount:per-tonne", "rule:policy", "+benchmark_status"), Rows: rows}},
		Notes:  notes,
	}
}
