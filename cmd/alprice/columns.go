package main

import (
	"strings"

	"alprice/cmd/alprice/report"
)

// columnTitles are the headers of the commands' tables, in English and
// Chinese, by column key; the key is also the column's CSV header and never
// changes. A key with a ":variant" names another title for the same
// column in a table where the plain one would mislead.
var columnTitles = map[string][2]string{
	"action":                      {"Action", "处理"},
	"benchmark_month:final":       {"Final on", "最终基准月份"},
	"difference_amount":           {"Difference", "差额(价税合计)"},
	"difference_excl_vat":         {"Difference excl. VAT", "差额(金额)"},
	"difference_vat":              {"Difference VAT", "差额(税额)"},
	"final_bill":                  {"Final bill", "最终结算"},
	"invoice_no:blue":             {"Blue invoice", "蓝字发票号码"},
	"provisional_month":           {"Provisional on", "暂定基准月份"},
	"provisional_price":           {"Provisional price", "暂定单价"},
	"quantity_t:reference":        {"Quantity t (reference)", "数量(吨,参考)"},
	"unit_price:final":            {"Final price", "最终单价"},
	"coal_shortfall":              {"Coal shortfall", "煤价差额"},
	"conversion_rate":             {"Conversion %", "就地转化率 %"},
	"gap_to_target":               {"Gap to 60%", "距60%差距"},
	"output_t":                    {"Output t", "产量(吨)"},
	"released":                    {"Released", "让利"},
	"status:price":                {"Price", "价格状态"},
	"agreement":                   {"Agreement", "协议"},
	"amount":                      {"Amount", "价税合计"},
	"amount:per-tonne":            {"Amount", "金额"},
	"amount_excl_vat":             {"Amount excl. VAT", "金额"},
	"average":                     {"Average", "月均价"},
	"basis":                       {"Basis", "计价方式"},
	"benchmark":                   {"A00 average", "A00月均价"},
	"benchmark_days":              {"Days", "报价日数"},
	"benchmark_month":             {"Priced on", "基准月份"},
	"billed":                      {"Billed incl. VAT", "开票价税合计"},
	"burn_loss":                   {"Burn loss", "烧损"},
	"buyer":                       {"Buyer", "需方"},
	"casting":                     {"Casting", "铸造费"},
	"coal":                        {"Coal", "煤价让利"},
	"date":                        {"Date", "日期"},
	"days":                        {"Quote days", "报价日数"},
	"delivered_t":                 {"Delivered t", "到位重量(吨)"},
	"delivered_t:billed":          {"Delivered t (billed)", "到位重量(吨,结算)"},
	"difference":                  {"Difference", "差额"},
	"expected":                    {"Expected", "应为"},
	"expected_days":               {"Trading days", "交易日数"},
	"explanation":                 {"Why", "原因"},
	"fee":                         {"Other fees", "其他费用"},
	"field":                       {"Field", "字段"},
	"findings":                    {"Findings", "问题"},
	"first":                       {"First", "首个报价日"},
	"invoice_no":                  {"Invoice", "发票号码"},
	"invoiced":                    {"Invoiced", "发票值"},
	"invoices":                    {"Invoices", "发票张数"},
	"label":                       {"Item", "项目"},
	"last":                        {"Last", "末个报价日"},
	"line":                        {"Line", "行号"},
	"line:invoice":                {"Line", "行"},
	"lines":                       {"Lines", "行数"},
	"loss_t":                      {"Loss t", "途损(吨)"},
	"loss_t:unbilled":             {"Loss t (not billed)", "途损(吨,不结算)"},
	"max":                         {"Max", "最高"},
	"mean":                        {"Exact mean", "精确均值"},
	"message":                     {"Finding", "问题"},
	"min":                         {"Min", "最低"},
	"missing_weekdays":            {"Missing", "缺报价交易日"},
	"month":                       {"Month", "月份"},
	"month:supply":                {"Month", "供货月份"},
	"official":                    {"Official", "公布值"},
	"premium":                     {"Premiums", "上浮"},
	"quantity_t":                  {"Quantity t", "数量(吨)"},
	"quantity_t:billed":           {"Billed t", "开票数量(吨)"},
	"reason":                      {"Reason", "原因"},
	"reason_code":                 {"Reason code", "原因代码"},
	"residual":                    {"Rounding residual", "尾差"},
	"rounding":                    {"Rounded to", "舍入到"},
	"rounding:line":               {"Rounding", "取整调整"},
	"rule":                        {"Rule", "依据"},
	"rule:policy":                 {"Policy rule", "政策条款"},
	"settled":                     {"Settled incl. VAT", "结算价税合计"},
	"status":                      {"Status", "状态"},
	"severity":                    {"Severity", "级别"},
	"tapped_t":                    {"Tapped t", "出厂重量(吨)"},
	"terms_from":                  {"Terms from", "条款版本"},
	"tickets":                     {"Tickets", "票数"},
	"transport":                   {"Transport", "运费"},
	"unit_price":                  {"Unit price", "含税单价"},
	"unit_price_excl_vat":         {"Excl. VAT", "不含税单价"},
	"unit_price_excl_vat_invoice": {"Invoice unit price", "开票单价"},
	"value":                       {"Value", "值"},
	"vat":                         {"VAT", "税额"},
	"vat_rate":                    {"VAT rate", "税率"},
	"total":                       {"Total", "价税合计"},
	"what":                        {"What", "情况"},
}

// columns returns the columns named by specs, titled in l: "key", or
// "key:variant" for another title, or "-key" for a column only machine
// formats show (CSV), with no title.
func columns(l lang, specs ...string) []report.Column {
	cols := make([]report.Column, len(specs))
	for i, spec := range specs {
		if key, ok := strings.CutPrefix(spec, "-"); ok {
			cols[i] = report.Column{Key: key, Machine: true}
			continue
		}
		title, ok := columnTitles[spec]
		if !ok {
			panic("alprice: no column title for " + spec)
		}
		key, _, _ := strings.Cut(spec, ":")
		cols[i] = report.Column{Key: key, Title: l.t(title[0], title[1])}
	}
	return cols
}
