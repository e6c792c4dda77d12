package fapiao

import "testing"

func TestDetect(t *testing.T) {
	tests := []struct {
		head string
		want Format
	}{
		{`<?xml version="1.0"?><EInvoice>`, FormatXML}, {"<EInvoice><Header>", FormatXML}, {"\uFEFF\r\n  <?xml", FormatXML},
		{"<html>", FormatXML}, {"PK\x03\x04\x14\x00", FormatXLSX}, {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00", FormatXLS},
		{"invoice_no,buyer,month\nFP1,ZD", FormatCSV}, {"\uFEFFinvoice_no,buyer", FormatCSV}, {"发票号码,购买方\n", FormatCSV},
		{"发票号码,购\xe4\xb9", FormatCSV}, // a character cut by the end of head
		{"a,b\n\xff\xfe", FormatUnknown}, {"a,b\x00", FormatUnknown}, {"", FormatUnknown}, {" \n", FormatUnknown},
		{"PK\x05\x06", FormatCSV}, // an empty zip is no workbook; as text it fails as CSV
		{"\x1f\x8b\x08", FormatUnknown},
	}
	for _, tt := range tests {
		if got := Detect([]byte(tt.head)); got != tt.want {
			t.Errorf("Detect(%q) = %s, want %s", tt.head, got, tt.want)
		}
	}
}
