package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"alprice/pricing"
)

// fewestParts is the fewest whole-kilogram parts a statement of w at unit
// price (VAT incl.) can be split into below limit: ⌈w ÷ m⌉, m the largest
// weight billed below it.
func fewestParts(w pricing.Weight, unit, rate, limit decimal.Decimal) int {
	p := pricing.Price{UnitPrice: unit, VATRate: rate}
	if p.Bill(w).AmountExclVAT.LessThan(limit) {
		return 1
	}
	lo, hi := pricing.Weight(0), w // lo is below the cap, hi is not
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if p.Bill(mid).AmountExclVAT.LessThan(limit) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return int((w + lo - 1) / lo)
}

// TestPropertyEInvoiceRoundTrip: whatever the month, the weights and the
// cap, alprice's own batch files, read back by check, find nothing (exit
// 0); the parts add up to each statement exactly; and there are no more
// parts than 1.05 × the fewest the cap allows.
func TestPropertyEInvoiceRoundTrip(t *testing.T) {
	t.Chdir("../..")
	dir := t.TempDir()
	buyers := []string{"ZD-2026-001", "ZD-2026-002", "WC-2026-003"}
	n := 0
	rapid.Check(t, func(rt *rapid.T) {
		n++
		month := rapid.IntRange(2, 5).Draw(rt, "month")
		var csv strings.Builder
		csv.WriteString("ticket,date,buyer,tapped_t,delivered_t\n")
		tickets := rapid.IntRange(1, 12).Draw(rt, "tickets")
		for i := range tickets {
			kg := rapid.Int64Range(1_000, 120_000).Draw(rt, "kg")
			buyer := rapid.SampledFrom(buyers).Draw(rt, "buyer")
			day := rapid.IntRange(1, 28).Draw(rt, "day")
			fmt.Fprintf(&csv, "T%d,2026-%02d-%02d,%s,%s,%s\n", i, month, day, buyer, pricing.Weight(kg+500), pricing.Weight(kg))
		}
		deliveries := filepath.Join(dir, fmt.Sprintf("d%d.csv", n))
		if err := os.WriteFile(deliveries, []byte(csv.String()), 0o644); err != nil {
			rt.Fatal(err)
		}
		limit := decimal.New(rapid.Int64Range(2_000, 3_000_000).Draw(rt, "cap"), 0)
		out := filepath.Join(dir, fmt.Sprintf("b%d", n), "batch.xlsx")
		os.MkdirAll(filepath.Dir(out), 0o755)
		common := []string{"--agreements", "testdata/einvoice/agreements.yaml", "--quotes", h1Quotes, "--deliveries", deliveries, "--format", "json"}
		stdout, stderr, status := runAlprice(t, "", append([]string{"settle", "--invoice-cap", limit.String(), "--einvoice", out}, common...)...)
		if status != 0 {
			rt.Fatalf("settle: exit %d: %s", status, stderr)
		}
		var s struct {
			Statements []struct {
				Agreement string `json:"agreement"`
				Delivered string `json:"delivered_t"`
				UnitPrice string `json:"unit_price"`
				Amount    string `json:"amount"`
				Excl      string `json:"amount_excl_vat"`
				VAT       string `json:"vat"`
				Invoices  []struct {
					Amount string `json:"amount"`
					Excl   string `json:"amount_excl_vat"`
					VAT    string `json:"vat"`
				} `json:"invoices"`
			} `json:"statements"`
		}
		if err := json.Unmarshal([]byte(stdout), &s); err != nil {
			rt.Fatal(err)
		}
		for _, st := range s.Statements {
			w, _ := pricing.ParseWeight(st.Delivered)
			fewest := fewestParts(w, decimal.RequireFromString(st.UnitPrice), decimal.New(13, -2), limit)
			parts := max(len(st.Invoices), 1)
			if parts*100 > fewest*105 && parts > fewest {
				rt.Errorf("%s: %d parts where %d would do", st.Agreement, parts, fewest)
			}
			sums := [3]decimal.Decimal{}
			for _, inv := range st.Invoices {
				for i, v := range []string{inv.Amount, inv.Excl, inv.VAT} {
					sums[i] = sums[i].Add(decimal.RequireFromString(v))
				}
			}
			for i, v := range []string{st.Amount, st.Excl, st.VAT} {
				if len(st.Invoices) > 0 && !sums[i].Equal(decimal.RequireFromString(v)) {
					rt.Errorf("%s: parts add up to %s, the statement %s", st.Agreement, sums[i], v)
				}
			}
		}
		files, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "batch*.xlsx"))
		args := []string{"check"}
		for _, f := range files {
			args = append(args, "--invoices", f)
		}
		stdout, stderr, status = runAlprice(t, "", append(args, common...)...)
		if status != 0 || !strings.Contains(stdout, `"ok": true`) {
			rt.Fatalf("check of %d files: exit %d: %s%.3000s", len(files), status, stderr, stdout)
		}
		os.RemoveAll(filepath.Dir(out))
	})
}
