package pricing

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Note is a remark on one row of an input: why it was excluded, or what
// looks wrong with it.
type Note struct {
	Date time.Time
	Line int
	Why  Message
}

// Message is a sentence this package says about its input — why a finding
// is one, why a row was excluded — kept as a code and its figures, so that
// the command line can say it in the user's language. String says it in
// English.
type Message struct {
	Code       string
	Args       []string   // the figures, %[1]s, %[2]s… of the template
	Adjustment Adjustment // the agreed line the sentence is about, {line} in the template; zero for none
}

// english holds the English template of every message code. A template
// takes its figures as %[n]s and names the agreed line it is about as
// {line}.
var english = map[string]string{
	// check: the arithmetic of invoice lines, as invoicing software checks it
	"line.amount":        "quantity %[1]s t × unit price %[2]s = %[3]s; invoicing software allows a difference of at most %[4]s",
	"line.vat":           "amount %[1]s × rate %[2]s = %[3]s; the VAT may differ from it by at most %[4]s",
	"line.vat.rate":      "amount %[1]s × rate %[2]s = %[3]s, but the VAT is %[4]s, the amount × %[5]s: worked out at another rate than the line states; the VAT may differ from amount × rate by at most %[6]s",
	"line.vat.incl":      "amount %[1]s × rate %[2]s = %[3]s, but the VAT is %[4]s, the rate applied to the amount incl. VAT (%[5]s × %[2]s): the VAT is the amount excl. VAT × rate, the amount incl. VAT splitting as total ÷ (1 + rate); the VAT may differ from amount × rate by at most %[6]s",
	"line.vat.per-tonne": "amount %[1]s × rate %[2]s = %[3]s, but the VAT is %[4]s, the VAT of one tonne rounded to the fen (%[5]s) × %[6]s t: the VAT is the line's amount × rate, rounded once; the VAT may differ from amount × rate by at most %[7]s",
	"line.vat.total":     "amount %[1]s × rate %[2]s = %[3]s, but the VAT is %[4]s: the invoice's VAT was worked out once on its total, %[5]s × %[2]s = %[6]s, and spread over its %[7]s lines; each line's VAT is its own amount × rate; the VAT may differ from amount × rate by at most %[8]s",
	"line.vat.yuan":      "amount %[1]s × rate %[2]s = %[3]s, but the VAT is %[4]s, rounded to the yuan instead of the fen; the VAT may differ from amount × rate by at most %[5]s",
	"line.rate":          "the agreement's terms from %[1]s state VAT at %[2]s; the invoice charges %[3]s",
	"line.total":         "the total (价税合计) must be the amount %[1]s plus the VAT %[2]s",
	"invoice.vat":        "over the invoice's lines the VAT differs from amount × rate by %[1]s in all; an invoice allows at most ±%[2]s",
	// check: the invoices as the platform issued them
	"invoice.seller":       "the seller is %[1]s (tax id %[2]s), not the agreements' seller %[3]s: the invoice's lines are not checked",
	"invoice.buyer-tax-id": "the buyer's tax id is %[1]s; agreement %[2]s states %[3]s for %[4]s",
	"invoice.totals":       "the invoice states %[1]s; its lines add up to %[2]s",
	"invoice.no-quantity":  "the line states neither quantity (数量) nor unit price (单价): the weight it bills is not known, so it is not priced",
	"red.missing":          "red invoice %[1]s reverses blue invoice %[2]s, which is not among the invoices given: give it too, so that the reversal is netted",
	"red.no-line":          "line %[2]s of red invoice %[1]s reverses no line of blue invoice %[3]s (none names %[4]s, tax code %[5]s)",
	"red.over":             "the red invoices reverse more than line %[2]s of blue invoice %[1]s billed: %[3]s t, %[4]s excl. VAT left",
	// check: lines not checked
	"skip.not-product":  "not the agreement's product (%[1]s, tax code %[2]s): not checked",
	"skip.other-seller": "an invoice of another seller (%[1]s): not checked",
	"skip.red-missing":  "a red invoice whose blue invoice %[1]s is not given: not netted",
	"skip.red-no-line":  "a red line that reverses no line of blue invoice %[1]s: not netted",
	// check: weight and totals
	"weight.none":       "%[1]s has no delivery to agreement %[2]s in %[3]s: nothing delivered may be billed",
	"weight.tapped":     "billed on tapped weight (%[1]s t weighed out at the smelter); the policy bills the delivered weight, %[2]s t; the %[3]s t lost in transit is the smelter's",
	"weight.differs":    "%[1]s t billed, but %[2]s t were delivered at the buyer's end in %[3]s (tickets: %[4]s); the policy bills the delivered weight",
	"trueup.previous":   "agreement %[1]s prices %[2]s on the previous month's average (%[3]s), final before the month was delivered: its invoices are final, nothing to true up (check holds them to the price)",
	"trueup.uninvoiced": "%[1]s t were delivered to agreement %[2]s in %[3]s (tickets: %[4]s), but %[5]s has no invoice for them: invoice them in full, a true-up only corrects a price",
	"statement.amount":  "the invoices bill %[1]s incl. VAT for %[2]s; the settlement of the deliveries comes to %[3]s (%[4]s t × %[5]s)",
	// check: the diagnosis of a price
	"price.unexplained":    "the billed unit price %[1]s (amount + VAT over quantity) differs from %[2]s, the price of agreement %[3]s for %[4]s (terms from %[5]s, %[6]s average %[7]s), by %[8]s/t, which no single likely mistake explains",
	"price.month.delivery": "priced on the %[1]s average (%[2]s) instead of %[3]s (%[4]s): the terms price %[5]s on its own month's average (当月均价)",
	"price.month.previous": "priced on the %[1]s average (%[2]s) instead of %[3]s (%[4]s): the terms price %[5]s on the previous month's average (上月均价)",
	"price.deduction":      "{line} deduction of %[1]s/t not applied — rule %[2]s",
	"price.premium":        "the agreed {line} of %[1]s/t not charged — rule 2.4",
	"price.base.excl-vat":  "{line} of %[1]s applied to the benchmark excl. VAT (%[2]s) instead of the benchmark %[3]s — rule %[4]s",
	"price.base.less":      "{line} of %[1]s applied to the benchmark less the fixed deductions (%[2]s) instead of the benchmark %[3]s — rule %[4]s",
	"price.rounding.fen":   "the %[1]s average rounded to the fen (%[2]s) instead of to the yuan (%[3]s), as the terms say",
	"price.rounding.yuan":  "the %[1]s average rounded to the yuan (%[2]s) instead of to the fen (%[3]s), as the terms say",
	"price.vat-on-top":     "VAT added to a price that already includes it: the unit price %[1]s (VAT incl., like the A00 average) was billed as the price excl. VAT",
	// lint
	"lint.premium-loss":      "the premium %[1]q charges the buyer for losses the smelter bears: production losses may not be passed on (2.5), and the billed weight is the delivered weight (2.6)",
	"lint.fee-loss":          "the fee %[1]q names losses; as a deduction it lowers the price, but check that the agreement does not charge them to the buyer (2.5)",
	"lint.burn-loss":         "{line} of %[1]s is above %[2]s%%, beyond what is plausible for a burn loss; check the agreement",
	"lint.small-burn-loss":   "{line} of %[1]s CNY/t is so small it is likelier a percentage written without its %%: did you mean %[2]s? (check the agreement; a percentage is written with %%)",
	"lint.small-deduction":   "{line} of %[1]s CNY/t is below %[2]s CNY/t, so small it is likelier a slip (a digit missing, or a percentage without its %%): check the agreement",
	"lint.percent":           "{line} of %[1]s is above %[2]s%%, beyond what is plausible for a percentage deduction; check the agreement",
	"lint.no-transport":      "no transport deduction is stated; the policy deducts transport (2.2) and wants every deduction in the agreement (2.4): state it, as 0 if none",
	"lint.no-casting":        "no ingot casting deduction is stated; molten metal skips casting (2.3), and every deduction belongs in the agreement (2.4)",
	"lint.no-burn-loss":      "no burn loss deduction is stated; molten metal skips the remelting and its burn loss (2.3), and every deduction belongs in the agreement (2.4)",
	"lint.premiums":          "at an A00 average of %[1]s the premiums (%[2]s/t) outweigh the deductions (%[3]s/t): the price is above the benchmark, and the price advantage of clause 2 is not passed on",
	"lint.vat-rate":          "the VAT rate is %[1]s; aluminium is taxed at 13%%",
	"lint.provisional-basis": "provisional_basis %[1]s does nothing here: the terms price a month on the previous month's average, known when the month is invoiced",
	"lint.coal-missing":      "no coal pass-through is stated, but the smelter's coal discount implies %[1]s/t from %[3]s (%[2]s): clause 2 passes the coal discount on to the buyer in full",
	"lint.coal-short":        "the coal pass-through of %[1]s/t is below the %[2]s/t the coal discount implies from %[4]s (%[3]s): not passed through in full (clause 2, coal); or write value: full",
	"lint.drops-line":        "{line} (%[2]s) of the version from %[1]s is not in the version from %[3]s: it stops in %[3]s; if the agreement drops it, that is a choice, else state it again",
	"lint.drops-setting":     "%[1]s was %[2]s in the version from %[3]s; the version from %[4]s does not keep it and prices with the default, %[5]s: if the agreement changes it, that is a choice, else state %[1]s: %[2]s again",
	"lint.order":             "the version from %[1]s comes after the version from %[2]s in the file; list versions in date order",
	"lint.gap":               "no version prices %[1]s: the version from %[2]s ends in %[3]s, the next starts in %[4]s",
	// notes on rows
	"quote.weekend":     "dated %[1]s: Changjiang does not quote on weekends (a scraper's carried-forward row)",
	"quote.holiday":     "dated on a public holiday, %[1]s: Changjiang does not quote on holidays (a scraper's carried-forward row)",
	"quote.midpoint":    "average %[1]s is not the midpoint %[2]s of the range %[3]s-%[4]s",
	"quote.change":      "change %[1]s disagrees with the previous row (%[2]s, average %[3]s): %[4]s − %[3]s = %[5]s",
	"quote.outside":     "average %[1]s is outside its range %[2]s-%[3]s",
	"quote.outlier":     "average %[1]s is off by a factor of %[2]s or more from the days quoted around it: a digit dropped or added? alprice quotes check names them",
	"quote.jump":        "average %[1]s is more than %[4]s%% away from the previous trading day's (%[2]s, %[3]s): check both days",
	"delivery.overfull": "ticket %[1]s: delivered %[2]s t is more than tapped %[3]s t; check the weighbridges",
}

// MessageCodes returns every message code, for translations to be checked
// against.
func MessageCodes() []string { return slices.Sorted(maps.Keys(english)) }

// Msg returns the message of code with its figures; an unknown code is a
// bug, and panics.
func Msg(code string, args ...string) Message {
	if _, ok := english[code]; !ok {
		panic("pricing: no message " + code)
	}
	return Message{Code: code, Args: args}
}

// About returns m naming the agreed line a.
func (m Message) About(a Adjustment) Message {
	m.Adjustment = a
	return m
}

// Template returns m's English template: the key of its translations in
// the same catalogue as the error templates'.
func (m Message) Template() string { return english[m.Code] }

// Render fills template with m: its figures, and for {line} the agreed
// line's name as name gives it.
func (m Message) Render(template string, name func(Kind, string) string) string {
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		args[i] = a
	}
	text := fmt.Sprintf(template, args...)
	if strings.Contains(text, "{line}") {
		text = strings.ReplaceAll(text, "{line}", name(m.Adjustment.Kind, m.Adjustment.Label))
	}
	return text
}

// String says m in English.
func (m Message) String() string { return m.Render(m.Template(), englishName) }

// englishName names an agreed line in English: its kind, and its label.
func englishName(k Kind, label string) string {
	name := map[Kind]string{Transport: "transport", Casting: "casting", BurnLoss: "burn loss", Coal: "coal pass-through", Fee: "fee", Premium: "premium"}[k]
	if label != "" {
		name += " " + label
	}
	return name
}
