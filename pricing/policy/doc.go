// Package policy holds agreements and settlements to the Changji policy's
// own terms.
//
//   - lint.go: [Lint] — agreements against clause 2: every deduction
//     stated (2.4), no production loss passed on (2.5), plausible values,
//     the coal discount passed through in full, versions in order.
//   - drops.go: what a terms version drops against the one before it.
//   - slips.go: [Slips] — deductions so small they are likelier a slip (a
//     burn loss of 0.5 CNY/t for 0.5%), which lint lists and quote warns of.
//   - policy.go: [PolicyFigures] — the price advantage released (让利),
//     the coal pass-through against what the coal discount implies, and the
//     local conversion rate (就地转化率) against the targets.
package policy
