package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"alprice/cmd/alprice/i18n"
	"alprice/cmd/alprice/report"
	"alprice/pricing"
	"alprice/pricing/policy"
)

type lintOptions struct {
	agreementsPath string
	maxBurnLoss    string
	maxPercent     string
	strict         bool
}

func newLintCmd(a *app) *cobra.Command {
	o := &lintOptions{}
	cmd := &cobra.Command{
		Use:   "lint",
		Short: "Check agreements' terms against the policy",
		Long: `Check each agreement's terms against clause 2 of the policy, rule by rule:

  2.2     no transport deduction stated (a finding, even if the parties mean zero:
          the policy wants it stated; a stated 0 is fine)
  2.3     no casting or no burn loss deduction stated (warnings)
  2.5     a premium whose label charges the buyer for production or transit losses
          (电解/生产/工艺损耗, production loss…) — a finding; a fee so labelled, a warning
  2       premiums that outweigh the deductions at an A00 average between 15000 and
          35000: the price is above the benchmark, the price advantage is not passed on
  2-coal  a coal pass-through below what the smelter's coal discount implies, or none
          while a discount is in force during the version (from the month it starts)
  2.3     a burn loss above --max-burn-loss (3%), another percentage above
          --max-percent (5%)
  2.2, 2.3  a burn loss in CNY/t above 0 and below 10, likelier a percentage written
          without its % (burn_loss: 0.5 is 0.50 CNY/t: did you mean 0.5%?) — a finding;
          a casting or transport so small, likelier a slip — a warning
  vat.rate  a VAT rate other than 13% (a warning)
  7       versions out of order in the file (a warning); months between versions
          that no version prices (a finding); what a version drops against the one
          before — a line (a fee, the coal line, a premium) or a setting left at its
          default (unit_price_rounding: yuan back to fen) — a warning each` + `

EXIT STATUS
  0  no finding (warnings are listed, and fail only with --strict)
  1  a finding, or with --strict a warning
  2  usage or input error: nothing was written to stdout or --out
  130, 143  interrupted by SIGINT (Ctrl-C) or SIGTERM: an existing --out file is left as it was`,
		Annotations: chinese("按政策检查协议条款", `逐条按政策第二条检查每份协议的条款:

  2.2     未约定运费扣减(问题,即使双方本意为零:政策要求写明;写明 0 即可)
  2.3     未约定铸造费或烧损扣减(警告)
  2.5     上浮项目的名称表明向需方收取生产或途中损耗(电解/生产/工艺损耗等)
          —— 问题;费用项目有此名称 —— 警告
  2       A00 均价在 15000 至 35000 之间时上浮超过扣减:价格高于基准价,
          价格优惠未传导
  2 (煤价) 煤价让利低于供方煤炭优惠折合的金额,或版本期间有煤炭优惠生效却未约定
          煤价让利(自优惠生效的月份起计)—— 问题
  2.3     烧损超过 --max-burn-loss(3%),其他百分比扣减超过 --max-percent(5%)
  2.2, 2.3  烧损按元/吨大于 0 且低于 10,更可能是漏写了 % 的百分比(burn_loss: 0.5
          即 0.50 元/吨:是不是 0.5%?)—— 问题;铸造费或运费小到如此,更可能是笔误 —— 警告
  vat.rate  税率不是 13%(警告)
  7       文件中的条款版本未按日期排列(警告);版本之间有月份无条款定价(问题);
          新版本相对上一版本删去的内容 —— 某一项(费用、煤价让利、上浮)或回到默认值的
          设置(unit_price_rounding: yuan 变回 fen)—— 每项一条警告

退出状态
  0  没有问题(警告会列出,只在 --strict 时导致失败)
  1  有问题,或在 --strict 下有警告
  2  用法或输入错误:标准输出和 --out 都未写入任何内容`+exitInterruptedZH),
		Example: `  alprice lint --agreements testdata/agreements.yaml
  alprice lint --agreements agreements.yaml --max-burn-loss 2% --strict --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runLint(a, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.agreementsPath, "agreements", "", "agreements `FILE` (YAML); - for stdin")
	f.StringVar(&o.maxBurnLoss, "max-burn-loss", "3%", "largest plausible burn loss `PERCENT`")
	f.StringVar(&o.maxPercent, "max-percent", "5%", "largest plausible other percentage deduction, `PERCENT`")
	f.BoolVar(&o.strict, "strict", false, "exit 1 on warnings too")
	return cmd
}

func runLint(a *app, o *lintOptions) error {
	opts := policy.DefaultLintOptions()
	var err error
	if opts.MaxBurnLoss, err = pricing.ParsePercent(o.maxBurnLoss); err != nil {
		return flagError("max-burn-loss", o.maxBurnLoss, err)
	}
	if opts.MaxPercent, err = pricing.ParsePercent(o.maxPercent); err != nil {
		return flagError("max-percent", o.maxPercent, err)
	}
	if o.agreementsPath == "" {
		return usageError{pricing.Errorf("give the agreements with --agreements FILE")}
	}
	agreements, err := a.readAgreements(o.agreementsPath)
	if err != nil {
		return err
	}
	findings := policy.Lint(agreements, opts)
	failing := 0
	for _, f := range findings {
		if f.Severity == policy.SeverityFinding || o.strict {
			failing++
		}
	}
	if err := a.emit(result{doc: func() report.Doc { return lintDoc(a.lang, inputName(o.agreementsPath), agreements, findings) }, json: func() any { return lintJSON(a.lang, failing == 0, findings) }}); err != nil {
		return err
	}
	if failing > 0 {
		return errFound
	}
	return nil
}

type lintFindingJSON struct {
	Agreement string `json:"agreement"`
	TermsFrom string `json:"terms_from"`
	Line      int    `json:"line"`
	Severity  string `json:"severity"`
	Rule      string `json:"rule"`
	Message   string `json:"message"`
}

type lintJSONOut struct {
	OK       bool              `json:"ok"`
	Findings []lintFindingJSON `json:"findings"`
}

func lintJSON(l i18n.Lang, ok bool, findings []policy.LintFinding) lintJSONOut {
	j := lintJSONOut{OK: ok, Findings: []lintFindingJSON{}}
	for _, f := range findings {
		j.Findings = append(j.Findings, lintFindingJSON{Agreement: f.Agreement, TermsFrom: monthText(f.TermsFrom), Line: f.Line,
			Severity: f.Severity, Rule: f.Rule, Message: l.Say(f.Why)})
	}
	return j
}

func lintDoc(l i18n.Lang, source string, ags *pricing.Agreements, findings []policy.LintFinding) report.Doc {
	doc := report.Doc{Title: fmt.Sprintf(l.T("Policy lint · %s · agreements: %d", "政策检查 · %s · 协议 %d 份"), source, len(ags.List))}
	if len(findings) == 0 {
		doc.Notes = []string{l.T("No finding: every agreement states its deductions as clause 2 of the policy requires.",
			"未发现问题:各协议均按政策第二条载明扣减项目。")}
	}
	t := report.Table{SheetName: l.T("Policy lint", "政策检查"), Columns: columns(l, "agreement", "terms_from", "line", "severity", "rule", "message")}
	for _, f := range findings {
		severity := report.Coded(l.T("finding", "问题"), f.Severity)
		if f.Severity == policy.SeverityWarning {
			severity = report.Coded(l.T("warning", "提示"), f.Severity)
		}
		t.Rows = append(t.Rows, []report.Cell{report.Str(f.Agreement), report.Str(monthText(f.TermsFrom)), report.Int(f.Line),
			severity, ruleCell(l, f.Rule), report.Str(l.Say(f.Why))})
	}
	doc.Tables = []report.Table{t}
	return doc
}
