package pricing

import (
	"fmt"
	"testing"
)

// String lays a month out as fmt's "%04d-%02d" of its year and month
// does, for years of four digits and for the others.
func TestMonthString(t *testing.T) {
	for _, m := range []Month{-25, -13, -12, -1, 0, 1, 11, 12, 1900 * 12, 2026*12 + 2, 2999*12 + 11, 9999*12 + 11, 10000 * 12, 123456 * 12} {
		if got, want := m.String(), fmt.Sprintf("%04d-%02d", m.Year(), int(m.Month())); got != want {
			t.Errorf("Month(%d).String() = %q, want %q", int(m), got, want)
		}
	}
	for m := Month(0); m < 10000*12; m += 7 {
		if got, want := m.String(), fmt.Sprintf("%04d-%02d", m.Year(), int(m.Month())); got != want {
			t.Fatalf("Month(%d).String() = %q, want %q", int(m), got, want)
		}
	}
}
