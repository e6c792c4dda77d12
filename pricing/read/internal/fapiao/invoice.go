package fapiao

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Type is the kind of VAT invoice, as the platform codes it.
type Type string

// The invoice types of Header/InherentLabel/GeneralOrSpecialVAT/LabelCode.
const (
	Special Type = "01" // 增值税专用发票
	General Type = "02" // 普通发票
)

// Party is a seller or buyer as the invoice names it. TaxID is the
// 纳税人识别号 as printed; a 普票 to a person may have none.
type Party struct {
	TaxID string
	Name  string
}

// Optional is a figure an invoice line may leave out: Present is false when
// the element or cell is absent or empty, and Value is then zero.
type Optional struct {
	Value   decimal.Decimal
	Present bool
}

// Invoice is one 数电 invoice as the buyer received it, every figure exact
// from the text and keeping its scale (Exponent is minus the number of
// decimals written). Nothing in it has been checked arithmetically.
type Invoice struct {
	Source string // the file name given to the reader
	// Columns are the columns of the 信息汇总表 by header, 0 for column A
	// (one map shared by every invoice of a sheet), to name a cell; nil
	// for an invoice read from XML.
	Columns map[string]int
	Number  string // 数电发票号码, 20 digits
	// IssueDate is the 开票日期 as YYYY-MM-DD; IssueTime the time of day as
	// HH:MM:SS when the source gives one, else empty.
	IssueDate, IssueTime string
	Type                 Type
	Red                  bool // 红字发票: a reversal, its figures negative
	Seller, Buyer        Party
	// The invoice totals: TotalAmWithoutTax, TotalTaxAm and
	// TotalTax-includedAmount of the XML. The 信息汇总表 has no invoice
	// totals: for an invoice read from it they are the sums of its rows and
	// TotalsFromLines is true.
	TotalExclVAT, TotalVAT, TotalInclVAT decimal.Decimal
	TotalsFromLines                      bool
	Remark                               string // 备注, empty when absent
	// OriginalNumber is, on a red invoice, the 数电发票号码 of the blue
	// invoice it reverses; CreditNoteNumber the 红字发票信息确认单 number.
	// From a 信息汇总表 both come from the 备注 when it states them.
	OriginalNumber, CreditNoteNumber string
	Status                           string // 发票状态 (正常, 已红冲 ...); 信息汇总表 only
	Line                             int    // the XML line of the root element, or the sheet row of the first line
	Lines                            []Line // in the order of the source
}

// Line is one line (明细) of an invoice.
type Line struct {
	// Path names the line for messages: its element path with index
	// (EInvoice/EInvoiceData/IssuItemInformation[2]), or the sheet name;
	// SourceLine is its XML line, or its sheet row.
	Path       string
	SourceLine int
	ItemName   string // 项目名称, as printed: *有色金属冶炼压延品*铝液
	Spec       string // 规格型号
	Unit       string // 单位
	Quantity   Optional
	UnitPrice  Optional        // excl. VAT
	Amount     decimal.Decimal // 金额, excl. VAT
	TaxRate    decimal.Decimal // a fraction: 0.13
	Tax        decimal.Decimal // 税额
	// TotalInclVAT is the line's 价税合计 (TotaltaxIncludedAmount), which
	// not every source states.
	TotalInclVAT Optional
	TaxCode      string // 税收分类编码, 19 digits
}

// SupplyMonth returns the supply month YYYY-MM the 备注 states as
// 供货月份:YYYY-MM (either colon, spaces around it allowed), and whether it
// states one. It only reads the text: the month is not checked further.
func (inv *Invoice) SupplyMonth() (string, bool) {
	const key = "供货月份"
	i := strings.Index(inv.Remark, key)
	if i < 0 {
		return "", false
	}
	rest := strings.TrimLeft(inv.Remark[i+len(key):], " ")
	switch {
	case strings.HasPrefix(rest, ":"):
		rest = rest[1:]
	case strings.HasPrefix(rest, "："):
		rest = rest[len("："):]
	default:
		return "", false
	}
	rest = strings.TrimLeft(rest, " ")
	if len(rest) < 7 || !digits(rest[:4]) || rest[4] != '-' || !digits(rest[5:7]) || rest[5:7] < "01" || rest[5:7] > "12" {
		return "", false
	}
	if len(rest) > 7 && rest[7] >= '0' && rest[7] <= '9' {
		return "", false
	}
	return rest[:7], true
}
