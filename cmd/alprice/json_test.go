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
