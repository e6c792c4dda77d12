package pricing

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func adj(kind Kind, label, value string) Adjustment {
	v, err := ParseValue(value)
	if err != nil {
		panic(err)
	}
	return Adjustment{Kind: kind, Label: label, Value: v}
}

// foundationTerms are the terms of the foundation's worked example.
func foundationTerms() Terms {
	t := DefaultTerms()
	t.Adjustments = []Adjustment{
		adj(Transport, "", "600"),
		adj(Casting, "", "150"),
		adj(BurnLoss, "", "0.6%"),
		adj(Coal, "", "80"),
		adj(Fee, "检测费", "10"),
	}
	return t
}

// The foundation issue's worked example, figured by hand:
//
//	burn loss      24389 × 0.6% = 146.334           → 146.33
//	unit price     24389 − 600 − 150 − 146.33 − 80 − 10 = 23402.67
//	excl. VAT      23402.67 ÷ 1.13 = 20710.327…      → 20710.33
//	amount         23402.67 × 31.25 = 731333.4375    → 731333.44
//	amount excl.   731333.44 ÷ 1.13 = 647197.734…    → 647197.73
//	VAT            731333.44 − 647197.73             = 84135.71
func TestWorkedExample(t *testing.T) {
	p, err := BuildPrice(d("24389"), foundationTerms())
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Lines[2].Amount; !got.Equal(d("-146.33")) {
		t.Errorf("burn loss = %s, want -146.33", got)
	}
	b := p.Bill(31250)
	for _, c := range []struct {
		name      string
		got, want decimal.Decimal
	}{
		{"unit price", p.UnitPrice, d("23402.67")},
		{"unit price excl. VAT", p.UnitPriceExclVAT, d("20710.33")},
		{"amount", b.Amount, d("731333.44")},
		{"amount excl. VAT", b.AmountExclVAT, d("647197.73")},
		{"VAT", b.VAT, d("84135.71")},
	} {
		if !c.got.Equal(c.want) {
			t.Errorf("%s = %s, want %s", c.name, c.got, c.want)
		}
	}
}

func TestRoundingIsHalfAwayFromZero(t *testing.T) {
	cases := []struct {
		name      string
		got, want decimal.Decimal
	}{
		// 0.5% of 1001 = 5.005 and of 1009 = 5.045: half a fen rounds up
		// (half to even would give 5.00 and 5.04).
		{"percent line half", PercentLine(d("1001"), d("0.5")), d("5.01")},
		{"percent line half, odd", PercentLine(d("1009"), d("0.5")), d("5.05")},
		{"percent line below half", PercentLine(d("24389"), d("0.6")), d("146.33")},
		{"unit price to yuan, half", RoundUnitPrice(d("23430.50"), Yuan), d("23431")},
		{"unit price to yuan, below half", RoundUnitPrice(d("23430.49"), Yuan), d("23430")},
		{"unit price to fen keeps fen", RoundUnitPrice(d("23430.49"), Fen), d("23430.49")},
		// 113.5706 ÷ 1.13 = 100.50495… → 100.50; 0.00565 ÷ 1.13 = 0.005 exactly → 0.01.
		{"excl. VAT below half", ExclVAT(d("113.5706"), d("0.13")), d("100.50")},
		{"excl. VAT exact half", ExclVAT(d("0.00565"), d("0.13")), d("0.01")},
		// 0.01 CNY/t × 0.5 t = 0.005 → 0.01.
		{"amount half", Amount(d("0.01"), 500), d("0.01")},
		// 24084.2105… (Jan 2026: 457600 / 19)
		{"average yuan", MonthlyAverage(d("457600"), 19, Yuan), d("24084")},
		{"average fen", MonthlyAverage(d("457600"), 19, Fen), d("24084.21")},
		{"exact mean", ExactMean(d("457600"), 19), d("24084.2105")},
		// 2.5 ÷ 1 with yuan rounding → 3 (half to even would give 2).
		{"average half", MonthlyAverage(d("5"), 2, Yuan), d("3")},
	}
	for _, c := range cases {
		if !c.got.Equal(c.want) {
			t.Errorf("%s: got %s, want %s", c.name, c.got, c.want)
		}
	}
}

// The average must be rounded from the exact quotient: 4 decimals first
// would turn 0.49995 into 0.5000 and then 1.
func TestMonthlyAverageRoundsOnce(t *testing.T) {
	sum := d("9.9999") // ÷ 20 days = 0.499995
	if got := MonthlyAverage(sum, 20, Yuan); !got.Equal(d("0")) {
		t.Errorf("9.9999/20 = 0.499995 rounds to %s, want 0", got)
	}
	if got := ExactMean(sum, 20); !got.Equal(d("0.5")) {
		t.Errorf("exact mean 0.499995 to 4 decimals = %s, want 0.5000", got)
	}
}

func TestSplitVATAddsUp(t *testing.T) {
	for _, s := range []string{"731333.44", "0.01", "0.02", "113", "999999999.99", "12345.67"} {
		amount := d(s)
		excl, vat := SplitVAT(amount, d("0.13"))
		if !excl.Add(vat).Equal(amount) {
			t.Errorf("%s: %s + %s ≠ amount", s, excl, vat)
		}
		if diff := excl.Mul(d("0.13")).Sub(vat).Abs(); diff.GreaterThan(d("0.01")) {
			t.Errorf("%s: VAT %s is %s off excl. × rate", s, vat, diff)
		}
	}
}

func TestBuildPrice(t *testing.T) {
	withPremium := foundationTerms().With(adj(Premium, "合金化加价", "200"))
	yuan := withPremium
	yuan.UnitPriceRounding = Yuan

	cases := []struct {
		name      string
		benchmark string
		terms     Terms
		unit      string
		lines     int
		rounding  string // amount of the rounding line, "" for none
	}{
		{"no deductions", "24389", DefaultTerms(), "24389", 0, ""},
		{"foundation", "24389", foundationTerms(), "23402.67", 5, ""},
		{"premium adds", "24389", withPremium, "23602.67", 6, ""},
		// 24389 − 600 − 150 − 146.33 − 80 − 10 + 200 = 23602.67 → 23603, +0.33
		{"yuan rounding line", "24389", yuan, "23603", 7, "0.33"},
		{"percent premium", "20000", DefaultTerms().With(adj(Premium, "x", "1%")), "20200", 1, ""},
	}
	for _, c := range cases {
		p, err := BuildPrice(d(c.benchmark), c.terms)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !p.UnitPrice.Equal(d(c.unit)) || len(p.Lines) != c.lines {
			t.Errorf("%s: unit price %s with %d lines, want %s with %d", c.name, p.UnitPrice, len(p.Lines), c.unit, c.lines)
		}
		sum := p.Benchmark
		for _, l := range p.Lines {
			sum = sum.Add(l.Amount)
		}
		if !sum.Equal(p.UnitPrice) {
			t.Errorf("%s: the lines add up to %s, not the unit price %s", c.name, sum, p.UnitPrice)
		}
		if c.rounding != "" {
			last := p.Lines[len(p.Lines)-1]
			if last.Kind != Rounded || !last.Amount.Equal(d(c.rounding)) {
				t.Errorf("%s: last line %+v, want rounding %s", c.name, last, c.rounding)
			}
		}
	}
}

func TestBuildPriceRejectsNonPositive(t *testing.T) {
	terms := DefaultTerms().With(adj(Transport, "", "600")).With(adj(Casting, "", "400"))
	for _, b := range []string{"1000", "999.99"} {
		_, err := BuildPrice(d(b), terms)
		if err == nil || !strings.Contains(err.Error(), "transport 600.00, casting 400.00") {
			t.Errorf("benchmark %s: error %v, want one naming the deductions", b, err)
		}
	}
}

func TestTermsWith(t *testing.T) {
	base := foundationTerms().With(adj(Premium, "合金化加价", "200"))
	got := base.With(adj(Casting, "", "120"))
	if got.Adjustments[1].Value.Number().String() != "120" || len(got.Adjustments) != 6 {
		t.Errorf("override casting: %+v", got.Adjustments)
	}
	if base.Adjustments[1].Value.Number().String() != "150" {
		t.Error("With changed the terms it was called on")
	}
	got = base.With(adj(Fee, "过磅费", "5"))
	if got.Adjustments[5].Label != "过磅费" || got.Adjustments[6].Kind != Premium {
		t.Errorf("a new fee goes before the premiums: %+v", got.Adjustments)
	}
	got = base.With(adj(Fee, "检测费", "12"))
	if len(got.Adjustments) != 6 || got.Adjustments[4].Value.Number().String() != "12" {
		t.Errorf("a fee with the same label replaces it: %+v", got.Adjustments)
	}
}

func month(s string) Month {
	m, err := ParseMonth(s)
	if err != nil {
		panic(err)
	}
	return m
}
