package pricing

// Rule codes of findings that are tax rules rather than policy rules; the
// policy's own rules are 2.1 to 2.6 ([Kind.Rule]).
const (
	RuleLineArithmetic = "vat.line"    // a line's own arithmetic, as invoicing software checks it
	RuleInvoiceTax     = "vat.invoice" // the VAT of an invoice's lines together
	RuleVATRate        = "vat.rate"    // the rate the agreement states
	RuleTotal          = "vat.total"   // 价税合计 = 金额 + 税额
	RuleStatement      = "statement"   // the month's bill against the settlement
)
