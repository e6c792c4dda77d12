package settle

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"alprice/pricing/internal/sample"
	"alprice/pricing/read"
)

// deliveriesFile returns a realistic deliveries file of n tickets for the
// sample agreements, as bench/gendeliveries writes them.
func deliveriesFile(n int) []byte {
	var b bytes.Buffer
	b.WriteString("ticket,date,buyer,vehicle,ladle,tapped_t,delivered_t\n")
	buyers := []string{"ZD-2026-001", "昌吉示例铝箔有限公司", "WC-2026-003"}
	for i := 0; i < n; i++ {
		day := 1 + i*28/n
		tapped := 28000 + (i*7919)%6001
		delivered := tapped - 20 - (i*104729)%131
		fmt.Fprintf(&b, "ZD2603-%07d,2026-03-%02d,%s,新C·A10%02d,L%02d,%d.%03d,%d.%03d\n",
			i+1, day, buyers[i%3], i%40, 1+i%24, tapped/1000, tapped%1000, delivered/1000, delivered%1000)
	}
	return b.Bytes()
}

// BenchmarkSettle measures reading and settling deliveries, the hot path
// of alprice settle; compare runs with benchstat.
func BenchmarkSettle(b *testing.B) {
	ags, q := sample.Inputs(b)
	for _, n := range []int{1000, 100000} {
		data := deliveriesFile(n)
		b.Run(fmt.Sprintf("tickets=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				dr, err := read.NewDeliveryReader(bytes.NewReader(data), "d.csv", read.AutoEncoding)
				if err != nil {
					b.Fatal(err)
				}
				s, err := Settle(context.Background(), dr, ags, q, SettleOptions{})
				if err != nil || s.Total.Tickets != n {
					b.Fatal(err)
				}
			}
		})
	}
}
