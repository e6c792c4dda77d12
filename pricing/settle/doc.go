// Package settle bills deliveries on the delivered weight (rule 2.6): per
// agreement and supply month, the tickets' delivered weights summed as
// whole kilograms, priced once on the month's price ([pricing.MonthPrice])
// and rounded once, every row accounted for.
//
//   - settle.go: [Settle] over a [Source] (read.DeliveryReader is one),
//     which it may ask to read the rows again; [Settlement], [Statement] (with its [Ladle]s when asked),
//     the rows rejected, unpriced or outside the month asked; the buyer
//     index that finds a row's agreement.
package settle
