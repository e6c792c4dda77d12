// Package template fills a copy of the tax platform's batch-issuing
// template (批量开票-导入开票模板, V260401) and reads filled copies back.
//
// The platform refuses a workbook that is not built on its current blank,
// so this package never builds one: [Default] opens the official blank
// embedded in the program, [Open] a newer one the user downloaded. Columns
// are found by their header text in row 3 ([Key]), so a blank with columns
// reordered is filled correctly, and the limits come from row 2
// ([Template.Limit], [Template.Columns]). [Template.Require] refuses a
// blank lacking a column the caller needs; [Template.Version] is the
// version the importer checks.
//
// [Template.Fill] writes the filled copy: the template's zip entries are
// copied byte for byte, except the parts of [Basic] and [Detail], into
// which the data rows are spliced from row [FirstDataRow] as inline string
// cells. [ReadBack] reads any filled workbook back by its own headers.
// Every failure is an [*Error] with a [Kind]; its text is for developers.
//
// Where things are:
//   - template.go: [Template], [Open], [Default], the columns and their
//     limits read from rows 2 and 3 (through excelize).
//   - fill.go: [Template.Check] and [Template.Fill]; the template's data
//     sheet cut where the rows go, and the XML of the rows.
//   - readback.go: [ReadBack].
//   - xlsx.go: the package's own reading of an xlsx zip: sheet list, parts,
//     shared strings, and a streaming reader of cells with their types.
//   - errors.go: [Error] and [Kind].
//   - V260401.xlsx: the official blank, unchanged.
package template
