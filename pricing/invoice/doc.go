// Package invoice checks the VAT invoices of a month against the
// agreements, the policy and the settlement of the deliveries, and works
// out the true-up (补差) once the month's final price is known.
//
//   - check.go: [Check] — each line's arithmetic as invoicing software
//     checks it, each invoice's VAT, the rate, the weight billed against
//     the delivered weight (rule 2.6), the month's total against the
//     settlement, and the unit price against the agreement, with the likely
//     mistake named ([Finding]).
//   - issued.go: how the invoices of the platform's files count: the
//     buyer by tax id, the seller held to the agreements', only the lines
//     of the product ([NotChecked]), red invoices netted against the blue
//     ones they reverse ([InvoiceCheck], [Status]).
//   - verdict.go: [CheckResult.Verdict], the check in one line: findings,
//     the invoices of the months they are in, billed against settled.
//   - month.go: the one grouping of invoice lines and statements by
//     agreement and supply month that Check and TrueUps share, and one pass
//     over a month's lines, on integers while the lines are clean.
//   - trueup.go: [TrueUps] — what was invoiced on a provisional price
//     against the final bill: red-letter lines (红字) or a blue
//     price-difference invoice (补开), adding up exactly.
package invoice
