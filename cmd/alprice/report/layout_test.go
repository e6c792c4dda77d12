package report

import (
	"bufio"
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/tw"
)

// TestLayOutIsTheLibrary holds layOut to tablewriter, byte for byte, on
// random tables of both kinds: Chinese and ASCII text, empty cells, numbers
// right-aligned, one-character columns, a footer or none, no rows; and
// checks that it leaves to the library the cells it would change.
func TestLayOutIsTheLibrary(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	words := []string{"", "a", "ZD-2026-001", "准东示例铝材有限公司", "24,389.00", "1", "Total", "合计", "x·y", "到位重量(吨,结算)", "—", "é", "ｱ", "①"}
	cell := func() string {
		s := words[r.IntN(len(words))]
		if r.IntN(3) == 0 {
			s += words[r.IntN(len(words))]
		}
		return strings.TrimSpace(s)
	}
	for n := range 1000 {
		cols := 1 + r.IntN(6)
		header := make([]string, cols)
		right := make([]bool, cols)
		align := make([]tw.Align, cols)
		for j := range header {
			header[j] = cell()
			if header[j] == "" {
				header[j] = "h"
			}
			align[j] = tw.AlignLeft
			if r.IntN(2) == 0 {
				right[j], align[j] = true, tw.AlignRight
			}
		}
		rows := make([][]string, r.IntN(5))
		for i := range rows {
			rows[i] = make([]string, cols)
			for j := range rows[i] {
				rows[i][j] = cell()
			}
		}
		var footer []string
		if r.IntN(2) == 0 {
			footer = make([]string, cols)
			for j := range footer {
				footer[j] = cell()
			}
		}
		if len(rows) == 0 && footer == nil {
			continue
		}
		for _, markdown := range []bool{false, true} {
			var want bytes.Buffer
			if err := renderWithLibrary(&want, header, rows, footer, align, markdown); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			bw := bufio.NewWriter(&got)
			twwidth.SetEastAsian(false)
			if !layOut(bw, header, len(rows), func(k int) []string { return rows[k] }, footer, right, markdown) {
				t.Fatalf("table %d: not laid out", n)
			}
			bw.Flush()
			if got.String() != want.String() {
				t.Fatalf("table %d (markdown %v): layOut wrote\n%s\nthe library\n%s", n, markdown, got.String(), want.String())
			}
		}
	}
	for _, s := range []string{" lead", "trail ", "tab\there", "two\nlines", "\x1b[31mred"} {
		bw := bufio.NewWriter(&bytes.Buffer{})
		if layOut(bw, []string{"h"}, 1, func(int) []string { return []string{s} }, nil, []bool{false}, false) {
			t.Errorf("layOut laid out %q, which the library changes", s)
		}
	}
}
