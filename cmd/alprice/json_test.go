package main

import (
	"bytes"
	"encoding/json"
	"testing"

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
// json.Encoder writes, for strings the encoder escapes or replaces too
// (those are left to it), every field omitted or not.
func TestInvoiceJSONIsEncodingJSONs(t *testing.T) {
	text := rapid.StringOfN(rapid.SampledFrom([]rune{'a', '7', '-', '"', '\\', '\n', '\x01', '<', '&', '铝', '\u2028', '\u2029', '\uFFFD'}), 0, 6, -1)
	rapid.Check(t, func(t *rapid.T) {
		j := invoiceJSON{InvoiceNo: text.Draw(t, "no"), Source: text.Draw(t, "source"), IssueDate: text.Draw(t, "issued"), Kind: text.Draw(t, "kind"),
			Red: rapid.Bool().Draw(t, "red"), SellerTaxID: text.Draw(t, "seller"), BuyerTaxID: text.Draw(t, "buyer"), Agreement: text.Draw(t, "agreement"),
			SupplyMonth: text.Draw(t, "month"), MonthFrom: text.Draw(t, "from"), MonthWhy: text.Draw(t, "why"), Status: text.Draw(t, "status"),
			Related: rapid.SliceOfN(text, -1, 3).Draw(t, "related")}
		if rapid.Bool().Draw(t, "has lines") {
			n := rapid.IntRange(-5, 1<<40).Draw(t, "lines")
			j.Lines = &n
		}
		if rapid.Bool().Draw(t, "invalid UTF-8") {
			j.MonthWhy += "\xff"
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(j); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		c := newCompactJSON(&got)
		if b, ok := j.appendJSON(nil); ok {
			c.rawBytes(b)
		} else {
			c.value(j)
		}
		if got.String()+"\n" != want.String() {
			t.Fatalf("wrote\n%s\nencoding/json writes\n%s", got.String(), want.String())
		}
	})
}
