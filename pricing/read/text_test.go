package read

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"alprice/pricing"
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

// An error repeats at most 200 characters of an input, saying how many
// more there were: a header of thousands of columns, or a file whose
// lines end in CR alone (one line to a CSV reader), is not dumped whole.
func TestErrorsEchoLittle(t *testing.T) {
	var cols []string
	for i := range 5000 {
		cols = append(cols, fmt.Sprintf("column%d", i))
	}
	crOnly := "date,average\r" + strings.Repeat("2026-03-02,23620\r", 5000)
	for name, text := range map[string]string{
		"wide header": strings.Join(cols, ",") + "\n1\n",
		"CR only":     crOnly,
	} {
		_, err := ReadQuotes(strings.NewReader(text), "q.csv", AutoEncoding, nil)
		if err == nil || len(err.Error()) > 1000 || !strings.Contains(err.Error(), "more characters)") {
			t.Errorf("%s: %d characters: %.300v", name, len(fmt.Sprint(err)), err)
		}
	}
	long := strings.Repeat("9", 100000)
	_, err := ReadQuotes(strings.NewReader("date,average\n2026-03-02,"+long+"\n"), "q.csv", AutoEncoding, nil)
	if err == nil || len(err.Error()) > 600 || !strings.Contains(err.Error(), "… (99800 more characters)") {
		t.Errorf("a long value: %.300v", err)
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"准东 A-1":       "准东 A-1",
		"T1\x1b[2K":    `T1\x1b[2K`,
		"T1\r":         `T1\r`,
		"a\u200bb":     `a\u200bb`,
		"\ufeffT":      `\ufeffT`,
		"R\u202eL":     `R\u202eL`,
		"bad\xffbyte":  `bad\xffbyte`,
		"tab\tinside":  `tab\tinside`,
		"C1 \u0085end": `C1 \u0085end`,
	} {
		if got := pricing.Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}
