// Command genexport writes the platform's 全量发票查询 export (sheet
// 信息汇总表, platforms.md §3) of the invoice lines of an invoices CSV
// (testdata/invoices' columns), for benchmarks: `alprice check` of the
// export and of the CSV then read the same invoices. The workbook is laid
// out as the fixture testdata/invoices-xml/summary-2026-03.xlsx is (its
// parts, its header row, its cells: figures in number cells stored
// without trailing zeros, text in shared strings, 税率 as 13%), one row a
// line; only the rows are new.
//
//	go run ./bench/genexport -invoices bench/out/invoices.csv -o bench/out/export.xlsx
//
// Each CSV invoice number FPnnnnnnnn becomes the 数电 number 2665200000 +
// its digits padded to ten; the buyer is the agreement's (the sample
// agreements' buyers); 备注 states the supply month (供货月份:YYYY-MM); the
// issue date is in the month after it, a time of day each invoice.
package main

import (
	"archive/zip"
	"bufio"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	in := flag.String("invoices", "", "the invoices CSV to write as an export")
	out := flag.String("o", "", "the workbook to write")
	fixture := flag.String("fixture", "testdata/invoices-xml/summary-2026-03.xlsx", "the export whose layout is copied")
	flag.Parse()
	if *in == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: genexport -invoices FILE.csv -o FILE.xlsx")
		os.Exit(2)
	}
	n, err := write(*in, *out, *fixture)
	if err != nil {
		fmt.Fprintln(os.Stderr, "genexport:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "genexport: %d rows written to %s\n", n, *out)
}

// The sample agreements' buyers (testdata/agreements.yaml,
// testdata/invoices-xml/README.md).
var buyers = map[string][2]string{
	"ZD-2026-001": {"准东示例铝材有限公司", "91652300MA7BL0002Y"},
	"ZD-2026-002": {"昌吉示例铝箔有限公司", "91652301MA7CB0003W"},
	"WC-2026-003": {"五彩湾示例线缆有限公司", "91652325MA7DX0004U"},
}

const (
	sheetPart = "xl/worksheets/sheet1.xml"
	sstPart   = "xl/sharedStrings.xml"
)

func write(in, out, fixture string) (int, error) {
	zr, err := zip.OpenReader(fixture)
	if err != nil {
		return 0, err
	}
	defer zr.Close()
	headers, err := fixtureHeaders(&zr.Reader)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", fixture, err)
	}
	f, err := os.Open(in)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	cr := csv.NewReader(bufio.NewReaderSize(f, 1<<20))
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return 0, fmt.Errorf("%s: %w", in, err)
	}
	idx := map[string]int{}
	for i, h := range head {
		idx[h] = i
	}
	for _, k := range []string{"invoice_no", "buyer", "month", "quantity_t", "unit_price_excl_vat", "amount_excl_vat", "vat_rate", "vat", "total"} {
		if _, ok := idx[k]; !ok {
			return 0, fmt.Errorf("%s: no column %s", in, k)
		}
	}

	o, err := os.Create(out)
	if err != nil {
		return 0, err
	}
	defer o.Close()
	zw := zip.NewWriter(bufio.NewWriterSize(o, 1<<20))
	for _, p := range zr.File {
		if p.Name == sheetPart || p.Name == sstPart {
			continue
		}
		if err := copyPart(zw, p); err != nil {
			return 0, err
		}
	}
	sst := &strs{index: map[string]int{}}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: sheetPart, Method: zip.Deflate, Modified: time.Date(2026, 4, 21, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	row := make([]cellValue, len(headers))
	for c, h := range headers {
		row[c] = cellValue{text: h}
	}
	writeRow(bw, sst, 1, row)
	n := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return 0, fmt.Errorf("%s: %w", in, err)
		}
		n++
		get := func(k string) string { return rec[idx[k]] }
		number := strings.TrimPrefix(get("invoice_no"), "FP")
		if len(number) > 10 {
			return 0, fmt.Errorf("%s: invoice number %s longer than FP and ten digits", in, get("invoice_no"))
		}
		b, ok := buyers[get("buyer")]
		if !ok {
			return 0, fmt.Errorf("%s: buyer %s is not a sample agreement", in, get("buyer"))
		}
		month, err := time.Parse("2006-01", get("month"))
		if err != nil {
			return 0, fmt.Errorf("%s: month %q", in, get("month"))
		}
		issued := month.AddDate(0, 1, n%27).Add(time.Duration(8*3600+n*37%36000) * time.Second)
		cells := map[string]cellValue{
			"序号": {text: strconv.Itoa(n), num: true}, "数电发票号码": {text: "2665200000" + strings.Repeat("0", 10-len(number)) + number},
			"销方识别号": {text: "91652300MA7AL0001X"}, "销方名称": {text: "准东示例电解铝有限公司"},
			"购方识别号": {text: b[1]}, "购买方名称": {text: b[0]}, "开票日期": {text: issued.Format(time.DateTime)},
			"税收分类编码": {text: "1080306020000000000"}, "货物或应税劳务名称": {text: "*有色金属冶炼压延品*铝液"}, "单位": {text: "吨"},
			"数量": {text: plain(get("quantity_t")), num: true}, "单价": {text: plain(get("unit_price_excl_vat")), num: true},
			"金额": {text: plain(get("amount_excl_vat")), num: true}, "税率": {text: get("vat_rate")},
			"税额": {text: plain(get("vat")), num: true}, "价税合计": {text: plain(get("total")), num: true},
			"发票来源": {text: "电子发票服务平台"}, "发票票种": {text: "数电发票（增值税专用发票）"}, "发票状态": {text: "正常"},
			"是否正数发票": {text: "是"}, "发票风险等级": {text: "正常"}, "开票人": {text: "示例开票员"},
			"备注": {text: "供货月份:" + get("month")},
		}
		for c, h := range headers {
			row[c] = cells[h]
		}
		writeRow(bw, sst, n+1, row)
	}
	bw.WriteString(`</sheetData></worksheet>`)
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	w, err = zw.CreateHeader(&zip.FileHeader{Name: sstPart, Method: zip.Deflate, Modified: time.Date(2026, 4, 21, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		return 0, err
	}
	bw = bufio.NewWriterSize(w, 1<<20)
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, sst.count, len(sst.list))
	for _, s := range sst.list {
		bw.WriteString("<si><t>")
		if err := xml.EscapeText(bw, []byte(s)); err != nil {
			return 0, err
		}
		bw.WriteString("</t></si>")
	}
	bw.WriteString("</sst>")
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	return n, o.Close()
}

// cellValue is a cell to write: a number cell (its text as stored) or a
// shared string; empty text is no cell.
type cellValue struct {
	text string
	num  bool
}

type strs struct {
	index map[string]int
	list  []string
	count int
}

func (s *strs) of(v string) int {
	s.count++
	i, ok := s.index[v]
	if !ok {
		i = len(s.list)
		s.index[v] = i
		s.list = append(s.list, v)
	}
	return i
}

func writeRow(w *bufio.Writer, sst *strs, r int, row []cellValue) {
	fmt.Fprintf(w, `<row r="%d">`, r)
	for c, v := range row {
		if v.text == "" {
			continue
		}
		ref := colName(c) + strconv.Itoa(r)
		if v.num {
			fmt.Fprintf(w, `<c r="%s"><v>%s</v></c>`, ref, v.text)
		} else {
			fmt.Fprintf(w, `<c r="%s" t="s"><v>%d</v></c>`, ref, sst.of(v.text))
		}
	}
	w.WriteString("</row>")
}

// colName is the spreadsheet's name of the 0-based column c (A, AA).
func colName(c int) string {
	s := ""
	for c++; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}

// plain is a decimal as a spreadsheet stores the number: no trailing
// zeros after the point (31.580 is 31.58).
func plain(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

func copyPart(zw *zip.Writer, p *zip.File) error {
	r, err := p.Open()
	if err != nil {
		return err
	}
	defer r.Close()
	h := p.FileHeader
	w, err := zw.CreateHeader(&h)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, r)
	return err
}

// fixtureHeaders returns the fixture's header row (row 1 of its sheet),
// reading its shared strings.
func fixtureHeaders(zr *zip.Reader) ([]string, error) {
	read := func(name string, v any) error {
		f, err := zr.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		return xml.NewDecoder(f).Decode(v)
	}
	var sst struct {
		SI []struct {
			T string `xml:"t"`
		} `xml:"si"`
	}
	if err := read(sstPart, &sst); err != nil {
		return nil, err
	}
	var ws struct {
		Rows []struct {
			R     int `xml:"r,attr"`
			Cells []struct {
				T string `xml:"t,attr"`
				V string `xml:"v"`
			} `xml:"c"`
		} `xml:"sheetData>row"`
	}
	if err := read(sheetPart, &ws); err != nil {
		return nil, err
	}
	if len(ws.Rows) == 0 || ws.Rows[0].R != 1 {
		return nil, errors.New("no header row")
	}
	var out []string
	for _, c := range ws.Rows[0].Cells {
		i, err := strconv.Atoi(c.V)
		if c.T != "s" || err != nil || i < 0 || i >= len(sst.SI) {
			return nil, errors.New("a header that is not a shared string")
		}
		out = append(out, sst.SI[i].T)
	}
	return out, nil
}
