package main

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"alprice/cmd/alprice/i18n"
	"alprice/cmd/alprice/report"
	"alprice/pricing"
)

type averageOptions struct {
	quotes   quotesFlags
	months   monthFlags
	rounding string
	official []string
}

func newAverageCmd(a *app) *cobra.Command {
	o := &averageOptions{}
	cmd := &cobra.Command{
		Use:   "average",
		Short: "Compute Changjiang A00 monthly averages from daily quotes (rule 2.1)",
		Long: `Compute the Changjiang Nonferrous (长江有色金属网) A00 spot monthly average from the
daily quotes (rule 2.1: the benchmark is the monthly average): per month the
number of quote days, min, max, the exact mean (4 decimals), the average rounded
to whole yuan or the fen, the first and last quote dates, and the weekdays with
no quote (public holidays and gaps, for you to judge).

The quotes file is CSV with a header; columns by name in any order: date and
average required; low, high, change, or range (23660-23700) optional; Chinese
headers (日期, 均价, 最低价, 最高价, 涨跌, 价格区间) too. UTF-8 with or without BOM,
or GBK/GB18030 as Excel saves it on Chinese Windows (detected, or --quotes-encoding).

Every bad row is an error (nothing is computed): an unparsable date or price, a
duplicate date, an average outside its range, a price that is not positive, a
date after today. Rows dated Saturday or Sunday are excluded from the averages
and listed; an average that is not its range's midpoint, or a change that
disagrees with the previous row, is a warning.

A month is complete when every trading day is quoted, or declared as a day
Changjiang published no quote (quotes add --none); gaps when the quotes reach its
last trading day but a day before it has neither; partial when the quotes stop
before its last trading day. Only a complete month's average is final: any other
month makes the exit status 1, stderr naming the days missing.` + exitStatusHelp,
		Annotations: chinese("由每日报价计算长江 A00 月均价(第 2.1 条)", `由每日报价计算长江有色金属网 A00 现货月均价(第 2.1 条:基准价为月均价):
每月的报价天数、最低、最高、精确均值(4 位小数)、取整到元或分的均价、首末报价
日期,以及没有报价的工作日(节假日或缺漏,由您判断)。

报价文件为带表头的 CSV;各列按名称识别,顺序不限:必需 date 和 average;可选
low、high、change 或 range(23660-23700);也可用中文表头(日期、均价、最低价、
最高价、涨跌、价格区间)。编码为 UTF-8(有无 BOM 均可),或中文 Windows 上
Excel 保存的 GBK/GB18030(自动识别,或用 --quotes-encoding)。

任何一行有误都是错误(不作任何计算):日期或价格无法解析、日期重复、均价
超出价格区间、价格不是正数、日期晚于今天。周六、周日的行不计入均价并列出;
均价不是区间中点,或涨跌与上一行不符,给出警告。

每个月的状态:完整(每个交易日都有报价,或已用 quotes add --none 声明长江未报价)、
有缺漏(报价到了月末最后一个交易日,但之前有交易日既无报价也未声明)、未完(报价
止于月末最后一个交易日之前)。只有完整月份的均价
是最终值;其余月份的退出状态为 1,标准错误写明缺少哪些日子。`+exitStatusHelpZH),
		Example: `  alprice average --quotes testdata/changjiang-a00-2026-h1.csv --month 2026-03
  alprice average --quotes testdata/changjiang-a00-2026-h1.csv --from 2026-01 --to 2026-06 --rounding fen
  alprice average --quotes quotes.csv --month 2026-03 --official 2026-03=24389`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runAverage(a, o) },
	}
	f := cmd.Flags()
	o.quotes.bind(f, "Changjiang A00 daily quotes `FILE` (CSV)")
	o.months.bind(f, "to average (default: every month in the file)")
	f.StringVar(&o.rounding, "rounding", "yuan", "round the average to `yuan|fen`")
	f.StringArrayVar(&o.official, "official", nil, "a published monthly average `YYYY-MM=PRICE` to compare with, repeatable")
	return cmd
}

// monthAverage is one month of the average command's output.
type monthAverage struct {
	pricing.Average
	official *decimal.Decimal
}

func runAverage(a *app, o *averageOptions) error {
	rounding, err := pricing.ParseRounding(o.rounding)
	if err != nil {
		return flagError("rounding", o.rounding, err)
	}
	official := map[pricing.Month]decimal.Decimal{}
	for _, s := range o.official {
		ms, ps, ok := strings.Cut(s, "=")
		m, errM := pricing.ParseMonth(ms)
		p, errP := pricing.ParseMoney(ps)
		if !ok || errM != nil || errP != nil || !p.IsPositive() {
			return flagError("official", s, pricing.Errorf("write YYYY-MM=PRICE, such as 2026-03=24389"))
		}
		official[m] = p
	}
	if err := o.months.check(); err != nil {
		return err
	}
	q, err := a.readQuotes(&o.quotes, nil)
	if err != nil {
		return err
	}
	months, err := o.months.months(q.Months())
	if err != nil {
		return err
	}
	var out []monthAverage
	for _, m := range months {
		avg, err := q.Average(m, rounding)
		if err != nil {
			return err
		}
		a.pricedOn(m)
		ma := monthAverage{Average: avg}
		if p, ok := official[m]; ok {
			ma.official = &p
			delete(official, m)
		}
		out = append(out, ma)
	}
	for m := range official {
		return usageError{pricing.Errorf("--official %s: that month is not among those averaged", m)}
	}
	if err := a.emit(result{doc: func() report.Doc { return averageDoc(a.lang, q, out) }, json: func() any { return averageJSON(a.lang, out) }}); err != nil {
		return err
	}
	var found []error
	for _, ma := range out {
		if ma.official != nil && !ma.official.Equal(ma.Value) {
			found = append(found, pricing.Errorf("the %s average is %s, but the published figure is %s (%s apart)",
				ma.Month, ma.Value.StringFixed(2), ma.official.StringFixed(2), ma.Value.Sub(*ma.official).StringFixed(2)))
		}
		if ma.Status != pricing.Complete {
			found = append(found, notFinal(ma.Average))
		}
	}
	if len(found) > 0 {
		return foundAll(found)
	}
	return nil
}

type holidayJSON struct {
	Date string `json:"date"`
	Name string `json:"name"`
}

// declaredJSON is a trading day declared without a quote.
type declaredJSON struct {
	Date   string `json:"date"`
	Reason string `json:"reason"`
}

type averageJSONRow struct {
	Month           string         `json:"month"`
	Days            int            `json:"days"`
	ExpectedDays    int            `json:"expected_days"`
	Status          string         `json:"status"`
	NotYetQuoted    int            `json:"not_yet_quoted"`
	Min             money          `json:"min"`
	Max             money          `json:"max"`
	Mean            string         `json:"mean"`
	Average         money          `json:"average"`
	Rounding        string         `json:"rounding"`
	First           string         `json:"first"`
	Last            string         `json:"last"`
	MissingWeekdays []string       `json:"missing_weekdays"`
	Declared        []declaredJSON `json:"declared"`
	Holidays        []holidayJSON  `json:"holidays"`
	Excluded        []noteJSON     `json:"excluded"`
	Warnings        []noteJSON     `json:"warnings"`
	Official        *money         `json:"official,omitempty"`
	Difference      *money         `json:"difference,omitempty"`
}

func averageJSON(l i18n.Lang, rows []monthAverage) []averageJSONRow {
	out := []averageJSONRow{}
	for _, r := range rows {
		j := averageJSONRow{
			Month: r.Month.String(), Days: r.Days, ExpectedDays: r.ExpectedDays, Status: string(r.Status), NotYetQuoted: r.NotYetQuoted,
			Min: money(r.Min), Max: money(r.Max), Mean: r.Mean.StringFixed(4), Average: money(r.Value), Rounding: string(r.Rounding),
			First: pricing.FormatDate(r.First), Last: pricing.FormatDate(r.Last),
			MissingWeekdays: []string{}, Declared: []declaredJSON{}, Holidays: []holidayJSON{}, Excluded: notesJSON(l, r.Excluded), Warnings: notesJSON(l, r.Warnings),
		}
		for _, d := range r.MissingWeekdays {
			j.MissingWeekdays = append(j.MissingWeekdays, pricing.FormatDate(d))
		}
		for _, d := range r.Declared {
			j.Declared = append(j.Declared, declaredJSON{Date: pricing.FormatDate(d.Date), Reason: d.None})
		}
		for _, h := range r.Holidays {
			j.Holidays = append(j.Holidays, holidayJSON{Date: pricing.FormatDate(h.Date), Name: h.Name})
		}
		if r.official != nil {
			off, diff := money(*r.official), money(r.Value.Sub(*r.official))
			j.Official, j.Difference = &off, &diff
		}
		out = append(out, j)
	}
	return out
}

// notFinal says why a month's average is not final: the days not yet
// quoted, or the days missing.
func notFinal(a pricing.Average) error {
	if a.Status == pricing.Partial {
		return pricing.Errorf("the %s average is not final: %d of %d trading days quoted so far, %d not yet", a.Month, a.Days, a.ExpectedDays, a.NotYetQuoted)
	}
	days := make([]string, len(a.MissingWeekdays))
	for i, d := range a.MissingWeekdays {
		days[i] = pricing.FormatDate(d)
	}
	if len(days) > 1 {
		return pricing.Errorf("the %s average is not final: %d trading days have no quote (%s); add them, or declare each with quotes add --none", a.Month, len(days), strings.Join(days, ", "))
	}
	return pricing.Errorf("the %s average is not final: %s has no quote; add it, or declare it with quotes add --none", a.Month, strings.Join(days, ", "))
}

// statusCell says a month's status in l, and as its code in machine
// formats.
func statusCell(l i18n.Lang, s pricing.MonthStatus) report.Cell {
	switch s {
	case pricing.Partial:
		return report.Coded(l.T("partial", "未完"), string(s))
	case pricing.Gaps:
		return report.Coded(l.T("gaps", "有缺漏"), string(s))
	}
	return report.Coded(l.T("complete", "完整"), string(s))
}

func averageDoc(l i18n.Lang, q *pricing.Quotes, rows []monthAverage) report.Doc {
	withOfficial := false
	for _, r := range rows {
		withOfficial = withOfficial || r.official != nil
	}
	roundingName := map[pricing.Rounding]string{pricing.Yuan: l.T("yuan", "元"), pricing.Fen: l.T("fen", "分")}
	cols := columns(l, "month", "days", "expected_days", "status", "min", "max", "mean", "average", "rounding", "first", "last", "missing_weekdays")
	if withOfficial {
		cols = append(cols, columns(l, "official", "difference")...)
	}
	main := report.Table{Columns: cols}
	days := report.Table{
		Title:   l.T("Days to judge", "需核对的日期"),
		Columns: columns(l, "month", "date", "line", "what"),
	}
	partial := false
	for _, r := range rows {
		row := []report.Cell{
			report.Str(r.Month.String()), report.Int(r.Days), report.Int(r.ExpectedDays), statusCell(l, r.Status),
			report.CNY(r.Min), report.CNY(r.Max), report.Decimals(r.Mean, 4), report.CNY(r.Value),
			report.Coded(roundingName[r.Rounding], string(r.Rounding)),
			report.Str(pricing.FormatDate(r.First)), report.Str(pricing.FormatDate(r.Last)), report.Int(len(r.MissingWeekdays)),
		}
		if withOfficial {
			if r.official != nil {
				row = append(row, report.CNY(*r.official), report.CNY(r.Value.Sub(*r.official)))
			} else {
				row = append(row, report.Empty, report.Empty)
			}
		}
		main.Rows = append(main.Rows, row)
		month := report.Str(r.Month.String())
		for _, d := range r.MissingWeekdays {
			days.Rows = append(days.Rows, []report.Cell{month, report.Str(pricing.FormatDate(d)), report.Empty,
				report.Str(l.T("trading day without a quote: add it (alprice quotes add), or declare it with --none if Changjiang published none",
					"交易日无报价:请补录报价;如长江确未报价,请声明为无报价日"))})
		}
		for _, d := range r.Declared {
			days.Rows = append(days.Rows, []report.Cell{month, report.Str(pricing.FormatDate(d.Date)), report.Int(d.Line),
				report.Str(l.T("declared without a quote: ", "已声明无报价:") + d.None)})
		}
		for _, h := range r.Holidays {
			days.Rows = append(days.Rows, []report.Cell{month, report.Str(pricing.FormatDate(h.Date)), report.Empty,
				report.Str(l.T("public holiday, no quote due: ", "法定节假日,不报价:") + h.Name)})
		}
		if r.Status != pricing.Complete {
			partial = true
		}
		if r.Status == pricing.Partial {
			days.Rows = append(days.Rows, []report.Cell{month, report.Empty, report.Empty,
				report.Str(fmt.Sprintf(l.T("%d trading days after %s not yet quoted: the month is not complete", "%[2]s 之后尚有 %[1]d 个交易日未报价:本月尚未完整"), r.NotYetQuoted, pricing.FormatDate(r.Last)))})
		}
		for _, n := range r.Excluded {
			days.Rows = append(days.Rows, []report.Cell{month, report.Str(pricing.FormatDate(n.Date)), report.Int(n.Line),
				report.Str(l.T("excluded: ", "已剔除:") + l.Say(n.Why))})
		}
		for _, n := range r.Warnings {
			days.Rows = append(days.Rows, []report.Cell{month, report.Str(pricing.FormatDate(n.Date)), report.Int(n.Line),
				report.Str(l.T("warning: ", "警告:") + l.Say(n.Why))})
		}
	}
	doc := report.Doc{
		Title:  l.T("Changjiang A00 spot monthly averages · ", "长江有色A00铝现货月均价 · ") + q.Source,
		Tables: []report.Table{main},
		Notes: []string{l.T(
			"Average = sum of the daily averages ÷ quote days, rounded half away from zero once from the exact quotient; only trading days are averaged — weekends and public holidays are not (rule 2.1).",
			"月均价 = 各报价日均价之和 ÷ 报价日数,由精确商一次四舍五入;只平均交易日,周末和法定节假日不参与(第2.1条)。")},
	}
	if partial {
		doc.Notes = append(doc.Notes, l.T(
			"Only a complete month's average is final (every trading day quoted, or declared without a quote): pricing on a month with gaps or in progress needs --provisional.",
			"只有完整月份(每个交易日都有报价或已声明无报价)的均价才是最终值:按有缺漏或尚未结束的月份只能计算暂定价。"))
	}
	doc.Tables = append(doc.Tables, days)
	return doc
}
