// Package einvoice makes the invoices a settlement or a true-up asks the
// national e-invoice platform (数电) to issue, checks them against the
// platform's rules, and splits them into batch files.
//
//   - einvoice.go: [SettlementEInvoices] and [TrueUpEInvoices], the
//     invoices and their lines; [CheckEInvoices], the platform's limits;
//     [Batches], at most [MaxBatchLines] detail lines a file.
//
// The official batch-issuing template lives under internal/template.
package einvoice
