package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/xuri/excelize/v2"
)

// Chart is a line chart for spreadsheets: one line per series over the
// categories. Other formats leave it out.
type Chart struct {
	Sheet      string // the sheet holding the chart and its data
	Title      string
	Category   string // the title of the categories' column
	Categories []string
	Series     []Series
}

// Series is one line of a chart; an Empty value is a gap.
type Series struct {
	Name   string
	Values []Cell
}

// maxSheetName is the longest sheet name Excel takes.
const maxSheetName = 31

// WriteXLSX renders d as a workbook: a sheet per table, with a title row,
// a frozen header, numbers as numbers (money "#,##0.00", weights "0.000",
// never text), columns as wide as their widest cell (CJK counts double) and
// the notes below; then a sheet per chart, with its data and a line chart.
// Text that a spreadsheet would run as a formula is neutralised.
func WriteXLSX(w io.Writer, d Doc) error {
	f := excelize.NewFile()
	defer f.Close()
	x := &xlsxWriter{f: f, used: map[string]bool{}}
	if err := x.styles(); err != nil {
		return err
	}
	for i, t := range d.Tables {
		if t.Rows == nil && t.Footer == nil {
			continue // an empty section says nothing in a workbook either
		}
		name, err := x.newSheet(t.Title, fmt.Sprintf("Sheet%d", i+1))
		if err != nil {
			return err
		}
		if err := x.table(name, d, t); err != nil {
			return err
		}
	}
	for _, c := range d.Charts {
		name, err := x.newSheet(c.Sheet, "Chart")
		if err != nil {
			return err
		}
		if err := x.chart(name, c); err != nil {
			return err
		}
	}
	_, err := f.WriteTo(w)
	return err
}

type xlsxWriter struct {
	f                               *excelize.File
	used                            map[string]bool
	title, header, headerRight      int
	footer, text, note              int
	money, weight, count, moneyBold int
	fixed                           map[int32]int // number formats by decimals
}

func (x *xlsxWriter) styles() error {
	var err error
	style := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = x.f.NewStyle(s)
		return id
	}
	bold := &excelize.Font{Bold: true}
	numFmt := func(format string, font *excelize.Font) *excelize.Style {
		return &excelize.Style{CustomNumFmt: &format, Font: font}
	}
	x.title = style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	headerStyle := func(align string) *excelize.Style {
		return &excelize.Style{Font: bold, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Border: []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}, Alignment: &excelize.Alignment{Horizontal: align}}
	}
	x.header = style(headerStyle("left"))
	x.headerRight = style(headerStyle("right"))
	x.footer = style(&excelize.Style{Font: bold, Border: []excelize.Border{{Type: "top", Color: "808080", Style: 1}}})
	x.text = style(&excelize.Style{})
	x.note = style(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}})
	x.money = style(numFmt("#,##0.00", nil))
	x.moneyBold = style(numFmt("#,##0.00", bold))
	x.weight = style(numFmt("#,##0.000", nil))
	x.count = style(numFmt("0", nil))
	x.fixed = map[int32]int{}
	return err
}

// newSheet adds a sheet named after title, set to print landscape, one
// page wide; the first one takes the place of the new workbook's Sheet1.
func (x *xlsxWriter) newSheet(title, fallback string) (string, error) {
	name := x.sheetName(title, fallback)
	var err error
	if len(x.used) == 1 {
		err = x.f.SetSheetName("Sheet1", name)
	} else {
		_, err = x.f.NewSheet(name)
	}
	if err != nil {
		return "", err
	}
	return name, x.printOnePageWide(name)
}

// printOnePageWide sets a sheet to print landscape, one page wide, as
// many pages down as it takes.
func (x *xlsxWriter) printOnePageWide(sheet string) error {
	landscape, wide, tall, fit := "landscape", 1, 0, true
	if err := x.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return x.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall})
}

// sheetName makes a unique sheet name Excel accepts from title.
func (x *xlsxWriter) sheetName(title, fallback string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, title)
	if name == "" {
		name = fallback
	}
	if r := []rune(name); len(r) > maxSheetName {
		name = string(r[:maxSheetName])
	}
	base := []rune(name)
	for i := 2; x.used[name]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		name = string(base[:min(len(base), maxSheetName-len(suffix))]) + suffix
	}
	x.used[name] = true
	return name
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// put writes one cell: numbers as numbers from their exact text, with a
// number format; text as text, neutralised.
func (x *xlsxWriter) put(sheet string, col, row int, c Cell, bold bool) error {
	ref := cellName(col, row)
	var style int
	switch c.Kind {
	case Text:
		if c.Text == "" {
			return nil
		}
		if err := x.f.SetCellStr(sheet, ref, Neutralise(c.Text)); err != nil {
			return err
		}
		style = x.text
		if bold {
			style = x.footer
		}
		return x.f.SetCellStyle(sheet, ref, ref, style)
	case Money:
		style = x.money
		if bold {
			style = x.moneyBold
		}
	case Weight:
		style = x.weight
	case Count:
		style = x.count
	case Fixed:
		id, ok := x.fixed[c.Places]
		if !ok {
			format := "0"
			if c.Places > 0 {
				format += "." + strings.Repeat("0", int(c.Places))
			}
			var err error
			if id, err = x.f.NewStyle(&excelize.Style{CustomNumFmt: &format}); err != nil {
				return err
			}
			x.fixed[c.Places] = id
		}
		style = id
	}
	// SetCellDefault writes the number's own text with no type: a number,
	// exactly as computed, never through a float in this program.
	if err := x.f.SetCellDefault(sheet, ref, c.Plain()); err != nil {
		return err
	}
	return x.f.SetCellStyle(sheet, ref, ref, style)
}

// width is a cell's display width, wide (CJK) characters counting double.
func width(s string) int {
	rw := runewidth.Condition{EastAsianWidth: false}
	return rw.StringWidth(s)
}

func (x *xlsxWriter) table(sheet string, d Doc, t Table) error {
	f := x.f
	cols := visible(t)
	row := 1
	if err := f.SetCellStr(sheet, cellName(1, row), d.Title); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", x.title); err != nil {
		return err
	}
	row++
	if t.Title != "" {
		if err := f.SetCellStr(sheet, cellName(1, row), t.Title); err != nil {
			return err
		}
		row++
	}
	widths := make([]int, len(cols))
	headerRow := row
	for j, i := range cols {
		title := t.Columns[i].Title
		if err := f.SetCellStr(sheet, cellName(j+1, row), title); err != nil {
			return err
		}
		widths[j] = width(title)
	}
	for j, i := range cols {
		style := x.header
		if slices.ContainsFunc(t.Rows, func(r []Cell) bool { return i < len(r) && r[i].IsNumber() }) {
			style = x.headerRight // over a column of numbers
		}
		if err := f.SetCellStyle(sheet, cellName(j+1, row), cellName(j+1, row), style); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: cellName(1, headerRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	write := func(cells []Cell, bold bool) error {
		row++
		for j, i := range cols {
			if i >= len(cells) {
				continue
			}
			if err := x.put(sheet, j+1, row, cells[i], bold); err != nil {
				return err
			}
			widths[j] = max(widths[j], width(cells[i].Display()))
		}
		return nil
	}
	for _, r := range t.Rows {
		if err := write(r, false); err != nil {
			return err
		}
	}
	if t.Footer != nil {
		if err := write(t.Footer, true); err != nil {
			return err
		}
	}
	if len(d.Notes) > 0 {
		row++
		for _, n := range d.Notes {
			row++
			if err := f.SetCellStr(sheet, cellName(1, row), n); err != nil {
				return err
			}
			if err := f.SetCellStyle(sheet, cellName(1, row), cellName(1, row), x.note); err != nil {
				return err
			}
		}
	}
	for j, w := range widths {
		if err := setColumnWidth(f, sheet, j+1, w); err != nil {
			return err
		}
	}
	return nil
}

// setColumnWidth gives a column the width of chars characters, with a
// margin of 2, within bounds that keep a long explanation from making a
// column a screen wide.
func setColumnWidth(f *excelize.File, sheet string, col, chars int) error {
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		return err
	}
	width := 2 + min(max(chars, 6), 80)
	// A width is not money: excelize takes it as a float.
	return f.SetColWidth(sheet, name, name, float64(width))
}

// chart writes a chart's data as a table and draws it as lines.
func (x *xlsxWriter) chart(sheet string, c Chart) error {
	f := x.f
	if err := f.SetCellStr(sheet, "A1", c.Title); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", x.title); err != nil {
		return err
	}
	const first = 3 // the header row of the data
	if err := f.SetCellStr(sheet, cellName(1, first), c.Category); err != nil {
		return err
	}
	widths := []int{width(c.Category)}
	for i, cat := range c.Categories {
		if err := f.SetCellStr(sheet, cellName(1, first+1+i), cat); err != nil {
			return err
		}
		widths[0] = max(widths[0], width(cat))
	}
	last := first + len(c.Categories)
	chart := &excelize.Chart{
		Type:      excelize.Line,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.Title}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 720, Height: 400},
		YAxis:     excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "#,##0"}},
	}
	quoted := "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	for s, series := range c.Series {
		col := s + 2
		name, _ := excelize.ColumnNumberToName(col)
		if err := f.SetCellStr(sheet, cellName(col, first), series.Name); err != nil {
			return err
		}
		w := width(series.Name)
		for i, v := range series.Values {
			if v.Kind == Text {
				continue // a gap
			}
			if err := x.put(sheet, col, first+1+i, v, false); err != nil {
				return err
			}
			w = max(w, width(v.Display()))
		}
		widths = append(widths, w)
		chart.Series = append(chart.Series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$%d", quoted, name, first),
			Categories: fmt.Sprintf("%s!$A$%d:$A$%d", quoted, first+1, last),
			Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", quoted, name, first+1, name, last),
			Marker:     excelize.ChartMarker{Symbol: "circle", Size: 5},
		})
	}
	if err := f.SetCellStyle(sheet, cellName(1, first), cellName(1, first), x.header); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, cellName(2, first), cellName(len(c.Series)+1, first), x.headerRight); err != nil {
		return err
	}
	for j, w := range widths {
		if err := setColumnWidth(f, sheet, j+1, w); err != nil {
			return err
		}
	}
	return f.AddChart(sheet, cellName(1, last+3), chart)
}
