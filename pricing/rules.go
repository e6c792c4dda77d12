package pricing

// Rule codes of findings that are tax rules rather than policy rules; the
// policy's own rules are 2.1 to 2.6 ([Kind.Rule]).
const (
	RuleLineArithmetic = "vat.line"    // a line's own arithmetic, as invoicing software checks it
	RuleInvoiceTax     = "vat.invoice" // the VAT of an invoice's lines together
	RuleVATRate        = "vat.rate"    // the rate the agreement states
	RuleTotal          = "vat.total"   // 价税合计 = 金额 + 税额
	RuleStatement      = "statement"   // the month's bill against the settlement
	RuleParties        = "vat.parties" // the seller and buyer an invoice names, by tax id
	RuleInvoiceTotals  = "vat.totals"  // an invoice's totals against its lines
	RuleRed            = "vat.red"     // a red invoice against the blue one it reverses
)
