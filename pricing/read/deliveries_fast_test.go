package read

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"alprice/pricing"

	"pgregory.net/rapid"
)

// TestValidRowTextIsValidText holds the one-pass check of a row's
// encoding to validText, on random text made of ASCII runs, Chinese,
// U+FFFD, and the bytes and sequences at the edges of UTF-8.
func TestValidRowTextIsValidText(t *testing.T) {
	pieces := []string{"a", "2026-03-02,", "abcdefgh", "昌吉", "新C·A", "é", "\uFFFD", "\uFFFE", "\U0001F600",
		"\xEF\xBF", "\xEF", "\xE0\xA0\x80", "\xE0\x9F\xBF", "\xED\x9F\xBF", "\xED\xA0\x80", "\xEE\x80\x80",
		"\xE1\x80", "\xE1\xC0\x80", "\xC2\xA0", "\xC0\x80", "\xF4\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xFF", "\x80", "\x00"}
	rapid.Check(t, func(t *rapid.T) {
		var b []byte
		for _, p := range rapid.SliceOfN(rapid.SampledFrom(pieces), 0, 40).Draw(t, "pieces") {
			b = append(b, p...)
		}
		if got, want := validRowText(b), validText(b); got != want {
			t.Fatalf("%q: validRowText %v, validText %v", b, got, want)
		}
	})
}

func FuzzValidRowText(f *testing.F) {
	f.Add([]byte("ZD2602-0000001,2026-02-01,昌吉示例铝箔有限公司,新C·A1012,L05,31.234,31.100"))
	f.Add([]byte("\xEF\xBF\xBD"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := validRowText(b), validText(b); got != want {
			t.Fatalf("%q: validRowText %v, validText %v", b, got, want)
		}
	})
}

var benchRow = []byte("ZD2602-0000001,2026-02-01,昌吉示例铝箔有限公司,新C·A1012,L05,31.234,31.100")

func BenchmarkValidRowText(b *testing.B) {
	for b.Loop() {
		if !validRowText(benchRow) {
			b.Fatal("invalid")
		}
	}
}

func BenchmarkValidText(b *testing.B) {
	for b.Loop() {
		if !validText(benchRow) {
			b.Fatal("invalid")
		}
	}
}

// TestCheckTicketIsCheckName: the quick way for printable ASCII says what
// checkName says, whatever the bytes and wherever they fall in a word.
func TestCheckTicketIsCheckName(t *testing.T) {
	pieces := []string{"Z", "D", "2603-", "0000001", " ", "~", "\x7F", "\x1F", "\x00", "\t", "\x80", "\xFF", "é", "\u200B", "\uFEFF", "\x7E", "\x20"}
	for _, b := range []string{"ZD2603-0000001", "ABCDEFG\x7F", "\x7FBCDEFGH12", "ABCDEFGH\x1F", "ABCDEFGH\x80xyzabcd", " ~~~~~~~"} {
		if got, want := checkTicket([]byte(b)), checkName([]byte(b)); (got == nil) != (want == nil) {
			t.Errorf("%q: checkTicket %v, checkName %v", b, got, want)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		var b []byte
		for _, p := range rapid.SliceOfN(rapid.SampledFrom(pieces), 0, 30).Draw(t, "pieces") {
			b = append(b, p...)
		}
		got, want := checkTicket(b), checkName(b)
		if (got == nil) != (want == nil) || got != nil && got.Error() != want.Error() {
			t.Fatalf("%q: checkTicket %v, checkName %v", b, got, want)
		}
	})
}

// TestTonnesFastIsParseWeightFast: the quick way for tonnes reads what
// pricing.ParseWeightFast reads, or leaves the text to it.
func TestTonnesFastIsParseWeightFast(t *testing.T) {
	for _, b := range []string{"31.234", "0.000", "000000.000", "0.001", "999999.999", "1234567.000", "31.23", ".234", "31,234", "3a.234"} {
		got, ok := tonnesFast([]byte(b))
		want, wantOK := pricing.ParseWeightFast([]byte(b), true)
		if ok && (!wantOK || got != want) {
			t.Errorf("%q: tonnesFast %d, ParseWeightFast %d %v", b, got, want, wantOK)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		b := []byte(rapid.StringMatching(`[0-9]{0,8}[.]?[0-9]{0,4}|[0-9 .+-e]{0,12}`).Draw(t, "weight"))
		got, ok := tonnesFast(b)
		want, wantOK := pricing.ParseWeightFast(b, true)
		if ok && (!wantOK || got != want) {
			t.Fatalf("%q: tonnesFast %d, ParseWeightFast %d %v", b, got, want, wantOK)
		}
		if !ok && wantOK && len(b) >= 5 && len(b) <= 10 && b[len(b)-4] == '.' {
			t.Fatalf("%q: tonnesFast left to ParseWeightFast a weight of its form (%d)", b, want)
		}
	})
}

// TestDeliveryRowEncodingCheck holds the reader's check of a row's
// encoding — by field, a buyer field passed lately not checked again — to
// validText of the row's whole text: on random files of rows with and without quotes, fields of
// valid and invalid text, U+FFFD, and characters split across fields.
func TestDeliveryRowEncodingCheck(t *testing.T) {
	buyers := []string{"ZD-2026-001", "昌吉示例铝箔有限公司", "昌吉\xff", "\xE4\xB8", "\x80", "WC-2026-003", "A\uFFFD", "昌吉示例铝箔有限公\xE5\x8F"}
	others := []string{"新C·A1012", "L05", "\xE4\xB8", "\x80\xE4", "\x80", "\uFFFD", "x\xC2", ""}
	rapid.Check(t, func(t *rapid.T) {
		var b strings.Builder
		b.WriteString("ticket,date,buyer,vehicle,ladle,tapped_t,delivered_t\n")
		n := rapid.IntRange(1, 60).Draw(t, "rows")
		var want []bool // whether row i's text is valid
		for i := range n {
			fields := []string{fmt.Sprintf("T%d", i), "2026-03-02", rapid.SampledFrom(buyers).Draw(t, "buyer"),
				rapid.SampledFrom(others).Draw(t, "vehicle"), rapid.SampledFrom(others).Draw(t, "ladle"), "31.234", "31.100"}
			quoted := false
			for j, f := range fields {
				if rapid.IntRange(0, 5).Draw(t, "quote") == 0 {
					f, quoted = `"`+f+`"`, true
				}
				if j > 0 {
					b.WriteByte(',')
				}
				b.WriteString(f)
			}
			b.WriteByte('\n')
			// The text of a line without quotes is the line; of one with
			// quotes, its fields unquoted and joined.
			text := strings.Join(fields, ",")
			if quoted {
				text = strings.Join(fields, "")
			}
			want = append(want, validText([]byte(text)))
		}
		dr, err := NewDeliveryReader(strings.NewReader(b.String()), "d.csv", UTF8)
		if err != nil {
			t.Fatal(err)
		}
		defer dr.Close()
		for {
			rows, err := dr.Next(context.Background())
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range rows {
				var enc *EncodingError
				bad := len(d.Problems) > 0 && errors.As(d.Problems[0], &enc)
				if bad == want[d.Line-2] {
					t.Fatalf("line %d: encoding error %v, its text valid %v (%v)", d.Line, bad, want[d.Line-2], d.Problems)
				}
			}
		}
	})
}
