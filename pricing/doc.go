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
// # The flow
//
// Read the inputs: [ReadAgreements] (YAML), [ReadQuotes], [NewDeliveryReader]
// and [ReadInvoices] (CSV). Each takes an io.Reader and a name for messages
// and returns validated values, or an error naming file, line, column,
// field and value ([InputError], [ErrorList]).
//
// Price: [Quotes.Average] makes the benchmark of a month, [BuildPrice] the
// price build-up on it, [Agreement.PriceMonth] both for a supply month
// under the terms in force. Then [Settle] bills a deliveries file per
// agreement and month, [SplitInvoices] splits a bill under an invoice cap,
// [Check] checks invoices against all of it, and [Lint] checks agreements
// against the policy.
//
// # Where things are
//
//   - price.go: the formula, [BuildPrice], and [Price.Bill].
//   - rounding.go: every rounding, each with its mode and scale, in one
//     table; no other file rounds (a test holds that).
//   - value.go: the value syntax of money, percentages and weights.
//   - month.go: months and dates, and their one parser.
//   - terms.go: the kinds of line and a version of terms; agreements.go:
//     agreements and finding them; agreements_yaml.go: their reader.
//   - quotes.go: daily quotes and monthly averages; monthprice.go: a
//     supply month's price.
//   - deliveries.go, settle.go, split.go: settlement on the delivered weight.
//   - invoices.go, check.go: the invoice check; lint.go: the policy lint.
//   - csvin.go: what the CSV readers share (encodings, columns by name);
//     text.go: names without invisible characters.
//   - errors.go and messages.go: every error is a template and its figures
//     ([Errorf], said by [Say] with a catalogue), every finding a code and
//     its figures ([Message]), so that the command line can say them in the
//     user's language.
//
// The mechanics live under internal/: csvscan (a CSV scanner four times
// faster than encoding/csv and held to it by a differential fuzzer),
// tickets (the duplicate-ticket set, and the hashes of a first pass that
// keeps eight bytes a ticket) and pipeline (scanning in a goroutine while
// the caller parses).
package pricing
