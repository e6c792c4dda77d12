package fapiao

import (
	"bytes"
	"unicode/utf8"
)

// Format is what an invoices file holds, as Detect tells it.
type Format int

// The formats Detect tells apart.
const (
	FormatUnknown Format = iota // binary, or nothing
	FormatXML                   // a 数电 invoice XML, for ReadXML
	FormatXLSX                  // a zip: an xlsx workbook, for ReadSummaryXLSX
	FormatXLS                   // an OLE2 file: an old .xls, or an encrypted workbook; not read
	FormatCSV                   // UTF-8 text that is not XML: the CSV of testdata/invoices
)

var formatNames = [...]string{"unknown", "xml", "xlsx", "xls", "csv"}

// String returns the format's short name (xml, xlsx, csv ...).
func (f Format) String() string {
	if f >= 0 && int(f) < len(formatNames) {
		return formatNames[f]
	}
	return "unknown"
}

// Detect tells the format of a file from its first bytes (512 are
// plenty; fewer work). A zip signature is an xlsx and the OLE2 signature
// an .xls; text whose first character, past a UTF-8 byte order mark and
// whitespace, is '<' is XML (<?xml, <EInvoice, or anything else for
// ReadXML to refuse by name); other UTF-8 text without NUL bytes is CSV.
// A multi-byte character cut at the end of head does not count against it.
func Detect(head []byte) Format {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return FormatXLSX
	case bytes.HasPrefix(head, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return FormatXLS
	}
	text := bytes.TrimPrefix(head, []byte("\uFEFF"))
	trimmed := bytes.TrimLeft(text, " \t\r\n")
	if len(trimmed) == 0 || bytes.IndexByte(text, 0) >= 0 {
		return FormatUnknown
	}
	// Drop a character cut by the end of head before checking the encoding.
	for i := 1; i <= utf8.UTFMax && i <= len(text); i++ {
		if utf8.RuneStart(text[len(text)-i]) {
			if !utf8.FullRune(text[len(text)-i:]) {
				text = text[:len(text)-i]
			}
			break
		}
	}
	if !utf8.Valid(text) {
		return FormatUnknown
	}
	if trimmed[0] == '<' {
		return FormatXML
	}
	return FormatCSV
}
