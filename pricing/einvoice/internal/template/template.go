package template

import (
	"bytes"
	_ "embed"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"
)

// The sheets and rows of the batch-issuing template that this package
// reads or fills.
const (
	Basic        = "1-发票基本信息"     // Basic is the sheet of invoices, one row each.
	Detail       = "2-发票明细信息"     // Detail is the sheet of invoice lines.
	Special      = "3-特定业务信息"     // Special is the sheet of special businesses, left empty.
	Extra        = "4-附加要素信息"     // Extra is the sheet of additional elements, left empty.
	VersionSheet = "excelVersion" // VersionSheet is the hidden sheet whose A4 the importer checks.
	VersionCell  = "A4"           // VersionCell is the cell of VersionSheet holding the version.

	RuleRow      = 2 // RuleRow is the row saying per column whether it is required and its limit.
	HeaderRow    = 3 // HeaderRow is the row of column headers.
	FirstDataRow = 4 // FirstDataRow is the first row of data.
)

// Size limits. The official V260401 blank is 643 KiB and unzips to 5.6
// MiB, most of it the dictionary of streets (xzqhjdxz, 4.3 MiB), so a
// template gets four times that room; a filled workbook gets room for
// far more detail lines than the platform accepts (5,000). excelize is
// given the same value for UnzipSizeLimit and UnzipXMLSizeLimit: no part
// may exceed the total anyway, and so it never spills a part to a
// temporary file.
const (
	maxTemplateFile  = 16 << 20
	maxTemplateUnzip = 24 << 20
	maxWorkbookFile  = 64 << 20
	maxWorkbookUnzip = 256 << 20
)

//go:embed V260401.xlsx
var v260401 []byte

// Row is one data row: header key (see [Key]) to text. A missing or empty
// value leaves the cell empty.
type Row map[string]string

// Column is one column of a data sheet as the template states it.
type Column struct {
	Key         string // the header key: see [Key]; a header used by several columns gets [Nth] keys
	Header      string // the row-3 text as in the template
	Letter      string // the column letters, e.g. "W"
	Rule        string // the row-2 text as in the template, e.g. "必填\n(限20字符)"
	Limit       int    // the most characters (runes) a value may have; 0 for no limit
	Required    bool   // row 2 says 必填 without a condition
	Conditional bool   // row 2 says the column is required under a condition (有条件必填, 专票必填)
	index       int    // 1-based column index
	style       string // the column's style from <cols>, "" when it has none
}

// layout is the columns of one data sheet.
type layout struct {
	sheet string
	cols  []Column
	byKey map[string]int
	byCol map[int]int
}

// dataSheet is a data sheet of a template: its columns, and its part
// split where the data rows go.
type dataSheet struct {
	layout
	part string
	sp   *splice
}

// Template is an opened blank of the batch-issuing template. It is not
// changed after Open and is safe for concurrent use.
type Template struct {
	name    string
	p       *pkg
	version string
	sheets  [2]*dataSheet // Basic, Detail
}

var defaultTemplate = sync.OnceValues(func() (*Template, error) {
	return open(v260401, "V260401.xlsx")
})

// Default returns the official V260401 blank embedded in the program. It
// is opened once; every call returns the same Template.
func Default() (*Template, error) { return defaultTemplate() }

// Open reads a blank of the batch-issuing template, such as a newer one
// downloaded from the platform. name is used in errors. A file over 16 MiB,
// or one that unzips to over 24 MiB, is refused (KindTooLarge); so are a
// file that is no workbook (KindCorrupt), one without the sheets Basic,
// Detail and excelVersion (KindMissingSheet), one without a version
// (KindMissingVersion) and one with data rows (KindTemplateHasData). Open
// does not require any particular column: see [Template.Require].
func Open(r io.ReaderAt, size int64, name string) (*Template, error) {
	b, err := readAll(r, size, name, maxTemplateFile)
	if err != nil {
		return nil, err
	}
	return open(b, name)
}

func readAll(r io.ReaderAt, size int64, name string, limit int64) ([]byte, error) {
	if size < 0 {
		return nil, &Error{Kind: KindCorrupt, Name: name, Err: errors.New("negative size")}
	}
	if size > limit {
		return nil, &Error{Kind: KindTooLarge, Name: name, Limit: limit}
	}
	b := make([]byte, size)
	if _, err := r.ReadAt(b, 0); err != nil && !(err == io.EOF && size == 0) {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, &Error{Kind: KindCorrupt, Name: name, Err: err}
	}
	return b, nil
}

func open(b []byte, name string) (*Template, error) {
	// Our own reading first: it checks the sizes before anything is
	// unzipped, and finds the parts the filled copy replaces.
	p, err := openPkg(b, name, maxTemplateUnzip)
	if err != nil {
		return nil, err
	}
	// Fill copies the template's parts without unzipping them, and
	// excelize ignores a part that fails its checksum or size: unzip each
	// once here so that a damaged blank is refused, not copied.
	if err := p.verify(); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		UnzipSizeLimit:    maxTemplateUnzip,
		UnzipXMLSizeLimit: maxTemplateUnzip,
	})
	if err != nil {
		return nil, &Error{Kind: KindCorrupt, Name: name, Err: err}
	}
	defer f.Close()
	t := &Template{name: name, p: p}
	if t.version, err = excelVersion(f, name); err != nil {
		return nil, err
	}
	for i, sheet := range []string{Basic, Detail} {
		part, err := p.sheet(sheet)
		if err != nil {
			return nil, err
		}
		l, err := excelizeLayout(f, sheet, name)
		if err != nil {
			return nil, err
		}
		data, err := p.read(part)
		if err != nil {
			return nil, err
		}
		sp, err := scanTemplate(data, sheet, name)
		if err != nil {
			return nil, err
		}
		for j := range l.cols {
			l.cols[j].style = sp.styles[l.cols[j].index]
		}
		t.sheets[i] = &dataSheet{layout: l, part: part, sp: sp}
	}
	return t, nil
}

func excelVersion(f *excelize.File, name string) (string, error) {
	if idx, err := f.GetSheetIndex(VersionSheet); err != nil || idx < 0 {
		return "", &Error{Kind: KindMissingSheet, Name: name, Sheet: VersionSheet}
	}
	v, err := f.GetCellValue(VersionSheet, VersionCell, excelize.Options{RawCellValue: true})
	if err != nil {
		return "", &Error{Kind: KindCorrupt, Name: name, Sheet: VersionSheet, Err: err}
	}
	if v = strings.TrimSpace(v); v == "" {
		return "", &Error{Kind: KindMissingVersion, Name: name, Sheet: VersionSheet}
	}
	return v, nil
}

// excelizeLayout reads the columns of a data sheet through excelize.
func excelizeLayout(f *excelize.File, sheet, name string) (layout, error) {
	if idx, err := f.GetSheetIndex(sheet); err != nil || idx < 0 {
		return layout{}, &Error{Kind: KindMissingSheet, Name: name, Sheet: sheet}
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return layout{}, &Error{Kind: KindCorrupt, Name: name, Sheet: sheet, Err: err}
	}
	var row2, row3 []string
	if len(rows) >= RuleRow {
		row2 = rows[RuleRow-1]
	}
	if len(rows) >= HeaderRow {
		row3 = rows[HeaderRow-1]
	}
	mc, err := f.GetMergeCells(sheet)
	if err != nil {
		return layout{}, &Error{Kind: KindCorrupt, Name: name, Sheet: sheet, Err: err}
	}
	var merges []area
	for _, m := range mc {
		if a, ok := parseArea(m.GetStartAxis() + ":" + m.GetEndAxis()); ok {
			merges = append(merges, a)
		}
	}
	return buildLayout(sheet, row2, row3, merges), nil
}

// buildLayout makes the columns of a data sheet from its rule and header
// rows. A cell of either row inside a merged range takes the range's text,
// so a header merged over four columns (L–O of Basic) heads all four.
func buildLayout(sheet string, row2, row3 []string, merges []area) layout {
	at := func(row []string, c int) string {
		if c >= 1 && c <= len(row) {
			return row[c-1]
		}
		return ""
	}
	get := func(r, c int) string {
		rowText := row3
		if r == RuleRow {
			rowText = row2
		}
		if v := at(rowText, c); v != "" {
			return v
		}
		for _, m := range merges {
			if m.row1 <= r && r <= m.row2 && m.col1 <= c && c <= m.col2 && (m.row1 == RuleRow || m.row1 == HeaderRow) {
				top := row3
				if m.row1 == RuleRow {
					top = row2
				}
				return at(top, m.col1)
			}
		}
		return ""
	}
	width := len(row3)
	for _, m := range merges {
		if m.row1 <= HeaderRow && HeaderRow <= m.row2 && m.col2 > width && m.col2 <= maxSheetCols {
			width = m.col2
		}
	}
	l := layout{sheet: sheet, byKey: map[string]int{}, byCol: map[int]int{}}
	count := map[string]int{}
	for c := 1; c <= width; c++ {
		h := get(HeaderRow, c)
		k := Key(h)
		if k == "" {
			continue
		}
		count[k]++
		rule := get(RuleRow, c)
		col := Column{Key: k, Header: h, Letter: colName(c), Rule: rule, index: c}
		col.Limit, col.Required, col.Conditional = parseRule(rule)
		if col.Limit == 0 {
			col.Limit = fallbackLimits[sheet][k]
		}
		l.cols = append(l.cols, col)
	}
	seen := map[string]int{}
	for i := range l.cols {
		k := l.cols[i].Key
		if count[k] > 1 {
			seen[k]++
			l.cols[i].Key = Nth(k, seen[k])
		}
		l.byKey[l.cols[i].Key] = i
		l.byCol[l.cols[i].index] = i
	}
	return l
}

var limitText = regexp.MustCompile(`限\s*(\d{1,6})\s*个?字符`)

// parseRule reads a row-2 text such as "必填\n(限20字符)" or
// "有条件必填\n（限22字符)". Whitespace inside it is ignored.
func parseRule(text string) (limit int, required, conditional bool) {
	t := strings.Join(strings.Fields(text), "")
	if m := limitText.FindStringSubmatch(t); m != nil {
		limit, _ = strconv.Atoi(m[1])
	}
	required = strings.HasPrefix(t, "必填")
	conditional = !required && !strings.HasPrefix(t, "非必填") && strings.Contains(t, "必填")
	return limit, required, conditional
}

// fallbackLimits are the lengths platforms.md §1 gives, for a column whose
// row 2 states no limit.
var fallbackLimits = map[string]map[string]int{
	Basic: {"发票流水号": 20, "购买方纳税人识别号": 20, "购买方名称": 100, "购买方地址": 100, "购买方电话": 50,
		"购买方开户银行": 100, "购买方银行账号": 100, "备注": 230, "销售方开户行": 100, "销售方银行账号": 60,
		"购买方邮箱": 72, "收款人": 16, "复核人": 16},
	Detail: {"发票流水号": 20, "项目名称": 100, "商品和服务税收编码": 20, "规格型号": 40, "单位": 22,
		"数量": 16, "单价": 16, "金额": 16, "税率": 8},
}

// Key returns the key of a header text: line breaks removed, a leading
// "*" (or "＊") removed and surrounding white space trimmed, so that
// "每千克煤炭\n发热量" is "每千克煤炭发热量". Rows are keyed by it.
func Key(header string) string {
	h := strings.NewReplacer("\r", "", "\n", "").Replace(header)
	h = strings.TrimSpace(h)
	h = strings.TrimLeft(h, "*＊")
	return strings.TrimSpace(h)
}

// Nth returns the key of the i-th (1-based) of several columns under the
// same header: "购买方所在地区（报废产品收购必填）#2" is the second of the
// four columns L–O of Basic (province, city, district, street).
func Nth(key string, i int) string { return key + "#" + strconv.Itoa(i) }

// Version returns the template's version, the text of excelVersion!A4,
// such as "pt:20260401".
func (t *Template) Version() string { return t.version }

func (t *Template) sheet(name string) *dataSheet {
	for _, s := range t.sheets {
		if s.sheet == name {
			return s
		}
	}
	return nil
}

// Columns returns the columns of the data sheet Basic or Detail in sheet
// order; nil for any other sheet.
func (t *Template) Columns(sheet string) []Column {
	s := t.sheet(sheet)
	if s == nil {
		return nil
	}
	return append([]Column(nil), s.cols...)
}

// Require returns a KindMissingHeader error naming the first of keys
// that is no column of sheet, or KindMissingSheet for a sheet that is
// neither Basic nor Detail; nil when all are there.
func (t *Template) Require(sheet string, keys ...string) error {
	s := t.sheet(sheet)
	if s == nil {
		return &Error{Kind: KindMissingSheet, Name: t.name, Sheet: sheet}
	}
	for _, k := range keys {
		if _, ok := s.byKey[k]; !ok {
			return &Error{Kind: KindMissingHeader, Name: t.name, Sheet: sheet, Header: k}
		}
	}
	return nil
}

// Limit returns the most characters a value of column key of sheet may
// have (0 when neither the template nor platforms.md states one), whether
// the column is required without condition, and whether the column exists.
func (t *Template) Limit(sheet, key string) (n int, required bool, ok bool) {
	s := t.sheet(sheet)
	if s == nil {
		return 0, false, false
	}
	i, ok := s.byKey[key]
	if !ok {
		return 0, false, false
	}
	return s.cols[i].Limit, s.cols[i].Required, true
}
