package report

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/shopspring/decimal"
)

// The chart of an HTML document: an inline SVG drawn from a Chart, the same
// chart a workbook gets. Geometry is decimal like every figure here: a
// coordinate is a figure scaled to the drawing, written to 0.1 px.

// The drawing's size and margins, in px (CSS pixels; the SVG scales to the
// width of the page). Its shape is the box the style sheet prints it in
// (the page's width, 52 mm high at most: 180 × 52 mm on A4 is 680 × 197):
// a taller drawing would be shrunk to the box's height, its text with it
// (300 high printed 9 px text at 4.4 pt; 200 high prints it at 6.6 pt).
const (
	svgWidth, svgHeight = 680, 200
	plotLeft, plotRight = 64, 616 // the plot area, between the axes
	plotTop, plotBottom = 10, 150
	legendTop           = 186
)

// chartPalette colours the series in order; it repeats beyond.
var chartPalette = []string{"#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6", "#a50021", "#3b3838"}

// targetColour draws a series whose values are all the same (a target) as a
// dashed grey line.
const targetColour = "#7f7f7f"

// axisRange is the figures an axis spans, lo at the bottom.
type axisRange struct{ lo, hi decimal.Decimal }

// rangeOf spans values with a twentieth to spare above and below, or from
// zero for columns and percentages; an empty or flat set spans one unit.
func rangeOf(values []decimal.Decimal, fromZero bool) axisRange {
	if len(values) == 0 {
		return axisRange{decimal.Zero, decimal.NewFromInt(1)}
	}
	lo, hi := values[0], values[0]
	for _, v := range values[1:] {
		lo, hi = decimal.Min(lo, v), decimal.Max(hi, v)
	}
	spare := hi.Sub(lo).Div(decimal.NewFromInt(20))
	if fromZero {
		lo = decimal.Min(lo, decimal.Zero)
		spare = hi.Sub(lo).Div(decimal.NewFromInt(10))
	} else {
		lo = lo.Sub(spare)
	}
	hi = hi.Add(spare)
	if !hi.GreaterThan(lo) {
		hi = lo.Add(decimal.NewFromInt(1))
	}
	return axisRange{lo, hi}
}

// y is where v falls on the drawing.
func (r axisRange) y(v decimal.Decimal) decimal.Decimal {
	h := decimal.NewFromInt(plotBottom - plotTop)
	return decimal.NewFromInt(plotTop).Add(r.hi.Sub(v).Mul(h).Div(r.hi.Sub(r.lo)))
}

// tick is the figure of the i-th of n+1 gridlines, from the bottom.
func (r axisRange) tick(i, n int) decimal.Decimal {
	return r.lo.Add(r.hi.Sub(r.lo).Mul(decimal.NewFromInt(int64(i))).Div(decimal.NewFromInt(int64(n))))
}

func px(d decimal.Decimal) string { return d.StringFixed(1) }

// isTarget reports whether a line series holds one figure throughout: a
// target, drawn dashed.
func isTarget(s Series) bool {
	if s.Column || len(s.Values) < 2 {
		return false
	}
	for _, v := range s.Values {
		if v.Kind == Text || !v.Num.Equal(s.Values[0].Num) {
			return false
		}
	}
	return true
}

// chartSVG draws c: columns and lines against the left axis, secondary
// series against the right one, the categories below, a legend under them.
// Every text in it is escaped; the SVG holds no script and fetches nothing.
func chartSVG(c Chart) template.HTML {
	var primary, secondary []decimal.Decimal
	columnsFromZero := false
	for _, s := range c.Series {
		for _, v := range s.Values {
			if v.Kind == Text {
				continue
			}
			if s.Secondary {
				secondary = append(secondary, v.Num)
			} else {
				primary = append(primary, v.Num)
			}
		}
		columnsFromZero = columnsFromZero || s.Column
	}
	left, right := rangeOf(primary, columnsFromZero), rangeOf(secondary, true)
	n := len(c.Categories)
	if n == 0 {
		return ""
	}
	slot := decimal.NewFromInt(plotRight - plotLeft).Div(decimal.NewFromInt(int64(n)))
	centre := func(i int) decimal.Decimal {
		return decimal.NewFromInt(plotLeft).Add(slot.Mul(decimal.NewFromInt(int64(i)).Add(decimal.New(5, -1))))
	}
	var b strings.Builder
	esc := template.HTMLEscapeString
	fmt.Fprintf(&b, `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="%s">`, svgWidth, svgHeight, esc(c.Title))
	fmt.Fprintf(&b, `<title>%s</title>`, esc(c.Title))
	const ticks = 4
	for i := 0; i <= ticks; i++ {
		v := left.tick(i, ticks)
		y := px(left.y(v))
		fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%s" y2="%s" stroke="#d9d9d9" stroke-width="0.6"/>`, plotLeft, plotRight, y, y)
		if len(primary) > 0 {
			fmt.Fprintf(&b, `<text x="%d" y="%s" text-anchor="end" dominant-baseline="middle">%s</text>`, plotLeft-4, y, Group(v.StringFixed(0)))
		}
		if len(secondary) > 0 {
			w := right.tick(i, ticks)
			fmt.Fprintf(&b, `<text x="%d" y="%s" dominant-baseline="middle">%s</text>`, plotRight+4, px(right.y(w)), w.StringFixed(0))
		}
	}
	fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="#595959" stroke-width="0.8"/>`, plotLeft, plotRight, plotBottom, plotBottom)
	step := 1 + (n-1)/12 // at most a dozen category labels
	for i, cat := range c.Categories {
		if i%step == 0 {
			fmt.Fprintf(&b, `<text x="%s" y="%d" text-anchor="middle">%s</text>`, px(centre(i)), plotBottom+14, esc(cat))
		}
	}
	var columns []int
	for k, s := range c.Series {
		if s.Column {
			columns = append(columns, k)
		}
	}
	barWidth := slot.Mul(decimal.New(7, -1))
	if len(columns) > 0 {
		barWidth = barWidth.Div(decimal.NewFromInt(int64(len(columns))))
	}
	for k, s := range c.Series {
		axis, colour := left, chartPalette[k%len(chartPalette)]
		if s.Secondary {
			axis = right
		}
		target := isTarget(s)
		if target {
			colour = targetColour
		}
		fmt.Fprintf(&b, `<g class="series" data-series="%s">`, esc(s.Name))
		if s.Column {
			nth := 0
			for j, c := range columns {
				if c == k {
					nth = j
				}
			}
			for i, v := range s.Values {
				if v.Kind == Text {
					continue
				}
				x := centre(i).Sub(barWidth.Mul(decimal.NewFromInt(int64(len(columns))).Div(decimal.NewFromInt(2)))).Add(barWidth.Mul(decimal.NewFromInt(int64(nth))))
				top, base := axis.y(decimal.Max(v.Num, decimal.Zero)), axis.y(decimal.Min(v.Num, decimal.Zero))
				fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s %s: %s</title></rect>`,
					px(x), px(top), px(barWidth), px(base.Sub(top)), colour, esc(s.Name), esc(c.Categories[i]), esc(v.Display()))
			}
		} else {
			var run []string // a line is broken where a value is missing
			flush := func() {
				if len(run) > 1 {
					dash := ""
					if target {
						dash = ` stroke-dasharray="5 3"`
					}
					fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="1.6"%s points="%s"/>`, colour, dash, strings.Join(run, " "))
				}
				run = run[:0]
			}
			for i, v := range s.Values {
				if v.Kind == Text {
					flush()
					continue
				}
				x, y := px(centre(i)), px(axis.y(v.Num))
				run = append(run, x+","+y)
				if !target {
					fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="2.2" fill="%s"><title>%s %s: %s</title></circle>`, x, y, colour, esc(s.Name), esc(c.Categories[i]), esc(v.Display()))
				}
			}
			flush()
		}
		b.WriteString(`</g>`)
	}
	x := plotLeft
	for k, s := range c.Series {
		colour := chartPalette[k%len(chartPalette)]
		if isTarget(s) {
			colour = targetColour
		}
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text x="%d" y="%d" dominant-baseline="middle">%s</text>`,
			x, legendTop-5, colour, x+14, legendTop, esc(s.Name))
		x += 24 + legendWidth(s.Name)
		if x > plotRight {
			break // the table beside the chart has every series
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every text above went through esc
}

// legendWidth estimates the width of a legend's text in px at the chart's
// font size: a CJK character takes about twice a Latin one.
func legendWidth(s string) int {
	w := 0
	for _, r := range s {
		if r >= 0x2E80 {
			w += 11
		} else {
			w += 6
		}
	}
	return w
}
