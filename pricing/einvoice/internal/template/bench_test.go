package template

import (
	"bytes"
	"io"
	"strconv"
	"testing"
)

// The benchmarks fill n one-line invoices: n rows on Basic and n detail
// lines, more basic rows than alprice writes, so an upper bound.
func BenchmarkFill(b *testing.B) {
	tpl := mustDefault(b)
	for _, n := range []int{2000, 10000, 50000} {
		basic, detail := sampleRows(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for b.Loop() {
				cw := &countWriter{}
				if err := tpl.Fill(cw, basic, detail); err != nil {
					b.Fatal(err)
				}
				size = cw.n
			}
			b.ReportMetric(float64(size), "bytes/file")
		})
	}
}

func BenchmarkReadBack(b *testing.B) {
	tpl := mustDefault(b)
	for _, n := range []int{2000, 10000, 50000} {
		basic, detail := sampleRows(n)
		out := fill(b, tpl, basic, detail)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, _, err := ReadBack(bytes.NewReader(out), int64(len(out)), "x"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkOpen(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := open(v260401, "V260401.xlsx"); err != nil {
			b.Fatal(err)
		}
	}
}

type countWriter struct{ n int }

func (w *countWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)
