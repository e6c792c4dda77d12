package report

import (
	"bufio"
	"strings"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// layOut writes a table exactly as tablewriter does with renderTable's
// options — a box-drawn border, or a Markdown pipe table — measuring each
// cell's width once (tablewriter measures a cell several times, through a
// cache that a table of 50,000 distinct rows keeps missing: it was most of
// the time of a long table). It reports false, having written nothing,
// for a table it does not lay out the library's way: a cell with leading
// or trailing space, a tab, a line break or an escape sequence; the
// library renders those. A differential test holds the two to the same
// bytes.
//
// Rows are made twice, by row(k) for k < rows, once to measure and once
// to write, so that the text of a long table is never held whole.
func layOut(w *bufio.Writer, header []string, rows int, row func(k int) []string, footer []string, right []bool, markdown bool) bool {
	n := len(header)
	if n == 0 {
		return false
	}
	widths := make([]int, n)
	measure := func(cells []string) bool {
		for j, s := range cells {
			wd, ok := cellWidth(s)
			if !ok {
				return false
			}
			widths[j] = max(widths[j], wd)
		}
		return true
	}
	if !measure(header) {
		return false
	}
	for k := range rows {
		if !measure(row(k)) {
			return false
		}
	}
	if footer != nil && !measure(footer) {
		return false
	}
	line := func(left, mid, right string) {
		w.WriteString(left)
		for j, wd := range widths {
			if j > 0 {
				w.WriteString(mid)
			}
			for range wd + 2 {
				w.WriteString("─")
			}
		}
		w.WriteString(right)
		w.WriteByte('\n')
	}
	bar := "│"
	if markdown {
		bar = "|"
	}
	write := func(cells []string) {
		w.WriteString(bar)
		for j, s := range cells {
			wd, _ := cellWidth(s)
			pad := widths[j] - wd
			w.WriteByte(' ')
			if right[j] {
				spaces(w, pad)
				w.WriteString(s)
			} else {
				w.WriteString(s)
				spaces(w, pad)
			}
			w.WriteByte(' ')
			w.WriteString(bar)
		}
		w.WriteByte('\n')
	}
	if markdown {
		write(header)
		w.WriteByte('|')
		for j, wd := range widths {
			if right[j] {
				w.WriteString(strings.Repeat("-", wd+1) + ":|")
			} else {
				w.WriteString(":" + strings.Repeat("-", wd+1) + "|")
			}
		}
		w.WriteByte('\n')
		for k := range rows {
			write(row(k))
		}
		if footer != nil {
			write(footer)
		}
		return true
	}
	line("┌", "┬", "┐")
	write(header)
	line("├", "┼", "┤")
	for k := range rows {
		write(row(k))
	}
	if footer != nil {
		line("├", "┼", "┤")
		write(footer)
	}
	line("└", "┴", "┘")
	return true
}

// cellWidth returns the width of s in columns as tablewriter measures it
// (East Asian ambiguous characters narrow, as renderTable sets it), and
// false for a cell it would change: trim, wrap, expand or colour.
func cellWidth(s string) (int, bool) {
	if s == "" {
		return 0, true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return 0, false
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < ' ' || c == 0x7f:
			return 0, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	if ascii {
		return len(s), true
	}
	if strings.TrimSpace(s) != s {
		return 0, false
	}
	return twwidth.Width(s), true
}

func spaces(w *bufio.Writer, n int) {
	for range n {
		w.WriteByte(' ')
	}
}
