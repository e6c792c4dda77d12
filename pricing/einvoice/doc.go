// Package einvoice makes the invoices a settlement or a true-up asks the
// national e-invoice platform (数电) to issue, checks them against the
// platform's rules, and splits them into batch files.
//
//   - einvoice.go: [SettlementEInvoices] and [TrueUpEInvoices], the
//     invoices and their lines; [CheckEInvoices], the platform's rules.
//   - workbook.go: [Template] ([DefaultTemplate], the official V260401
//     embedded; [OpenTemplate], a newer blank), its limits
//     ([Template.Check], a [LimitError] naming agreement, buyer, column,
//     limit and value) and the filled copy ([Template.Write], and
//     [Template.WriteFiles] for every batch); [Batches],
//     at most [MaxBatchLines] detail lines a file; [ReadWorkbook], a filled
//     one read back for check.
//   - text.go: the texts of a row's figures, made from their integers
//     (held to the decimals' own texts by a property test).
//   - serial.go: [Serial], the 19-character 发票流水号 (an agreement's tag,
//     YYMM, the kind, the part); [Note], the 备注 with its [MonthMarker]
//     供货月份:YYYY-MM, and [NoteMonth], which reads it.
//
// The official batch-issuing template, and the filling and reading of its
// zip, live under internal/template; docs/einvoice.md says it for users.
package einvoice
