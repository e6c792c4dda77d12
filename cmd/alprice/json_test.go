package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// jsonValue draws a JSON value: nested objects and arrays, empty ones
// too, and strings with quotes, backslashes, brackets and commas.
func jsonValue(depth int) *rapid.Generator[any] {
	return rapid.Custom(func(t *rapid.T) any {
		kind := rapid.IntRange(0, 5).Draw(t, "kind")
		if depth == 0 {
			kind %= 3
		}
		switch kind {
		case 0:
			return rapid.StringOfN(rapid.SampledFrom([]rune{'a', '"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\n', '铝', '<'}), 0, 8, -1).Draw(t, "string")
		case 1:
			return rapid.Float64Range(-1e6, 1e6).Draw(t, "number")
		case 2:
			return rapid.SampledFrom([]any{true, false, nil}).Draw(t, "literal")
		case 3:
			return rapid.SliceOfN(jsonValue(depth-1), 0, 4).Draw(t, "array")
		default:
			return rapid.MapOfN(rapid.StringOfN(rapid.SampledFrom([]rune{'k', '"', '\\', '}'}), 0, 4, -1), jsonValue(depth-1), 0, 4).Draw(t, "object")
		}
	})
}

// indentJSON writes what json.Encoder with SetIndent("", "  ") writes,
// whatever the value and however the compact text is cut into writes.
func TestIndentJSONIsEncodingJSONs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := jsonValue(3).Draw(t, "value")
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		var compact bytes.Buffer
		enc = json.NewEncoder(&compact)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		j := newIndentJSON(&got)
		text := compact.Bytes()
		for len(text) > 0 {
			n := rapid.IntRange(1, len(text)).Draw(t, "write")
			j.Write(text[:n])
			text = text[n:]
		}
		if err := j.Flush(); err != nil || got.String() != want.String() {
			t.Fatalf("got\n%s\nwant\n%s", got.String(), want.String())
		}
	})
}

// Deeper than newline's indents in one piece, the indenting is still
// encoding/json's.
func TestIndentJSONDeep(t *testing.T) {
	var v any = map[string]any{"a\\\"b": []any{"x\\", 1}}
	for i := range 40 {
		v = []any{i, map[string]any{"k": v}}
	}
	want, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	compact, _ := json.Marshal(v)
	var got bytes.Buffer
	j := newIndentJSON(&got)
	j.Write(compact)
	if err := j.Flush(); err != nil || got.String() != string(want) {
		t.Fatalf("got %d bytes, want %d", got.Len(), len(want))
	}
}

// An invoice of check's JSON, written without reflection, is what
// json.Encoder writes at its depth in the document, for strings the
// encoder escapes or replaces too (those are left to it), every field
// omitted or not.
func TestInvoiceJSONIsEncodingJSONs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		j := drawInvoiceJSON(t, "")
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("    ", "  ")
		if err := enc.Encode(j); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		w := bufio.NewWriter(&got)
		c := newJSONPieces(w)
		if b, ok := j.appendJSON(nil); ok {
			c.rawBytes(b)
		} else {
			c.value(j, 2)
		}
		if err := w.Flush(); err != nil || c.err != nil {
			t.Fatal(err, c.err)
		}
		if got.String()+"\n" != want.String() {
			t.Fatalf("wrote\n%s\nencoding/json writes\n%s", got.String(), want.String())
		}
	})
}

// Check's document, written piece by piece, is what json.Encoder writes
// of the same fields with SetIndent("", "  "): no invoice or many, lists
// empty or not.
func TestCheckJSONIsEncodingJSONs(t *testing.T) {
	type document struct {
		OK             bool             `json:"ok"`
		WeightsChecked bool             `json:"weights_checked"`
		Findings       []findingJSON    `json:"findings"`
		Months         []monthCheckJSON `json:"months"`
		Invoices       []invoiceJSON    `json:"invoices"`
		NotChecked     []notCheckedJSON `json:"not_checked"`
	}
	rapid.Check(t, func(t *rapid.T) {
		d := document{OK: rapid.Bool().Draw(t, "ok"), WeightsChecked: rapid.Bool().Draw(t, "weights"), Months: []monthCheckJSON{}, Invoices: []invoiceJSON{}}
		for i := range rapid.IntRange(0, 3).Draw(t, "invoices") {
			d.Invoices = append(d.Invoices, drawInvoiceJSON(t, strconv.Itoa(i)))
		}
		for i := range rapid.IntRange(0, 2).Draw(t, "findings") {
			d.Findings = append(d.Findings, findingJSON{InvoiceNo: jsonText.Draw(t, "finding no"), Line: i, Field: jsonText.Draw(t, "field")})
		}
		for i := range rapid.IntRange(0, 3).Draw(t, "months") {
			d.Months = append(d.Months, drawMonthJSON(t, strconv.Itoa(i)))
		}
		if rapid.Bool().Draw(t, "not checked") {
			d.NotChecked = []notCheckedJSON{{InvoiceNo: jsonText.Draw(t, "not checked no")}}
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		w := bufio.NewWriter(&got)
		doc := checkResultJSON{OK: d.OK, WeightsChecked: d.WeightsChecked, Findings: d.Findings, Months: d.Months,
			Invoices: slices.Values(d.Invoices), NotChecked: d.NotChecked}
		if err := doc.writeJSON(w); err != nil || w.Flush() != nil {
			t.Fatal(err)
		}
		if got.String()+"\n" != want.String() {
			t.Fatalf("wrote\n%s\nencoding/json writes\n%s", got.String(), want.String())
		}
	})
}

// jsonText draws a short string with what the encoder escapes or
// replaces among plain text, plainText one without.
var (
	jsonText  = rapid.StringOfN(rapid.SampledFrom([]rune{'a', '7', '-', '"', '\\', '\n', '\x01', '<', '&', '铝', '\u2028', '\u2029', '\uFFFD'}), 0, 6, -1)
	plainText = rapid.StringOfN(rapid.SampledFrom([]rune{'a', '7', '-', ' ', '<', '&', '铝', '\uFFFD'}), 0, 6, -1)
)

// drawMonthJSON draws a month of check's document, its labels ending in
// label: half of them with plain strings only.
func drawMonthJSON(t *rapid.T, label string) monthCheckJSON {
	text := jsonText
	if rapid.Bool().Draw(t, "plain"+label) {
		text = plainText
	}
	figure := func(name string) decimal.Decimal {
		return decimal.New(rapid.Int64().Draw(t, name+label), int32(rapid.IntRange(-4, 2).Draw(t, name+" exponent"+label)))
	}
	m := monthCheckJSON{Agreement: text.Draw(t, "agreement"+label), Buyer: text.Draw(t, "buyer"+label), Month: text.Draw(t, "month"+label),
		Lines: rapid.Int().Draw(t, "lines"+label), QuantityT: tonnes(rapid.Int64().Draw(t, "quantity"+label)),
		BenchmarkMonth: text.Draw(t, "benchmark month"+label), BenchmarkDays: rapid.IntRange(-1, 31).Draw(t, "days"+label),
		BenchmarkExp: rapid.IntRange(0, 31).Draw(t, "expected"+label), BenchmarkStatus: text.Draw(t, "status"+label),
		UnitPrice: money(figure("unit price")), Billed: money(figure("billed")), Findings: rapid.Int().Draw(t, "findings"+label)}
	if !rapid.Bool().Draw(t, "no invoices"+label) {
		m.Invoices = rapid.SliceOfN(text, 0, 3).Draw(t, "invoices"+label)
	}
	if text != plainText && rapid.Bool().Draw(t, "invalid UTF-8"+label) {
		m.Buyer += "\xff"
	}
	if rapid.Bool().Draw(t, "delivered"+label) {
		delivered, settled := tonnes(rapid.Int64().Draw(t, "delivered t"+label)), money(figure("settled"))
		m.DeliveredT, m.Settled = &delivered, &settled
	}
	return m
}

// drawInvoiceJSON draws an invoice of check's document, its labels ending
// in label: half of them with plain strings only, which appendJSON writes
// itself, the others with strings it may leave to the encoder.
func drawInvoiceJSON(t *rapid.T, label string) invoiceJSON {
	jsonText := jsonText
	if rapid.Bool().Draw(t, "plain"+label) {
		jsonText = plainText
	}
	j := invoiceJSON{InvoiceNo: jsonText.Draw(t, "no"+label), Source: jsonText.Draw(t, "source"+label), IssueDate: jsonText.Draw(t, "issued"+label),
		Kind: jsonText.Draw(t, "kind"+label), Red: rapid.Bool().Draw(t, "red"+label), SellerTaxID: jsonText.Draw(t, "seller"+label),
		BuyerTaxID: jsonText.Draw(t, "buyer"+label), Agreement: jsonText.Draw(t, "agreement"+label), SupplyMonth: jsonText.Draw(t, "month"+label),
		MonthFrom: jsonText.Draw(t, "from"+label), MonthWhy: jsonText.Draw(t, "why"+label), Status: jsonText.Draw(t, "status"+label),
		Related: rapid.SliceOfN(jsonText, -1, 3).Draw(t, "related"+label)}
	if rapid.Bool().Draw(t, "has lines"+label) {
		n := rapid.IntRange(-5, 1<<40).Draw(t, "lines"+label)
		j.Lines = &n
	}
	if jsonText != plainText && rapid.Bool().Draw(t, "invalid UTF-8"+label) {
		j.MonthWhy += "\xff"
	}
	return j
}
