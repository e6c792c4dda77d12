package main

import (
	"errors"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"alprice/cmd/alprice/report"
	"alprice/pricing"
	"alprice/pricing/policy"
)

type quoteOptions struct {
	agreementsPath string
	agreementID    string
	month          string
	a00            string
	quotes         quotesFlags
	provisional    bool
	adjustments    adjustmentFlags
	weight         string
}

func newQuoteCmd(a *app) *cobra.Command {
	o := &quoteOptions{}
	cmd := &cobra.Command{
		Use:   "quote",
		Short: "Show the price build-up of molten aluminium per tonne, and the bill for a weight",
		Long: `Show every line of the molten-aluminium price: the Changjiang A00 spot monthly
average (rule 2.1), less transport (2.2), ingot casting, burn loss and other
agreed fees (2.3), less the coal price pass-through, plus agreed premiums (2.4);
then the unit price with and without VAT and, with --weight, the bill for that
delivered weight (2.6): amount incl. VAT (价税合计), amount excl. VAT (金额), VAT (税额).

The terms come from flags, or from an agreement in an agreements file
(--agreements, --agreement, --month); flags given beside --agreements override
that agreement's values. The benchmark is --a00, or the average of the daily
quotes in --quotes for the month the terms price --month on. Values are CNY/t (600, 24,389.00) or a percentage of
the benchmark (0.6%); weights are tonnes (31.25) or kilograms (31250kg).` + exitStatusHelp,
		Annotations: chinese("显示每吨铝液价格的构成,以及某一重量的货款", `显示铝液价格的每一行:长江 A00 现货月均价(第 2.1 条),减运费(2.2)、铝锭
铸造费、烧损及其他约定费用(2.3),减煤价让利,加约定上浮(2.4);然后是含税与
不含税单价,给出 --weight 时还有该到位重量的货款(2.6):价税合计、金额、税额。

条款来自各选项,或来自协议文件中的一份协议(--agreements、--agreement、
--month);与 --agreements 同时给出的选项覆盖该协议的值,输出标明为假设测算。
基准价为 --a00,或 --quotes 中条款为 --month 所定计价月份的每日报价均价。
数值为元/吨(600、24,389.00)或基准价的百分比(0.6%);重量为吨(31.25)
或千克(31250kg)。`+exitStatusHelpZH),
		Example: `  alprice quote --a00 24389 --transport 600 --casting 150 --burn-loss 0.6% \
                --coal 80 --fee 检测费=10 --weight 31.25
  alprice quote --agreements testdata/agreements.yaml --agreement ZD-2026-001 \
                --month 2026-03 --a00 24389 --weight 31.25 --casting 120
  alprice quote --agreements testdata/agreements.yaml --agreement ZD-2026-002 \
                --month 2026-04 --quotes testdata/quotes-2026-h1.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runQuote(a, o, cmd.Flags())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.agreementsPath, "agreements", "", "agreements `FILE` (YAML) to take the terms from; - for stdin")
	f.StringVar(&o.agreementID, "agreement", "", "agreement `ID` (or buyer name) in the agreements file; needed when it has several")
	f.StringVar(&o.month, "month", "", "supply month `YYYY-MM`: chooses the terms version in force")
	f.StringVar(&o.a00, "a00", "", "Changjiang A00 spot monthly average `PRICE`, CNY/t (rule 2.1)")
	o.quotes.bind(f, "Changjiang A00 daily quotes `FILE` (CSV): the benchmark is the average of the month the terms price --month on")
	f.BoolVar(&o.provisional, "provisional", false, "price on a benchmark month whose quotes are not all in yet, marked PROVISIONAL")
	f.StringVar(&o.weight, "weight", "", "delivered `WEIGHT` to bill: tonnes (31.25) or kg (31250kg) (rule 2.6)")
	o.adjustments.bind(f)
	return cmd
}

func runQuote(a *app, o *quoteOptions, flags *pflag.FlagSet) error {
	q := pricedQuote{}
	terms := pricing.DefaultTerms()
	if o.month != "" {
		m, err := pricing.ParseMonth(o.month)
		if err != nil {
			return flagError("month", o.month, err)
		}
		q.month = m
	}
	var agreements *pricing.Agreements
	if o.agreementsPath != "" {
		var err error
		if agreements, err = a.readAgreements(o.agreementsPath); err != nil {
			return err
		}
		ag, err := chooseAgreement(agreements, o.agreementID)
		if err != nil {
			return err
		}
		if q.month != 0 {
			terms, err = ag.TermsFor(q.month)
		} else if terms, err = ag.OnlyTerms(); errors.Is(err, pricing.ErrSeveralVersions) {
			err = usageError{pricing.Errorf("%w: give --month to choose one", err)}
		}
		if err != nil {
			return err
		}
		q.seller, q.agreement, q.buyer = agreements.Seller.Name, ag.ID, ag.Buyer.Name
	} else if o.agreementID != "" {
		return usageError{pricing.Errorf("--agreement needs --agreements FILE")}
	}
	agreed := terms
	terms, err := o.adjustments.apply(terms, flags)
	if err != nil {
		return err
	}
	if agreements != nil {
		// Flags beside an agreement make a what-if: say what changed.
		q.overrides = whatIf(agreed, terms)
	}
	for _, s := range policy.Slips(terms) {
		a.warn("%s", a.lang.Say(s.Why))
	}
	switch {
	case o.a00 != "" && o.quotes.path != "":
		return usageError{pricing.Errorf("give the benchmark with --a00 or with --quotes, not both")}
	case o.quotes.path != "":
		if q.month == 0 {
			return usageError{pricing.Errorf("--quotes needs --month YYYY-MM: the supply month to price")}
		}
		quotes, err := a.readQuotes(&o.quotes, agreements)
		if err != nil {
			return err
		}
		mp, err := pricing.PriceMonth(terms, q.month, quotes, o.provisional)
		if err != nil {
			return err
		}
		a.pricedOn(mp.Average.Month)
		q.setBenchmark(mp)
	case o.a00 != "":
		benchmark, err := pricing.ParseMoney(o.a00)
		if err == nil && !benchmark.IsPositive() {
			err = pricing.Errorf("is zero; the benchmark must be more than zero")
		}
		if err != nil {
			return flagError("a00", o.a00, err)
		}
		if q.price, err = pricing.BuildPrice(benchmark, terms); err != nil {
			return err
		}
	default:
		return usageError{pricing.Errorf("give the benchmark with --a00 PRICE (the Changjiang A00 monthly average, CNY/t), or --quotes FILE --month YYYY-MM")}
	}
	if o.weight != "" {
		w, err := pricing.ParseWeight(o.weight)
		if err != nil {
			return flagError("weight", o.weight, err)
		}
		bill := q.price.Bill(w)
		q.bill = &bill
	}
	return a.emit(result{doc: func() report.Doc { return q.doc(a.lang) }, json: func() any { return q.json(a.lang) }})
}

// chooseAgreement picks the agreement --agreement names, or the only one.
func chooseAgreement(s *pricing.Agreements, id string) (*pricing.Agreement, error) {
	if id != "" {
		return s.Choose(id)
	}
	if len(s.List) == 1 {
		return &s.List[0], nil
	}
	return nil, usageError{pricing.Errorf("the agreements file has %d agreements (%s): choose one with --agreement",
		len(s.List), strings.Join(s.IDs(), ", "))}
}

// override is a term of an agreement a flag changed: a what-if.
type override struct {
	Field  string `json:"field"`
	Agreed string `json:"agreed"`
	Used   string `json:"used"`
	kind   pricing.Kind
	label  string
}

// whatIf lists the terms that differ between agreed and used.
func whatIf(agreed, used pricing.Terms) []override {
	var out []override
	find := func(t pricing.Terms, a pricing.Adjustment) string {
		for _, b := range t.Adjustments {
			if b.Kind == a.Kind && (!a.Kind.NeedsLabel() || b.Label == a.Label) {
				return b.Value.String()
			}
		}
		return "none"
	}
	for _, a := range used.Adjustments {
		if was := find(agreed, a); was != a.Value.String() {
			field := string(a.Kind)
			if a.Label != "" {
				field += " " + a.Label
			}
			out = append(out, override{Field: field, Agreed: was, Used: a.Value.String(), kind: a.Kind, label: a.Label})
		}
	}
	if !agreed.VATRate.Equal(used.VATRate) {
		out = append(out, override{Field: "vat_rate", Agreed: pricing.RateText(agreed.VATRate), Used: pricing.RateText(used.VATRate)})
	}
	if agreed.UnitPriceRounding != used.UnitPriceRounding {
		out = append(out, override{Field: "unit_price_rounding", Agreed: string(agreed.UnitPriceRounding), Used: string(used.UnitPriceRounding)})
	}
	return out
}

// adjustmentFlags are the deduction and premium flags, shared by every
// command that can state or override terms.
type adjustmentFlags struct {
	transport, casting, burnLoss, coal string
	fees, premiums                     []string
	vat                                string
	unitPriceRounding                  string
}

func (f *adjustmentFlags) bind(fs *pflag.FlagSet) {
	fs.StringVar(&f.transport, "transport", "", "transport deduction `VALUE`: CNY/t or % of the benchmark (rule 2.2)")
	fs.StringVar(&f.casting, "casting", "", "ingot casting deduction `VALUE` (rule 2.3)")
	fs.StringVar(&f.burnLoss, "burn-loss", "", "burn loss deduction `VALUE`, such as 0.6% (rule 2.3)")
	fs.StringVar(&f.coal, "coal", "", "coal price pass-through deduction `VALUE` (clause 2, coal)")
	fs.StringArrayVar(&f.fees, "fee", nil, "other agreed fee `LABEL=VALUE`, repeatable, each label once; never split on commas (rule 2.3)")
	fs.StringArrayVar(&f.premiums, "premium", nil, "agreed premium (上浮) `LABEL=VALUE`, repeatable, each label once (rule 2.4)")
	fs.StringVar(&f.vat, "vat", "", "VAT `RATE`, 13% or 0.13 (default 13%, or the agreement's)")
	fs.StringVar(&f.unitPriceRounding, "unit-price-rounding", "", "round the unit price to `fen|yuan` (default fen, or the agreement's)")
}

// apply returns t with the values of the flags given on the command line
// replacing, or adding to, t's.
func (f *adjustmentFlags) apply(t pricing.Terms, fs *pflag.FlagSet) (pricing.Terms, error) {
	single := []struct {
		flag string
		kind pricing.Kind
		text string
	}{
		{"transport", pricing.Transport, f.transport},
		{"casting", pricing.Casting, f.casting},
		{"burn-loss", pricing.BurnLoss, f.burnLoss},
		{"coal", pricing.Coal, f.coal},
	}
	for _, s := range single {
		if !fs.Changed(s.flag) {
			continue
		}
		v, err := pricing.ParseValue(s.text)
		if err != nil {
			return t, flagError(s.flag, s.text, err)
		}
		t = t.With(pricing.Adjustment{Kind: s.kind, Value: v})
	}
	labelled := []struct {
		flag  string
		kind  pricing.Kind
		items []string
	}{{"fee", pricing.Fee, f.fees}, {"premium", pricing.Premium, f.premiums}}
	for _, l := range labelled {
		given := map[string]string{} // label → the --fee or --premium that gave it
		for _, item := range l.items {
			// The value never has "=", a label may: split at the last one.
			i := strings.LastIndex(item, "=")
			ok := i >= 0
			label, text := item[:max(i, 0)], item[i+1:]
			label = strings.TrimSpace(label)
			if !ok || label == "" {
				return t, flagError(l.flag, item, pricing.Errorf("write LABEL=VALUE, such as 检测费=10"))
			}
			if earlier, ok := given[label]; ok {
				// A second value for one label would silently replace the first.
				return t, flagError(l.flag, item, pricing.Errorf("gives %q a second time (also --%s %s): give each label once", label, l.flag, earlier))
			}
			given[label] = item
			v, err := pricing.ParseValue(text)
			if err != nil {
				return t, flagError(l.flag, item, err)
			}
			t = t.With(pricing.Adjustment{Kind: l.kind, Label: label, Value: v})
		}
	}
	if fs.Changed("vat") {
		r, err := pricing.ParseVATRate(f.vat)
		if err != nil {
			return t, flagError("vat", f.vat, err)
		}
		t.VATRate = r
	}
	if fs.Changed("unit-price-rounding") {
		r, err := pricing.ParseRounding(f.unitPriceRounding)
		if err != nil {
			return t, flagError("unit-price-rounding", f.unitPriceRounding, err)
		}
		t.UnitPriceRounding = r
	}
	return t, nil
}
