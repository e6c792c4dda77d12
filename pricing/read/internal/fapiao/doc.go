// Package fapiao reads 数电 (fully digitalised) VAT invoices as the buyer
// receives them: one invoice XML ([ReadXML]) or the platform's 全量发票查询
// export, sheet 信息汇总表 ([ReadSummaryXLSX]); [Detect] tells those from
// the CSV of testdata/invoices for --invoices auto-detection. The formats
// are those of platforms.md §3.
//
// Both readers return plain data ([Invoice], [Line]): every figure a
// [decimal.Decimal] exact from the text, keeping its scale, and nothing
// checked arithmetically — that is the domain's job. A fault in the input
// is an [*Error] whose [Kind] the caller maps to a message in the user's
// language; its Error() is a developer's English.
//
// # Where things are
//
//   - invoice.go: [Invoice], [Line], [Party], [Optional], [Type].
//   - xml.go: [ReadXML], the element paths read, and the token-level
//     parser: bounded input, no entity declarations, one copy of each
//     element but the lines.
//   - xlsx.go: [ReadSummaryXLSX]: columns by header, rows grouped by
//     数电发票号码, every bad cell of the sheet ([Errors]).
//   - xlsxcell.go: the workbook's parts, unzipped as they are read within
//     the unzip limits; the shared strings table; the sheet walked row by
//     row as excelize reads its values and types; where its XML breaks,
//     as the cell a spreadsheet shows (B7).
//   - xlsxtok.go: the tokens of a part: a fast scanner of the XML a
//     workbook is written in, and encoding/xml for all else (a part the
//     fast one does not take is read again by encoding/xml).
//   - figures.go: the strict figure syntax, rates, dates, codes.
//   - detect.go: [Detect] and [Format].
//   - errors.go: [Error] and [Kind].
//
// The fixtures are in testdata/invoices-xml, written with their expected
// figures (expected.json) by make_xml.py, an independent working.
package fapiao
