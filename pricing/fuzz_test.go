package pricing

import (
	"strings"
	"testing"
)

func FuzzParseValue(f *testing.F) {
	for _, s := range []string{"600", "24,389.00", "0.6%", "13%", "0.0001%", "99.9999%", "1,234,567.89", "0", "24 389", "２４", "-1", "1e3", ".5", "5.", "1,23", "%", "0.12345%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, err := ParseValue(s); err == nil {
			back, err := ParseValue(v.String())
			if err != nil || back.IsPercent() != v.IsPercent() || !back.Number().Equal(v.Number()) {
				t.Fatalf("%q reads as %s, which reads back as %v, %v", s, v, back, err)
			}
			if v.Number().IsNegative() || (v.IsPercent() && (!v.Number().IsPositive() || v.Number().GreaterThanOrEqual(hundred))) {
				t.Fatalf("%q reads as %s, outside the allowed range", s, v)
			}
		} else if !strings.Contains(err.Error(), "write") {
			t.Fatalf("reason %q does not say what to write", err)
		}
		if m, err := ParseMoney(s); err == nil && (m.IsNegative() || !m.Round(2).Equal(m)) {
			t.Fatalf("money %q reads as %s: negative, or finer than the fen", s, m)
		}
	})
}

func FuzzParseWeight(f *testing.F) {
	for _, s := range []string{"31.25", "31.250", "31250kg", "31,250kg", "0.001", "0", "31.2567", "-1", "10000000", "10000000.001", "1kg", "007.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := ParseWeight(s)
		if err == nil {
			if w <= 0 || w > maxWeight {
				t.Fatalf("%q reads as %d kg, out of range", s, w)
			}
			if back, err := ParseWeight(w.String()); err != nil || back != w {
				t.Fatalf("%q reads as %s, which reads back as %v, %v", s, w, back, err)
			}
		}
		// The fast path of the deliveries reader agrees with ParseWeight
		// wherever it answers.
		if fast, ok := ParseWeightFast([]byte(s), true); ok && (err != nil || fast != w) {
			t.Fatalf("%q: fast path %d kg, ParseWeight %d kg, %v", s, fast, w, err)
		}
		kg, kgErr := ParseKilograms(s)
		if fast, ok := ParseWeightFast([]byte(s), false); ok && (kgErr != nil || fast != kg) {
			t.Fatalf("%q: fast path %d kg, ParseKilograms %d kg, %v", s, fast, kg, kgErr)
		}
	})
}

func FuzzParseMonth(f *testing.F) {
	for _, s := range []string{"2026-03", "2026-3", "2026/03", "2026.03", "2026年3月", "2026年03月", "2026.1", "2026-13", "2026年", "年月", "2026-03-01", "9999-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMonth(s)
		if err != nil {
			if !strings.Contains(err.Error(), "write") && !strings.Contains(err.Error(), "year outside") {
				t.Fatalf("reason %q does not say what to write", err)
			}
			return
		}
		if m.Year() < MinYear || m.Year() > MaxYear {
			t.Fatalf("%q reads as %s, outside the years", s, m)
		}
		if back, err := ParseMonth(m.String()); err != nil || back != m {
			t.Fatalf("%q reads as %s, which reads back as %v, %v", s, m, back, err)
		}
	})
}
