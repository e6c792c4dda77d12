package settle

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"alprice/pricing/internal/sample"
	"alprice/pricing/read"
)

// agreementsFile returns an agreements file of n agreements, ids A0…,
// buyers B0…, each with one terms version from 2026-01, written compactly
// as a large file would be (8,000 of them fit the 1 MiB limit).
func agreementsFile(n int) []byte {
	var b bytes.Buffer
	b.WriteString("seller: S\nagreements:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "- {id: A%d, buyer: B%d, terms: [{from: 2026-01, deductions: [{kind: transport, value: %d}]}]}\n", i, i, 500+i%100)
	}
	return b.Bytes()
}

// BenchmarkAgreements measures reading n agreements and settling one
// ticket of the last buyer against them (#28 item 15): it must grow
// linearly in n, not as n².
func BenchmarkAgreements(b *testing.B) {
	_, q := sample.Inputs(b)
	for _, n := range []int{100, 1000, 10000} {
		file := agreementsFile(n)
		deliveries := fmt.Sprintf("ticket,date,buyer,vehicle,ladle,tapped_t,delivered_t\nT1,2026-03-02,B%d,V,L,31.250,31.180\n", n-1)
		b.Run(fmt.Sprintf("agreements=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ags, err := read.ReadAgreements(bytes.NewReader(file), "a.yaml")
				if err != nil {
					b.Fatal(err)
				}
				dr, err := read.NewDeliveryReader(strings.NewReader(deliveries), "d.csv", read.AutoEncoding)
				if err != nil {
					b.Fatal(err)
				}
				s, err := Settle(context.Background(), dr, ags, q, SettleOptions{})
				if err != nil || s.Total.Tickets != 1 {
					b.Fatal(err)
				}
			}
		})
	}
}
