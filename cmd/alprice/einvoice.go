package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"alprice/cmd/alprice/report"
	"alprice/pricing"
	"alprice/pricing/einvoice"
)

// The national e-invoice platform's batch-issuing template (批量开票), version
// V260401: three sheets, the title on row 1, a note on row 2, the headers on
// row 3 and the data from row 4. Columns are matched by header name.
const (
	basicSheet    = "1-发票基本信息"
	detailSheet   = "2-发票明细信息"
	specialSheet  = "3-特定业务信息"
	batchVersion  = "V260401"
	batchHeadRow  = 3
	batchFirstRow = 4
)

var basicColumns = []string{"发票流水号", "发票类型", "特定业务类型", "是否含税", "受票方自然人标识", "购买方名称", "证件类型",
	"购买方纳税人识别号", "地址", "电话", "开户银行", "银行账号", "备注", "是否展示购买方银行账号", "销售方开户行", "销售方银行账号",
	"是否展示销售方银行账号", "购买方邮箱", "经办人姓名", "经办人证件类型", "经办人证件号码", "经办人国籍(地区)", "经办人自然人纳税人识别号",
	"放弃享受减按1%征收率原因", "收款人", "复核人"}

var detailColumns = []string{"发票流水号", "项目名称", "商品和服务税收编码", "规格型号", "单位", "数量", "单价", "金额", "税率",
	"折扣金额", "是否使用优惠政策", "优惠政策类型", "即征即退类型"}

// specialColumns heads the third sheet, which alprice leaves empty.
var specialColumns = []string{"发票流水号", "特定业务类型"}

// einvoiceNote is the 备注 of an e-invoice: the agreement, the supply month
// and the benchmark it is priced on. check reads the supply month back
// from it.
func einvoiceNote(inv einvoice.EInvoice) string {
	p := inv.Price
	note := fmt.Sprintf("协议 %s · 供货月份 %s · 长江A00 %s 月均价 %s", inv.Agreement.ID, inv.Month,
		p.Benchmark.Month, report.Group(p.Price.Benchmark.StringFixed(2)))
	switch {
	case inv.TrueUp:
		note = "补差(价差) · " + note
	case p.Provisional():
		note = "暂定价 · " + note
	}
	return note
}

var noteMonth = regexp.MustCompile(`供货月份 (\d{4}-\d{2})`)

// writeEInvoices checks e-invoices against the platform's rules and writes
// them as batch-issuing workbooks: path, and beyond MaxBatchLines detail
// lines path-2.xlsx, path-3.xlsx and on. It returns the files written.
func (a *app) writeEInvoices(path string, invs []einvoice.EInvoice, limit decimal.Decimal) ([]string, error) {
	if err := einvoice.CheckEInvoices(invs, limit); err != nil {
		return nil, err
	}
	batches := einvoice.Batches(invs)
	var files []string
	for i, batch := range batches {
		name := path
		if i > 0 {
			ext := filepath.Ext(path)
			name = fmt.Sprintf("%s-%d%s", strings.TrimSuffix(path, ext), i+1, ext)
		}
		var buf bytes.Buffer
		if err := writeBatch(&buf, batch); err != nil {
			return nil, err
		}
		if err := a.output.write(name, buf.Bytes()); err != nil {
			return nil, err
		}
		files = append(files, name)
	}
	return files, nil
}

// writeBatch writes one batch-issuing workbook. Ids, tax ids, tax codes,
// accounts and serials are text cells (no scientific notation, no lost
// leading zeros); amounts, quantities, unit prices and rates are numbers
// written from their exact decimal text.
func writeBatch(w io.Writer, invs []einvoice.EInvoice) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", basicSheet); err != nil {
		return err
	}
	for _, s := range []string{detailSheet, specialSheet} {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	heads := map[string][]string{basicSheet: basicColumns, detailSheet: detailColumns, specialSheet: specialColumns}
	titles := map[string]string{basicSheet: "发票基本信息", detailSheet: "发票明细信息", specialSheet: "特定业务信息"}
	for sheet, cols := range heads {
		if err := f.SetCellStr(sheet, "A1", "批量开票模板("+batchVersion+")· "+titles[sheet]); err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, "A2", "由 alprice 生成:金额不含税(是否含税:否),税率 0.13 即 13%;表头在第3行,数据自第4行起。"); err != nil {
			return err
		}
		for j, c := range cols {
			if err := f.SetCellStr(sheet, cell(j+1, batchHeadRow), c); err != nil {
				return err
			}
		}
	}
	yes := func(s string) string {
		if s != "" {
			return "是"
		}
		return "否"
	}
	detailRow := batchFirstRow
	for i, inv := range invs {
		basic := map[string]string{
			"发票流水号": inv.Serial, "发票类型": inv.Kind.Name(), "是否含税": "否", "受票方自然人标识": "否",
			"购买方名称": inv.Buyer.Name, "购买方纳税人识别号": inv.Buyer.TaxID, "地址": inv.Buyer.Address, "电话": inv.Buyer.Phone,
			"开户银行": inv.Buyer.Bank, "银行账号": inv.Buyer.Account, "备注": einvoiceNote(inv),
			"是否展示购买方银行账号": yes(inv.Buyer.Account), "销售方开户行": inv.Seller.Bank, "销售方银行账号": inv.Seller.Account,
			"是否展示销售方银行账号": yes(inv.Seller.Account), "购买方邮箱": inv.Buyer.Email,
		}
		if err := putRow(f, basicSheet, basicColumns, batchFirstRow+i, basic, nil); err != nil {
			return err
		}
		for _, l := range inv.Lines {
			text := map[string]string{"发票流水号": inv.Serial, "项目名称": l.Item, "商品和服务税收编码": l.TaxCode,
				"规格型号": l.Spec, "是否使用优惠政策": "否"}
			numbers := map[string]string{"金额": l.AmountExclVAT.StringFixed(2), "税率": l.VATRate.String()}
			if l.Quantity > 0 {
				text["单位"] = l.Unit
				numbers["数量"] = l.Quantity.String()
				numbers["单价"] = l.UnitPrice.String()
			}
			if err := putRow(f, detailSheet, detailColumns, detailRow, text, numbers); err != nil {
				return err
			}
			detailRow++
		}
	}
	_, err := f.WriteTo(w)
	return err
}

// putRow writes a row: text as text cells, numbers from their exact text.
func putRow(f *excelize.File, sheet string, cols []string, row int, text, numbers map[string]string) error {
	for j, c := range cols {
		if v, ok := numbers[c]; ok {
			// SetCellDefault writes the number's own text with no type: a
			// number, exactly as computed.
			if err := f.SetCellDefault(sheet, cell(j+1, row), v); err != nil {
				return err
			}
			continue
		}
		if v := text[c]; v != "" {
			if err := f.SetCellStr(sheet, cell(j+1, row), v); err != nil {
				return err
			}
		}
	}
	return nil
}

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// readBatch reads a batch-issuing workbook that --einvoice wrote back as
// invoice lines, so that check can verify the round trip: the buyer is the
// 购买方名称, the supply month comes from the 备注, the VAT is the
// platform's, 金额 × 税率 to the fen. Price-difference lines, which bill no
// quantity, are left out.
func readBatch(r io.Reader, name string) (*pricing.Invoices, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, &pricing.InputError{Source: name, Err: pricing.Errorf("is not a workbook: %w", err)}
	}
	defer f.Close()
	basic, err := sheetRecords(f, name, basicSheet)
	if err != nil {
		return nil, err
	}
	details, err := sheetRecords(f, name, detailSheet)
	if err != nil {
		return nil, err
	}
	type head struct {
		buyer string
		month pricing.Month
	}
	heads := map[string]head{}
	var errs pricing.ErrorList
	for _, rec := range basic {
		m := noteMonth.FindStringSubmatch(rec.get("备注"))
		if m == nil {
			errs = append(errs, rec.problem("备注", pricing.Errorf("has no 供货月份 YYYY-MM: was the file written by alprice settle --einvoice?")))
			continue
		}
		month, _ := pricing.ParseMonth(m[1])
		heads[rec.get("发票流水号")] = head{rec.get("购买方名称"), month}
	}
	var lines []pricing.InvoiceLine
	perInvoice := map[string]int{}
	for _, rec := range details {
		serial := rec.get("发票流水号")
		h, ok := heads[serial]
		if !ok {
			errs = append(errs, rec.problem("发票流水号", pricing.Errorf("is in no row of %s", basicSheet)))
			continue
		}
		if rec.get("数量") == "" {
			continue // a price-difference line
		}
		l := pricing.InvoiceLine{InvoiceNo: serial, Buyer: h.buyer, Month: h.month, SourceLine: rec.row}
		var err error
		if l.Quantity, err = pricing.ParseWeight(rec.get("数量")); err != nil {
			errs = append(errs, rec.problem("数量", err))
		}
		for _, v := range []struct {
			col string
			to  *decimal.Decimal
		}{{"单价", &l.UnitPriceExclVAT}, {"金额", &l.AmountExclVAT}, {"税率", &l.VATRate}} {
			d, err := decimal.NewFromString(rec.get(v.col))
			if err != nil {
				errs = append(errs, rec.problem(v.col, pricing.Errorf("is not a number")))
			}
			*v.to = d
		}
		l.VAT = pricing.LineVAT(l.AmountExclVAT, l.VATRate)
		perInvoice[serial]++
		l.Line = perInvoice[serial]
		lines = append(lines, l)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(lines) == 0 {
		return nil, &pricing.InputError{Source: name, Err: pricing.Errorf("has no invoice line with a quantity")}
	}
	return pricing.NewInvoices(name, lines), nil
}

// sheetRecord is a data row of a template sheet, its cells by header.
type sheetRecord struct {
	source, sheet string
	row           int
	cells         map[string]string
}

func (r sheetRecord) get(col string) string { return strings.TrimSpace(r.cells[col]) }

func (r sheetRecord) problem(col string, why error) *pricing.InputError {
	return &pricing.InputError{Source: r.source + " [" + r.sheet + "]", Line: r.row, Field: col, Value: r.get(col), Err: why}
}

// sheetRecords reads the data rows of a template sheet by the headers of
// its row 3.
func sheetRecords(f *excelize.File, name, sheet string) ([]sheetRecord, error) {
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil || len(rows) < batchHeadRow {
		return nil, &pricing.InputError{Source: name, Err: pricing.Errorf("has no sheet %s with its headers on row %d", sheet, batchHeadRow)}
	}
	header := rows[batchHeadRow-1]
	var out []sheetRecord
	for i, row := range rows[batchHeadRow:] {
		rec := sheetRecord{source: name, sheet: sheet, row: batchFirstRow + i, cells: map[string]string{}}
		for j, v := range row {
			if j < len(header) {
				rec.cells[header[j]] = v
			}
		}
		if rec.get("发票流水号") != "" {
			out = append(out, rec)
		}
	}
	return out, nil
}
