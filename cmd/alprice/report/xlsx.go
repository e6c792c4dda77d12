package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/mattn/go-runewidth"
	"github.com/xuri/excelize/v2"

	"alprice/pricing"
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

// Series is one line of a chart, or with Column one set of columns; an
// Empty value is a gap. Secondary draws it against a second axis on the
// right (a percentage beside tonnes, say).
type Series struct {
	Name      string
	Values    []Cell
	Column    bool
	Secondary bool
}

// maxSheetName is the longest sheet name Excel takes.
const maxSheetName = 31

// WriteXLSX renders d as a workbook: a sheet per table, with a title row,
// a frozen header, numbers as numbers (money "#,##0.00", weights "0.000",
// never text; a figure of more significant digits than a spreadsheet keeps
// is an error: see streamNumber), columns as wide as their widest cell (CJK
// counts double) and the notes below; then a sheet per chart, with its data
// and a line chart. Text that a spreadsheet would run as a formula is
// neutralised.
//
// More than maxSheets tables of the same columns in a row — a price table
// of hundreds of agreements — go on one sheet, their machine columns (the
// agreement, the buyer) shown: a workbook of thousands of sheets is of no
// use to anyone, and slow to write.
func WriteXLSX(w io.Writer, d Doc) error { return WriteXLSXIn(w, d, "") }

// WriteXLSXIn is WriteXLSX with excelize's temporary files (a large sheet
// is buffered in one) in the folder tmpDir, "" for the system's: a run that
// is interrupted removes its own folder, so none is left behind.
func WriteXLSXIn(w io.Writer, d Doc, tmpDir string) error {
	f := excelize.NewFile(excelize.Options{TmpDir: tmpDir})
	defer f.Close()
	x := &xlsxWriter{f: f, used: map[string]bool{}}
	if err := x.styles(); err != nil {
		return err
	}
	tables := mergeTables(d.Tables)
	// An empty section says nothing in a workbook either; but a workbook of
	// nothing but empty sections (a lint without a finding) still says so,
	// on the first one's sheet, under its header.
	empty := func(t Table) bool { return t.Rows == nil && t.Footer == nil && t.Notes == nil }
	allEmpty := !slices.ContainsFunc(tables, func(t Table) bool { return !empty(t) })
	for i, t := range tables {
		if empty(t) && !(allEmpty && i == 0) {
			continue
		}
		name, err := x.newSheet(x.sheetName(t, d, i))
		if err != nil {
			return err
		}
		if err := x.table(name, d, t); err != nil {
			return err
		}
	}
	for _, c := range d.Charts {
		name, err := x.newSheet(x.cleanName(c.Sheet, "Chart"))
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

// maxSheets is how many tables of the same columns in a row get a sheet
// each; more share one.
const maxSheets = 50

// mergeTables joins each run of more than maxSheets tables with the same
// columns into one table, its machine columns shown and titled by key.
func mergeTables(tables []Table) []Table {
	var out []Table
	for i := 0; i < len(tables); {
		j := i + 1
		for j < len(tables) && sameColumns(tables[i], tables[j]) {
			j++
		}
		if j-i <= maxSheets {
			out = append(out, tables[i:j]...)
			i = j
			continue
		}
		merged := Table{Columns: slices.Clone(tables[i].Columns)}
		for k, c := range merged.Columns {
			if c.Machine && !c.Workbook {
				merged.Columns[k] = Column{Key: c.Key, Title: c.Key}
			}
		}
		for _, t := range tables[i:j] {
			merged.Rows = append(merged.Rows, t.Rows...)
			merged.Notes = append(merged.Notes, t.Notes...)
		}
		out = append(out, merged)
		i = j
	}
	return out
}

func sameColumns(a, b Table) bool {
	return a.Sheet == b.Sheet && slices.EqualFunc(a.Columns, b.Columns, func(x, y Column) bool { return x.Key == y.Key })
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

// newSheet adds a sheet of that name, set to print landscape, one page
// wide; the first one takes the place of the new workbook's Sheet1.
func (x *xlsxWriter) newSheet(name string) (string, error) {
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

// sheetName names the sheet of the i-th table of d from its content: its
// SheetName, else its title, else the document's title, else "Sheet<n>".
func (x *xlsxWriter) sheetName(t Table, d Doc, i int) string {
	for _, name := range []string{t.SheetName, t.Title, d.Title} {
		if name != "" {
			return x.cleanName(name, "")
		}
	}
	return x.cleanName(fmt.Sprintf("Sheet%d", i+1), "")
}

// cleanName makes a unique sheet name Excel accepts from name (or, when
// name is empty or nothing but characters a sheet name cannot hold,
// fallback): without the characters []:*?/\, which become "-", nor
// control characters, at most 31 characters, cut at a word boundary.
func (x *xlsxWriter) cleanName(name, fallback string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, name)
	// Excel refuses a name that starts or ends with an apostrophe.
	name = strings.Trim(strings.TrimSpace(name), "'")
	if strings.Trim(name, "- ") == "" {
		name = fallback
	}
	if name == "" {
		name = "Sheet"
	}
	name = cutName(name, maxSheetName)
	base := []rune(name)
	// Excel holds sheet names unique regardless of case.
	for i := 2; x.used[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		name = string(base[:min(len(base), maxSheetName-len(suffix))]) + suffix
	}
	x.used[strings.ToLower(name)] = true
	return name
}

// SheetName names a sheet after key, whole, and as much of rest as fits in
// the 31 characters of a sheet name, cut with "…": an agreement's sheet
// keeps its id and the start of its buyer's name however long the id.
func SheetName(key, rest string) string {
	r := []rune(rest)
	room := maxSheetName - len([]rune(key)) - 1
	if room < 2 || len(r) == 0 {
		return key
	}
	if len(r) > room {
		r = append(r[:room-1], '…')
	}
	return key + " " + string(r)
}

// cutName shortens name to at most limit characters, at the last word or
// id boundary (a space, ·, a comma or a bracket) when there is one in the
// second half, so that no word or id is cut in two.
func cutName(name string, limit int) string {
	r := []rune(name)
	if len(r) <= limit {
		return name
	}
	cut := limit
	for i := limit; i > limit/2; i-- {
		if strings.ContainsRune(" ·,，(（", r[i]) {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ·,，(（-")
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// put writes one cell of a chart's data: numbers as numbers from their
// exact text, with a number format; text as text, neutralised. column
// names the cell's column in an error.
func (x *xlsxWriter) put(sheet, column string, col, row int, c Cell) error {
	ref := cellName(col, row)
	if c.Kind == Text {
		if c.Text == "" {
			return nil
		}
		if err := x.f.SetCellStr(sheet, ref, Neutralise(c.Text)); err != nil {
			return err
		}
		return x.f.SetCellStyle(sheet, ref, ref, x.text)
	}
	style, err := x.numberStyle(c, false)
	if err != nil {
		return err
	}
	if _, err := streamNumber(c, sheet, column); err != nil {
		return err
	}
	// SetCellDefault writes the number's own text with no type: a number,
	// exactly as computed, never through a float in this program.
	if err := x.f.SetCellDefault(sheet, ref, c.Plain()); err != nil {
		return err
	}
	return x.f.SetCellStyle(sheet, ref, ref, style)
}

// numberStyle returns the style of a number cell: its number format, bold
// in a totals row.
func (x *xlsxWriter) numberStyle(c Cell, bold bool) (int, error) {
	switch c.Kind {
	case Money:
		if bold {
			return x.moneyBold, nil
		}
		return x.money, nil
	case Weight:
		return x.weight, nil
	case Count:
		return x.count, nil
	}
	id, ok := x.fixed[c.Places]
	if !ok {
		format := "0"
		if c.Places > 0 {
			format += "." + strings.Repeat("0", int(c.Places))
		}
		var err error
		if id, err = x.f.NewStyle(&excelize.Style{CustomNumFmt: &format}); err != nil {
			return 0, err
		}
		x.fixed[c.Places] = id
	}
	return id, nil
}

// width is a cell's display width, wide (CJK) characters counting double.
func width(s string) int {
	rw := runewidth.Condition{EastAsianWidth: false}
	return rw.StringWidth(s)
}

// table writes a table's sheet through excelize's StreamWriter, which
// writes rows as they come instead of building the sheet in memory: a
// price table of thousands of agreements stays within a few seconds and
// megabytes. The stream wants the column widths and the frozen pane before
// the first row, so the widths are measured first.
func (x *xlsxWriter) table(sheet string, d Doc, t Table) error {
	cols := sheetColumns(t)
	widths := make([]int, len(cols))
	for j, i := range cols {
		widths[j] = width(t.Columns[i].Title)
		for _, r := range t.Rows {
			if i < len(r) {
				widths[j] = max(widths[j], width(r[i].Display()))
			}
		}
		if i < len(t.Footer) {
			widths[j] = max(widths[j], width(t.Footer[i].Display()))
		}
	}
	sw, err := x.f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for j, w := range widths {
		// A width is not money: excelize takes it as a float.
		if err := sw.SetColWidth(j+1, j+1, float64(columnWidth(w))); err != nil {
			return err
		}
	}
	headerRow := 2
	if t.Title != "" {
		headerRow = 3
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: cellName(1, headerRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	row := 0
	next := func(values ...any) error {
		row++
		if len(values) == 0 {
			return nil
		}
		return sw.SetRow(cellName(1, row), values)
	}
	if err := next(excelize.Cell{StyleID: x.title, Value: d.Title}); err != nil {
		return err
	}
	if t.Title != "" {
		if err := next(excelize.Cell{StyleID: x.text, Value: t.Title}); err != nil {
			return err
		}
	}
	header := make([]any, len(cols))
	for j, i := range cols {
		style := x.header
		if slices.ContainsFunc(t.Rows, func(r []Cell) bool { return i < len(r) && r[i].IsNumber() }) {
			style = x.headerRight // over a column of numbers
		}
		header[j] = excelize.Cell{StyleID: style, Value: t.Columns[i].Title}
	}
	if err := next(header...); err != nil {
		return err
	}
	values := make([]any, len(cols))
	write := func(cells []Cell, bold bool) error {
		for j, i := range cols {
			values[j] = nil
			if i < len(cells) {
				var err error
				if values[j], err = x.cell(cells[i], bold, sheet, t.Columns[i].Title); err != nil {
					return err
				}
			}
		}
		return next(values...)
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
	if notes := append(slices.Clone(t.Notes), d.Notes...); len(notes) > 0 {
		row++
		for _, n := range notes {
			if err := next(excelize.Cell{StyleID: x.note, Value: n}); err != nil {
				return err
			}
		}
	}
	return sw.Flush()
}

// cell returns what the StreamWriter writes for c: text neutralised, and a
// number as a number with its format (see streamNumber); sheet and column
// name the cell in an error.
func (x *xlsxWriter) cell(c Cell, bold bool, sheet, column string) (any, error) {
	if c.Kind == Text {
		if c.Text == "" {
			return nil, nil
		}
		style := x.text
		if bold {
			style = x.footer
		}
		return excelize.Cell{StyleID: style, Value: Neutralise(c.Text)}, nil
	}
	style, err := x.numberStyle(c, bold)
	if err != nil {
		return nil, err
	}
	v, err := streamNumber(c, sheet, column)
	if err != nil {
		return nil, err
	}
	return excelize.Cell{StyleID: style, Value: v}, nil
}

// maxDigits is how many significant digits a spreadsheet keeps of a
// number: Excel shows, computes and saves 15, rounding the rest away.
const maxDigits = 15

// streamNumber returns the number of a cell as the StreamWriter takes it.
// Its only numeric inputs are Go integers and floats, and it writes a float
// in the shortest form that reads back as the same float. A number of at
// most 15 significant digits — money below 10^13 with 2 decimals, weights
// below 10^12 t with 3, counts, means with 4 — is one float64 carries
// exactly enough that this form is the decimal's own digits. A longer one
// would be rounded by the spreadsheet, and a text cell would break the
// promise that numbers are numbers: it is an error naming the cell and
// the limit (sheet and column say where), and the user takes CSV or JSON,
// which keep it exact. This is the one place a figure meets a float, at a
// library's float API, and no arithmetic is done on it.
func streamNumber(c Cell, sheet, column string) (any, error) {
	text := c.Plain()
	if n := significantDigits(text); n > maxDigits {
		return nil, pricing.Errorf("sheet %s, column %s: %s has %d significant digits, and a workbook keeps %d, rounding the rest: write it with --format csv or json, which keep it exact",
			sheet, column, text, n, maxDigits)
	}
	if c.Kind == Count && c.Num.IsInteger() {
		return c.Num.IntPart(), nil
	}
	return strconv.ParseFloat(text, 64)
}

// significantDigits counts the digits of a plain decimal text from its
// first nonzero digit to its last: the digits a float must carry.
func significantDigits(text string) int {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, text)
	return len(strings.Trim(digits, "0"))
}

// setColumnWidth gives a column the width of chars characters, with a
// margin of 2, within bounds that keep a long explanation from making a
// column a screen wide.
func setColumnWidth(f *excelize.File, sheet string, col, chars int) error {
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		return err
	}
	// A width is not money: excelize takes it as a float.
	return f.SetColWidth(sheet, name, name, float64(columnWidth(chars)))
}

// columnWidth is the width of a column whose widest cell is chars wide:
// a margin of 2, within bounds that keep a long explanation from making a
// column a screen wide.
func columnWidth(chars int) int { return 2 + min(max(chars, 6), 80) }

// chart writes a chart's data as a table and draws it as lines; its text
// cells are neutralised as a table's are (a series may be named for a
// buyer).
func (x *xlsxWriter) chart(sheet string, c Chart) error {
	f := x.f
	if err := f.SetCellStr(sheet, "A1", Neutralise(c.Title)); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", x.title); err != nil {
		return err
	}
	const first = 3 // the header row of the data
	if err := f.SetCellStr(sheet, cellName(1, first), Neutralise(c.Category)); err != nil {
		return err
	}
	widths := []int{width(c.Category)}
	for i, cat := range c.Categories {
		if err := f.SetCellStr(sheet, cellName(1, first+1+i), Neutralise(cat)); err != nil {
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
	// Columns, when any, are the main chart; lines then go on a combined
	// one, on the second axis when they say so.
	lines := &excelize.Chart{Type: excelize.Line, YAxis: excelize.ChartAxis{Secondary: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0.00"}}}
	if slices.ContainsFunc(c.Series, func(s Series) bool { return s.Column }) {
		chart.Type = excelize.Col
	}
	quoted := "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	for s, series := range c.Series {
		col := s + 2
		name, _ := excelize.ColumnNumberToName(col)
		if err := f.SetCellStr(sheet, cellName(col, first), Neutralise(series.Name)); err != nil {
			return err
		}
		w := width(series.Name)
		for i, v := range series.Values {
			if v.Kind == Text {
				continue // a gap
			}
			if err := x.put(sheet, series.Name, col, first+1+i, v); err != nil {
				return err
			}
			w = max(w, width(v.Display()))
		}
		widths = append(widths, w)
		cs := excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$%d", quoted, name, first),
			Categories: fmt.Sprintf("%s!$A$%d:$A$%d", quoted, first+1, last),
			Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", quoted, name, first+1, name, last),
		}
		if !series.Column {
			cs.Marker = excelize.ChartMarker{Symbol: "circle", Size: 5}
		}
		if chart.Type == excelize.Col && !series.Column {
			lines.Series = append(lines.Series, cs)
		} else {
			chart.Series = append(chart.Series, cs)
		}
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
	if len(lines.Series) > 0 {
		return f.AddChart(sheet, cellName(1, last+3), chart, lines)
	}
	return f.AddChart(sheet, cellName(1, last+3), chart)
}

// sheetColumns returns the indexes of the columns a sheet shows: those
// people see, and the machine columns kept for workbooks.
func sheetColumns(t Table) []int {
	var idx []int
	for i, c := range t.Columns {
		if !c.Machine || c.Workbook {
			idx = append(idx, i)
		}
	}
	return idx
}
