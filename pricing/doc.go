// Package pricing prices molten aluminium (铝液) supplied by an
// electrolytic-aluminium smelter to downstream processors, the way clause 2
// of the Changji Prefecture policy requires:
//
//	price per tonne = Changjiang A00 spot monthly average        rule 2.1
//	                − transport                                  rule 2.2
//	                − ingot casting − burn loss − other fees     rule 2.3
//	                − coal pass-through + agreed premiums         clause 2 (coal), rule 2.4
//	bill            = unit price × the weight delivered          rule 2.6
//
// Every deduction is stated in an agreement (rule 2.4), as CNY per tonne or
// a percentage of the benchmark; the smelter's own losses are never billed
// (rule 2.5). Money is [decimal.Decimal] and weight whole kilograms
// ([Weight]); nothing passes through a float.
//
// # The rooms
//
// This package is the model and the formula; it imports none of its
// children, which import it (a test holds the direction):
//
//   - read: every reader of a user's file, and the quotes store's writer.
//   - settle: deliveries billed per agreement and month.
//   - invoice: the invoice check and the true-up (补差).
//   - einvoice: the invoices the 数电 platform is asked to issue.
//   - policy: the lint of agreements and the policy figures.
//
// Price: [Quotes.Average] makes the benchmark of a month, [BuildPrice] the
// price build-up on it, [Agreement.PriceMonth] both for a supply month
// under the terms in force; [Price.Bill] bills a weight, [SplitInvoices]
// splits a bill under an invoice cap.
//
// # Where things are
//
//   - price.go: the formula, [BuildPrice], and [Price.Bill].
//   - rounding.go: every rounding, each with its mode and scale, in one
//     table; no other file rounds (a test holds that).
//   - value.go: the value syntax of money, percentages and weights.
//   - month.go: months and dates, and their one parser.
//   - terms.go: the kinds of line and a version of terms; coal.go: the
//     coal discount passed through; party.go: seller, buyer, tax ids and
//     the invoiced item; agreements.go: agreements and finding them.
//   - calendar.go: the trading calendar (weekends, the State Council's
//     holiday schedule, holidays added).
//   - quotes.go: daily quotes, monthly averages and a month's status;
//     quotestore.go: merging quotes into a store; monthprice.go: a supply
//     month's price, final or provisional.
//   - delivery.go: a ladle trip, as the deliveries reader hands it on.
//   - invoices.go: invoice lines, kept compact; split.go: a bill split
//     into invoice lines under a cap.
//   - rules.go: the codes of the tax rules a finding cites.
//   - capitals.go: an amount in Chinese capitals (大写金额), as bills write
//     it, [AmountInWords].
//   - errors.go and messages.go: every error is a template and its figures
//     ([Errorf], said by [Say] with a catalogue), every finding a code and
//     its figures ([Message]), so that the command line can say them in the
//     user's language; [InputError] places a problem in its file.
//
// internal/sample loads the sample inputs for the tests of the rooms.
package pricing
