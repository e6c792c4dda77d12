package pricing

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestSpaceByteTables derives the literal tables of trimSpace from
// unicode.IsSpace: they must list exactly the bytes that start or end a
// space.
func TestSpaceByteTables(t *testing.T) {
	var start, end [256]bool
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if unicode.IsSpace(r) {
			b := utf8.AppendRune(nil, r)
			start[b[0]], end[b[len(b)-1]] = true, true
		}
	}
	if start != maybeSpaceStart || end != maybeSpaceEnd {
		t.Errorf("the tables differ from unicode.IsSpace")
	}
}

func TestCheckName(t *testing.T) {
	for _, ok := range []string{"T1", "ZD-2026-001", "准东示例铝材有限公司", "T 1", "Ａ１"} {
		if err := checkName([]byte(ok)); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for in, want := range map[string]string{
		"T1\x00":         "U+0000 (NUL)",
		"\uFEFFT1":       "starts with U+FEFF, a byte order mark",
		"T\uFEFF1":       "U+FEFF (a byte order mark)",
		"T1\u200B":       "U+200B (a zero-width space)",
		"T1\x1b[2K":      "U+001B (ESC",
		"T1\r":           "U+000D (a carriage return)",
		"T1\u202E":       "U+202E (a right-to-left override)",
		"T1\u0085":       "U+0085 (a control character)",
		"T1\xff":         "the byte 0xff",
		"T1\xed\xa0\x80": "the byte 0xed", // an unpaired surrogate, as UTF-8 would spell it
	} {
		err := checkName([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v; want %q", in, err, want)
		}
	}
}
