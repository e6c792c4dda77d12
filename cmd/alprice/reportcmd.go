package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"alprice/cmd/alprice/i18n"
	"alprice/cmd/alprice/report"
	"alprice/pricing"
	"alprice/pricing/policy"
	"alprice/pricing/read"
	"alprice/pricing/settle"
)

type reportOptions struct {
	agreementsPath string
	quotes         quotesFlags
	deliveries     deliveriesInput
	production     csvInput
	months         monthFlags
}

func newReportCmd(a *app) *cobra.Command {
	o := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report",
		Short: "The policy's own figures: price advantage released (让利), coal pass-through, local conversion rate",
		Long: `Report what the policy asks of the smelter, from the settlement of the deliveries:

  released      the price advantage released to local downstream firms (充分传导释放
                价格优势, clause 2): (benchmark − unit price) × delivered tonnes, and its
                parts — transport (2.2), casting, burn loss, other fees (2.3), coal
                pass-through, less premiums, and the rounding line — each line's
                per-tonne amount × tonnes, the parts adding up to the total exactly
  coal          the coal pass-through released, and the shortfall against what the
                smelter's coal discount implies (煤炭优惠价格足额传导, clause 2, coal)
  conversion    with --production (CSV month,output_t: the smelter's whole output,
                all customers and casting included), the local conversion rate
                (铝液就地转化率) = molten tonnes delivered ÷ output, per month and for the
                period, beside the targets: 30% (2022), 40% (2023), about 60% (2025)

per month and agreement, with totals per month, per agreement and for the period.
The period defaults to every month with deliveries. Months whose benchmark is not
complete are priced on their provisional basis and shown as provisional, with
totals of their own: never mixed into the period's.` + exitStatusHelp,
		Annotations: chinese("政策要求的数字:让利、煤价传导、就地转化率", `根据到位记录的结算,报告政策对电解铝企业的要求:

  released      向本地下游企业释放的价格优势(充分传导释放价格优势,第二条):
                (基准价 − 单价) × 到位吨数,及其构成 —— 运费(2.2)、铸造费、
                烧损、其他费用(2.3)、煤价让利、减去上浮,以及取整行 —— 每行为
                每吨金额 × 吨数,各部分之和恰等于合计
  coal          释放的煤价让利,以及与供方煤炭优惠折算额相比的差额
                (煤炭优惠价格足额传导,第二条)
  conversion    给出 --production(CSV month,output_t:电解铝企业的全部产量,含
                所有客户及铸锭)时,铝液就地转化率 = 到位铝液吨数 ÷ 产量,按月及
                全期,并列出目标:30%(2022)、40%(2023)、约 60%(2025)

按月份和协议列出,并有每月、每份协议和全期的合计。期间默认为所有有到位记录
的月份。基准月份尚未结束的月份按其暂定价依据定价并标为暂定,单独合计:绝不
计入全期合计。`+exitStatusHelpZH),
		Example: `  alprice report --agreements testdata/report/agreements.yaml --quotes testdata/quotes-2026-h1.csv \
                 --deliveries testdata/report/deliveries-2026-h1.csv --production testdata/report/production-2026-h1.csv
  alprice report ... --from 2026-01 --to 2026-06 --out report.xlsx --lang zh`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runReport(cmd, a, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.agreementsPath, "agreements", "", "agreements `FILE` (YAML); - for stdin")
	o.quotes.bind(f, "Changjiang A00 daily quotes `FILE` (CSV)")
	o.deliveries.bind(f, "ladle deliveries `FILE` (CSV)")
	o.production.bind(f, "production", "the smelter's output per month, `FILE` (CSV month,output_t)")
	o.months.bind(f, "month reported (default: every month with deliveries)")
	return cmd
}

func runReport(cmd *cobra.Command, a *app, o *reportOptions) error {
	if err := o.months.check(); err != nil {
		return err
	}
	if err := missingFlags([]string{"agreements", "quotes", "deliveries"}, o.agreementsPath, o.quotes.path, o.deliveries.path); err != nil {
		return err
	}
	in, err := a.readPricing(o.agreementsPath, "", &o.quotes, &o.deliveries.csvInput, &o.production)
	if err != nil {
		return err
	}
	agreements, q := in.agreements, in.quotes
	output := map[pricing.Month]pricing.Weight{}
	if o.production.given() {
		if output, err = readInput(a, &o.production, read.ReadProduction); err != nil {
			return err
		}
	}
	s, err := a.settle(cmd.Context(), &o.deliveries, agreements, q, settle.SettleOptions{Provisional: true})
	if err != nil {
		return err
	}
	period, err := reportPeriod(&o.months, s)
	if err != nil {
		return err
	}
	if !o.production.given() {
		output = nil
	}
	rep, err := policy.PolicyFigures(s, agreements, period, output)
	if err != nil {
		return &pricing.InputError{Source: inputName(o.production.path), Err: err}
	}
	withOutput := o.production.given()
	if err := a.emit(result{
		doc:  func() report.Doc { return reportDoc(a.lang, agreements.Seller.Name, s, rep, withOutput) },
		json: func() any { return reportJSON(a.lang, s, rep) },
	}); err != nil {
		return err
	}
	if len(rep.Unpriced) > 0 {
		return found(unpricedError(rep.Unpriced))
	}
	return nil
}

// reportPeriod is the months a report covers: --month, or --from and --to
// (every month between, delivered or not), else from the first month with
// deliveries to the last.
func reportPeriod(f *monthFlags, s *settle.Settlement) ([]pricing.Month, error) {
	var delivered []pricing.Month
	for _, st := range s.Statements {
		delivered = append(delivered, st.Month)
	}
	for _, u := range s.Unpriced {
		delivered = append(delivered, u.Month)
	}
	slices.Sort(delivered)
	delivered = slices.Compact(delivered)
	if len(delivered) > 0 {
		var span []pricing.Month
		for m := delivered[0]; m <= delivered[len(delivered)-1]; m++ {
			span = append(span, m)
		}
		delivered = span
	}
	return f.months(delivered)
}

// unpricedError says which statements could not be priced.
func unpricedError(list []settle.Unpriced) error {
	var each []error
	for _, u := range list {
		each = append(each, u.Reason) // it names the agreement and the month
	}
	return pricing.Errorf("not priced, and in no figure: %w", pricing.Clauses(each))
}

type releasedLineJSON struct {
	Kind   string `json:"kind"`
	Label  string `json:"label"`
	Amount money  `json:"amount"`
}

type releaseJSON struct {
	Month         string             `json:"month"`
	Agreement     string             `json:"agreement"`
	Buyer         string             `json:"buyer"`
	Status        string             `json:"benchmark_status"`
	DeliveredT    tonnes             `json:"delivered_t"`
	Benchmark     money              `json:"benchmark"`
	UnitPrice     money              `json:"unit_price"`
	Released      money              `json:"released"`
	ReleasedLines []releasedLineJSON `json:"released_lines"`
	CoalReleased  money              `json:"coal_released"`
	CoalShortfall money              `json:"coal_shortfall"`
}

type totalsJSON struct {
	DeliveredT     tonnes  `json:"delivered_t"`
	Released       money   `json:"released"`
	CoalReleased   money   `json:"coal_released"`
	CoalShortfall  money   `json:"coal_shortfall"`
	OutputT        *tonnes `json:"output_t"`
	ConversionRate *string `json:"conversion_rate"`
}

func totalsOf(t policy.ReleaseTotals) totalsJSON {
	j := totalsJSON{DeliveredT: tonnes(t.Delivered), Released: money(t.Released), CoalReleased: money(t.CoalReleased), CoalShortfall: money(t.CoalShortfall)}
	if t.Output > 0 {
		o := tonnes(t.Output)
		j.OutputT = &o
	}
	if t.ConversionRate != nil {
		r := t.ConversionRate.StringFixed(2)
		j.ConversionRate = &r
	}
	return j
}

type monthTotalsJSON struct {
	Month  string `json:"month"`
	Status string `json:"benchmark_status"`
	totalsJSON
}

type agreementTotalsJSON struct {
	Agreement string `json:"agreement"`
	Buyer     string `json:"buyer"`
	totalsJSON
}

type targetJSON struct {
	Year    int    `json:"year"`
	Percent string `json:"percent"`
}

type reportJSONOut struct {
	Rows              rowsJSON              `json:"rows"`
	Unpriced          []unpricedJSON        `json:"unpriced"`
	MissingOutput     []string              `json:"missing_output"`
	Months            []releaseJSON         `json:"months"`
	MonthTotals       []monthTotalsJSON     `json:"month_totals"`
	AgreementTotals   []agreementTotalsJSON `json:"agreement_totals"`
	Totals            totalsJSON            `json:"totals"`
	ProvisionalTotals totalsJSON            `json:"provisional_totals"`
	Targets           []targetJSON          `json:"targets"`
}

func reportJSON(l i18n.Lang, s *settle.Settlement, rep *policy.PolicyReport) reportJSONOut {
	j := reportJSONOut{Months: []releaseJSON{}, MonthTotals: []monthTotalsJSON{}, AgreementTotals: []agreementTotalsJSON{},
		Totals: totalsOf(rep.Period), ProvisionalTotals: totalsOf(rep.Provisional), Targets: []targetJSON{},
		Rows:     rowsJSON{Read: s.Rows, Settled: s.Total.Tickets, Rejected: s.RejectedRows, Other: s.OtherRows, Unpriced: s.UnpricedRows(), Blank: s.BlankRows},
		Unpriced: []unpricedJSON{}, MissingOutput: []string{}}
	for _, u := range rep.Unpriced {
		j.Unpriced = append(j.Unpriced, unpricedJSON{Agreement: u.Agreement.ID, Buyer: u.Agreement.Buyer.Name, Month: u.Month.String(),
			Tickets: u.Tickets, DeliveredT: tonnes(u.Delivered), Reason: l.SayError(u.Reason)})
	}
	for _, m := range rep.MissingOutput {
		j.MissingOutput = append(j.MissingOutput, m.String())
	}
	for _, r := range rep.Releases {
		rj := releaseJSON{Month: r.Month.String(), Agreement: r.Agreement.ID, Buyer: r.Agreement.Buyer.Name, Status: benchmarkStatus(r.Provisional),
			DeliveredT: tonnes(r.Delivered), Benchmark: money(r.Benchmark), UnitPrice: money(r.UnitPrice), Released: money(r.Released),
			ReleasedLines: []releasedLineJSON{}, CoalReleased: money(r.CoalReleased), CoalShortfall: money(r.CoalShortfall)}
		for _, line := range r.Lines {
			label := line.Label
			if label == "" {
				label = i18n.LineLabel(l, line.Kind, "")
			}
			rj.ReleasedLines = append(rj.ReleasedLines, releasedLineJSON{Kind: string(line.Kind), Label: label, Amount: money(line.Amount)})
		}
		j.Months = append(j.Months, rj)
	}
	for _, m := range rep.Months {
		j.MonthTotals = append(j.MonthTotals, monthTotalsJSON{m.Month.String(), benchmarkStatus(m.Provisional), totalsOf(m.ReleaseTotals)})
	}
	for _, at := range rep.Agreements {
		j.AgreementTotals = append(j.AgreementTotals, agreementTotalsJSON{at.Agreement.ID, at.Agreement.Buyer.Name, totalsOf(at.ReleaseTotals)})
	}
	for _, t := range policy.ConversionTargets {
		j.Targets = append(j.Targets, targetJSON{t.Year, t.Percent.String()})
	}
	return j
}

// releaseKinds are the released parts shown as columns, in order.
var releaseKinds = []pricing.Kind{pricing.Transport, pricing.Casting, pricing.BurnLoss, pricing.Coal, pricing.Fee, pricing.Premium, pricing.Rounded}

func reportDoc(l i18n.Lang, seller string, s *settle.Settlement, rep *policy.PolicyReport, withOutput bool) report.Doc {
	var period []pricing.Month
	for _, m := range rep.Months {
		period = append(period, m.Month)
	}
	doc := report.Doc{Title: l.T("Policy figures · price advantage released, coal pass-through, local conversion", "政策指标 · 价格优惠释放、煤价足额传导、就地转化率") + periodTitle(l, period)}
	if seller != "" {
		doc.Title += l.T(" · seller ", " · 供方 ") + seller
	}
	statusCellOf := func(provisional bool) report.Cell {
		if provisional {
			return report.Coded(l.T("provisional", "暂定"), "provisional")
		}
		return report.Coded(l.T("final", "最终"), "final")
	}
	byMonth := report.Table{
		Title: l.T("By month and agreement (CNY)", "按月份和协议(元)"),
		Columns: columns(l, "month", "agreement", "buyer", "delivered_t", "benchmark", "unit_price", "released",
			"transport", "casting", "burn_loss", "coal", "fee", "premium", "rounding:line", "coal_shortfall", "status:price"),
	}
	for _, r := range rep.Releases {
		sums := map[pricing.Kind]decimal.Decimal{}
		for _, line := range r.Lines {
			sums[line.Kind] = sums[line.Kind].Add(line.Amount)
		}
		row := []report.Cell{report.Str(r.Month.String()), report.Str(r.Agreement.ID), report.Str(r.Agreement.Buyer.Name), report.Tonnes(r.Delivered),
			report.CNY(r.Benchmark), report.CNY(r.UnitPrice), report.CNY(r.Released)}
		for _, k := range releaseKinds {
			row = append(row, report.CNY(sums[k]))
		}
		byMonth.Rows = append(byMonth.Rows, append(row, report.CNY(r.CoalShortfall), statusCellOf(r.Provisional)))
	}
	totalsCols := []string{"month", "delivered_t", "released", "coal", "coal_shortfall"}
	if withOutput {
		totalsCols = append(totalsCols, "output_t", "conversion_rate", "gap_to_target")
	}
	totalsRow := func(first report.Cell, t policy.ReleaseTotals) []report.Cell {
		row := []report.Cell{first, report.Tonnes(t.Delivered), report.CNY(t.Released), report.CNY(t.CoalReleased), report.CNY(t.CoalShortfall)}
		if withOutput {
			output, rate, gap := report.Empty, report.Empty, report.Empty
			if t.Output > 0 {
				output = report.Tonnes(t.Output)
			}
			if t.ConversionRate != nil {
				rate, gap = report.Decimals(*t.ConversionRate, 2), report.Decimals(policy.FinalTarget.Percent.Sub(*t.ConversionRate), 2)
			}
			row = append(row, output, rate, gap)
		}
		return row
	}
	months := report.Table{Title: l.T("By month", "按月份"), Columns: append(columns(l, totalsCols...), columns(l, "status:price")...)}
	for _, m := range rep.Months {
		months.Rows = append(months.Rows, append(totalsRow(report.Str(m.Month.String()), m.ReleaseTotals), statusCellOf(m.Provisional)))
	}
	months.Footer = append(totalsRow(report.Str(l.T("Period (final months)", "期间合计(最终月份)")), rep.Period), report.Empty)
	agreementsTable := report.Table{Title: l.T("By agreement (final months)", "按协议(最终月份)"), Columns: columns(l, "agreement", "buyer", "delivered_t", "released", "coal", "coal_shortfall")}
	for _, at := range rep.Agreements {
		agreementsTable.Rows = append(agreementsTable.Rows, []report.Cell{report.Str(at.Agreement.ID), report.Str(at.Agreement.Buyer.Name),
			report.Tonnes(at.Delivered), report.CNY(at.Released), report.CNY(at.CoalReleased), report.CNY(at.CoalShortfall)})
	}
	doc.Tables = []report.Table{byMonth, months, agreementsTable}
	if len(rep.Unpriced) > 0 {
		unpriced := report.Table{
			Title:   l.T("Not priced (in no figure above)", "未定价(未计入以上任何数字)"),
			Columns: columns(l, "agreement", "buyer", "month:supply", "tickets", "delivered_t", "reason"),
		}
		for _, u := range rep.Unpriced {
			unpriced.Rows = append(unpriced.Rows, []report.Cell{report.Str(u.Agreement.ID), report.Str(u.Agreement.Buyer.Name), report.Str(u.Month.String()),
				report.Int(u.Tickets), report.Tonnes(u.Delivered), report.Str(l.SayError(u.Reason))})
		}
		doc.Tables = append(doc.Tables, unpriced)
	}
	doc.Notes = []string{
		l.T("Released (让利) = (benchmark − unit price) × delivered tonnes, to the fen: what the price under the agreement leaves the buyer against the Changjiang A00 benchmark (clause 2). Its parts are each line's per-tonne amount × tonnes (deductions positive, premiums negative), the last taking the rounding, so that they add up to it exactly.",
			"让利 = (基准价 − 单价) × 到位吨数,保留到分:协议价相对长江A00基准让给需方的金额(第二条)。各分项为每项每吨金额 × 吨数(扣减为正,上浮为负),尾差计入最后一项,分项之和精确等于让利合计。"),
		l.T("Coal shortfall: what the smelter's coal discount implies for the tonnes (per tonne of coal × coal per tonne of aluminium) less the coal pass-through agreed, when short (clause 2, coal: passed on in full).",
			"煤价差额:供方煤炭优惠折合的让利(每吨煤优惠 × 吨铝耗煤)减去协议约定的煤价让利(如不足);第二条要求足额传导。"),
	}
	if withOutput {
		doc.Notes = append(doc.Notes, fmt.Sprintf(l.T("Local conversion rate (铝液就地转化率) = molten tonnes delivered under the agreements ÷ the smelter's output, to 0.01%%. Targets: 30%% by end-2022, 40%% by end-2023, about 60%% by end-2025; the gap is to %s%%.",
			"铝液就地转化率 = 协议供应铝液到位吨数 ÷ 电解铝总产量,保留到 0.01%%。目标:2022年底30%%,2023年底40%%,2025年底约60%%;差距按 %s%% 计。"), policy.FinalTarget.Percent))
	}
	if len(rep.MissingOutput) > 0 {
		var ms []string
		for _, m := range rep.MissingOutput {
			ms = append(ms, m.String())
		}
		doc.Notes = append(doc.Notes, fmt.Sprintf(l.T("No output is given for %s: the period's conversion rate is over the months that have one, and lacks these.",
			"未提供 %s 的产量:期间就地转化率仅按有产量的月份计算,不含这些月份。"), strings.Join(ms, ", ")))
	}
	doc.Notes = append(doc.Notes, rowsNote(l, s))
	if rep.Provisional.Delivered > 0 {
		doc.Notes = append(doc.Notes, fmt.Sprintf(l.T("Provisional months (benchmark not complete) are left out of the period's totals: %s t, released %s.",
			"暂定月份(基准月份尚未完整)未计入期间合计:%s 吨,让利 %s。"), rep.Provisional.Delivered, rep.Provisional.Released.StringFixed(2)))
	}
	if len(rep.Months) > 0 {
		// One month too: a column of its tonnes against the targets.
		doc.Charts = []report.Chart{reportChart(l, rep, withOutput)}
	}
	return doc
}

// reportChart draws the monthly delivered tonnes as columns and, with the
// output known, the conversion rate as a line against the 60% target.
func reportChart(l i18n.Lang, rep *policy.PolicyReport, withOutput bool) report.Chart {
	c := report.Chart{Sheet: l.T("Chart", "图表"), Title: l.T("Molten aluminium delivered and the local conversion rate", "铝液到位量与就地转化率"),
		Category: l.T("Month", "月份")}
	delivered := report.Series{Name: l.T("Delivered t", "到位量(吨)"), Column: true}
	rate := report.Series{Name: l.T("Conversion rate %", "就地转化率 %"), Secondary: true}
	// The policy's targets for the rate, 30%, 40% and about 60%, each a line.
	targets := make([]report.Series, len(policy.ConversionTargets))
	for i, t := range policy.ConversionTargets {
		targets[i] = report.Series{Name: fmt.Sprintf(l.T("Target %s%% (%d)", "目标 %s%%(%d年)"), t.Percent, t.Year), Secondary: true}
	}
	for _, m := range rep.Months {
		c.Categories = append(c.Categories, m.Month.String())
		delivered.Values = append(delivered.Values, report.Tonnes(m.Delivered))
		if m.ConversionRate != nil {
			rate.Values = append(rate.Values, report.Decimals(*m.ConversionRate, 2))
		} else {
			rate.Values = append(rate.Values, report.Empty)
		}
		for i, t := range policy.ConversionTargets {
			targets[i].Values = append(targets[i].Values, report.Decimals(t.Percent, 2))
		}
	}
	c.Series = []report.Series{delivered}
	if withOutput {
		c.Series = append(append(c.Series, rate), targets...)
	}
	return c
}
