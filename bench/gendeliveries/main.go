// Command gendeliveries writes a realistic deliveries file of N ladle
// tickets for the sample agreements (testdata/agreements.yaml), for
// benchmarks: one ticket a row, February to June 2026, round the clock,
// weights of 28 to 34 t tapped and 20 to 150 kg less delivered.
//
//	go run ./bench/gendeliveries -n 1000000 > deliveries-1m.csv
//
// The same -n and -seed always give the same file.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"time"
)

func main() {
	n := flag.Int("n", 1000000, "number of tickets")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if err := write(os.Stdout, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gendeliveries:", err)
		os.Exit(1)
	}
}

var buyers = []struct{ name, vehiclePrefix string }{
	{"ZD-2026-001", "新C·A10"},
	{"昌吉示例铝箔有限公司", "新C·A20"},
	{"WC-2026-003", "新C·B22"},
}

func write(f *os.File, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, "ticket,date,buyer,vehicle,ladle,tapped_t,delivered_t")
	start := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	days := 150 // 2026-02-01 to 2026-06-30
	for i := 0; i < n; i++ {
		day := start.AddDate(0, 0, i*days/n)
		b := buyers[rng.IntN(len(buyers))]
		tapped := 28000 + rng.IntN(6001)         // kg
		delivered := tapped - 20 - rng.IntN(131) // kg
		fmt.Fprintf(w, "ZD%s-%07d,%s,%s,%s%02d,L%02d,%d.%03d,%d.%03d\n",
			day.Format("0601"), i+1, day.Format(time.DateOnly), b.name, b.vehiclePrefix, rng.IntN(40), 1+rng.IntN(24),
			tapped/1000, tapped%1000, delivered/1000, delivered%1000)
	}
	return w.Flush()
}
