package read

import (
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"alprice/pricing"
)

// dumpInvoices writes every line of inv, decimals and integers.
func dumpInvoices(inv *pricing.Invoices) string {
	if inv == nil {
		return "none"
	}
	var out strings.Builder
	fmt.Fprintf(&out, "%s %v\n", inv.Source, inv.Fields)
	for i := range inv.Len() {
		f, ok := inv.Fixed(i)
		fmt.Fprintf(&out, "%+v %+v %v\n", inv.Line(i), f, ok)
	}
	return out.String()
}

// invoicesText is what a test compares of a file of invoices read: every
// line, its decimals and its integers, or the error.
func invoicesText(read func() (string, error)) string {
	s, err := read()
	if err != nil {
		return "error: " + err.Error()
	}
	return s
}

// The one pass of a file that can be read again (readInvoicesOnce: rows
// read from bytes, no map of the invoices seen) reads what the exact
// reader does (readInvoicesExact, the reference), lines and errors alike
// with their positions, for files of every kind of row: plain and not,
// quoted, padded with spaces, blank, of the wrong field count, bad in each
// field, an invoice given with another buyer. When the lines of each
// invoice come together the one pass stands; when an invoice's lines are
// apart it asks for the file again, and ReadInvoiceCSV reads it exactly.
func TestReadInvoicesOnceIsExact(t *testing.T) {
	number := rapid.SampledFrom([]string{"", " ", "\"FP\"", "F\u200bP"})
	buyer := rapid.SampledFrom([]string{"B", "B", "B", "C", "", "\"B\"", " B ", "\"甲,乙\""})
	month := rapid.SampledFrom([]string{"2026-03", "2026-03", "2026-3", "2026/04", "", "2026-13", "1999-01", "\"2026-03\"", " 2026-03"})
	quantity := rapid.SampledFrom([]string{"1.000", "31.25", "29.064", "0", "-1", "", "1.2345", "1,000", "\"2.5\""})
	figure := rapid.SampledFrom([]string{"0", "1.00", "576486.75", "19835.07947977", "0.123456789", "1,234.56", "-1.00", "", " 12.30", "9999999999999.99", "10000000000000", "\"7.5\""})
	rate := rapid.SampledFrom([]string{"13%", "0.13", "13%", "0.09", "x", "", "1.5", "\"13%\""})
	rapid.Check(t, func(t *rapid.T) {
		together := rapid.Bool().Draw(t, "together")
		withTotal := rapid.Bool().Draw(t, "withTotal")
		var b strings.Builder
		b.WriteString("invoice_no,buyer,month,issue_date,quantity_t,unit_price_excl_vat,amount_excl_vat,vat_rate,vat")
		if withTotal {
			b.WriteString(",total")
		}
		b.WriteString("\n")
		next := 0
		current := "FP0"
		for i := range rapid.IntRange(0, 12).Draw(t, "rows") {
			switch kind := rapid.IntRange(0, 19).Draw(t, fmt.Sprint("kind", i)); {
			case kind == 0:
				b.WriteString(",,,,,,,,\n") // blank
				continue
			case kind == 1:
				b.WriteString("FP9,B,2026-03\n") // too few fields
				continue
			case kind < 10:
				// the same invoice
			case together || kind < 16:
				next++
				current = fmt.Sprintf("FP%d", next)
			default:
				current = fmt.Sprintf("FP%d", rapid.IntRange(0, next).Draw(t, fmt.Sprint("again", i)))
			}
			no := current
			if rapid.IntRange(0, 9).Draw(t, fmt.Sprint("badNumber", i)) == 0 {
				no = number.Draw(t, fmt.Sprint("number", i))
			}
			fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,%s,%s,%s", no, buyer.Draw(t, fmt.Sprint("buyer", i)), month.Draw(t, fmt.Sprint("month", i)),
				rapid.SampledFrom([]string{"", "2026-04-01", "2026-02-30"}).Draw(t, fmt.Sprint("issued", i)), quantity.Draw(t, fmt.Sprint("quantity", i)),
				figure.Draw(t, fmt.Sprint("price", i)), figure.Draw(t, fmt.Sprint("amount", i)), rate.Draw(t, fmt.Sprint("rate", i)), figure.Draw(t, fmt.Sprint("vat", i)))
			if withTotal {
				fmt.Fprintf(&b, ",%s", rapid.OneOf(rapid.Just(""), figure).Draw(t, fmt.Sprint("total", i)))
			}
			b.WriteString(rapid.SampledFrom([]string{"\n", "\r\n"}).Draw(t, fmt.Sprint("eol", i)))
		}
		text := b.String()
		opts := InvoiceOptions{Month: rapid.SampledFrom([]pricing.Month{0, 2026*12 + 2}).Draw(t, "month flag")}
		exact := invoicesText(func() (string, error) {
			inv, err := readInvoicesExact(strings.NewReader(text), "i.csv", UTF8, opts)
			return dumpInvoices(inv), err
		})
		invoicesInline = rapid.Bool().Draw(t, "inline")
		defer func() { invoicesInline = false }()
		inv, err, again := readInvoicesOnce(strings.NewReader(text), "i.csv", UTF8, opts)
		if together && again {
			t.Fatalf("%s\nthe lines of every invoice are together, and the file is asked for again", text)
		}
		if !again {
			once := invoicesText(func() (string, error) { return dumpInvoices(inv), err })
			if once != exact {
				t.Fatalf("%s\nread in one pass:\n%s\nexactly:\n%s", text, once, exact)
			}
		}
		// The one pass that stands says each run of lines is an invoice of
		// its own, and it is: no number names two runs.
		if !again && err == nil {
			if !inv.RunsAreInvoices() {
				t.Fatalf("%s\nread in one pass, its runs are not said to be invoices", text)
			}
			runOf := map[string]uint32{}
			for i := range inv.Len() {
				if r, seen := runOf[inv.Number(i)]; seen && r != inv.Run(i) {
					t.Fatalf("%s\ninvoice %s is in runs %d and %d", text, inv.Number(i), r, inv.Run(i))
				}
				runOf[inv.Number(i)] = inv.Run(i)
			}
		}
		if got := invoicesText(func() (string, error) {
			inv, err := ReadInvoiceCSV(strings.NewReader(text), "i.csv", UTF8, opts)
			return dumpInvoices(inv), err
		}); got != exact {
			t.Fatalf("%s\nReadInvoiceCSV:\n%s\nexactly:\n%s", text, got, exact)
		}
	})
}
