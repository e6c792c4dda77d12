package pricing

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Party is a seller or a buyer as a VAT invoice names it.
type Party struct {
	Name    string
	TaxID   string // 纳税人识别号: a unified social credit code, or an older taxpayer id
	Address string
	Phone   string
	Bank    string // 开户银行
	Account string // 银行账号
	Email   string
}

// InvoiceKind is the kind of VAT invoice issued.
type InvoiceKind string

// The kinds of invoice the 数电 platform issues for molten aluminium.
const (
	SpecialInvoice  InvoiceKind = "special"  // 增值税专用发票: the buyer deducts the VAT
	OrdinaryInvoice InvoiceKind = "ordinary" // 普通发票
)

// Name returns the kind as the platform names it.
func (k InvoiceKind) Name() string {
	if k == OrdinaryInvoice {
		return "普通发票"
	}
	return "增值税专用发票"
}

// ParseInvoiceKind reads an invoice kind: special or ordinary.
func ParseInvoiceKind(s string) (InvoiceKind, error) {
	switch k := InvoiceKind(s); k {
	case SpecialInvoice, OrdinaryInvoice:
		return k, nil
	}
	return "", Errorf("is not an invoice kind: write special (增值税专用发票) or ordinary (普通发票)")
}

// InvoiceItem is what an invoice line names: the item as issued, its tax
// classification code, specification and unit.
type InvoiceItem struct {
	Kind    InvoiceKind
	Item    string // 项目名称, the bare name (铝液): the platform adds the category from the tax code
	TaxCode string // 商品和服务税收分类编码: 19 digits, a leaf of the classification
	Spec    string // 规格型号, such as A00
	Unit    string // 单位; 吨 unless stated
	// ShowBuyer and ShowSeller say which of the party's details the
	// invoice shows (是否展示购买方/销售方地址电话银行账号); empty for none.
	ShowBuyer, ShowSeller Show
	// Cap splits a statement into invoices whose amount excl. VAT is below
	// it; zero for one invoice a statement (数电 has no per-invoice cap).
	Cap decimal.Decimal
}

// defaultItem is the 项目名称 of an invoice whose agreement names none: the
// bare name, to which the platform adds the category of the tax code
// (*有色金属冶炼压延品*铝液).
const defaultItem = "铝液"

// Show is which of a party's details an invoice shows.
type Show string

// The details an invoice may show.
const (
	ShowAddress Show = "address" // 地址、电话
	ShowBank    Show = "bank"    // 开户银行、银行账号
	ShowBoth    Show = "both"    // 地址、电话、开户银行及银行账号
)

// ParseShow reads address, bank or both.
func ParseShow(s string) (Show, error) {
	switch v := Show(s); v {
	case ShowAddress, ShowBank, ShowBoth:
		return v, nil
	}
	return "", Errorf("is not what an invoice shows: write address (地址、电话), bank (开户银行、银行账号) or both")
}

// over returns i with the fields o states replacing i's.
func (i InvoiceItem) over(o InvoiceItem) InvoiceItem {
	if o.Kind != "" {
		i.Kind = o.Kind
	}
	if o.Item != "" {
		i.Item = o.Item
	}
	if o.TaxCode != "" {
		i.TaxCode = o.TaxCode
	}
	if o.Spec != "" {
		i.Spec = o.Spec
	}
	if o.Unit != "" {
		i.Unit = o.Unit
	}
	if o.ShowBuyer != "" {
		i.ShowBuyer = o.ShowBuyer
	}
	if o.ShowSeller != "" {
		i.ShowSeller = o.ShowSeller
	}
	if o.Cap.IsPositive() {
		i.Cap = o.Cap
	}
	return i
}

// uscc is the alphabet of the unified social credit code (GB 32100-2015):
// digits and capitals less I, O, S, V and Z; a character's value is its
// place in it.
const uscc = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// usccWeights are the weights of the first 17 characters in the check.
var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// ParseTaxID checks a taxpayer identification number (纳税人识别号): 15,
// 17, 18 or 20 characters of digits and capital letters; an 18-character
// one is a unified social credit code (统一社会信用代码), whose last
// character checks the others (GB 32100-2015): a typo is named.
func ParseTaxID(s string) (string, error) {
	switch len(s) {
	case 15, 17, 18, 20:
	default:
		return "", Errorf("has %d characters: a taxpayer id has 15, 17, 18 or 20 (a unified social credit code has 18)", len(s))
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			return "", Errorf("has %q at character %d: a taxpayer id is digits and capital letters", rune(c), i+1)
		}
	}
	if len(s) != 18 {
		return s, nil
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(uscc, s[i])
		if v < 0 {
			return "", Errorf("has %q at character %d, which a unified social credit code never has (no I, O, S, V or Z)", rune(s[i]), i+1)
		}
		sum += v * usccWeights[i]
	}
	want := uscc[(31-sum%31)%31]
	if s[17] != want {
		return "", Errorf("fails its check character: the 18th is %q, the first 17 give %q (GB 32100): a typo?", rune(s[17]), rune(want))
	}
	return s, nil
}

// ParseTaxCode checks a 商品和服务税收分类编码: 19 digits.
func ParseTaxCode(s string) (string, error) {
	if len(s) != 19 {
		return "", Errorf("has %d characters: a tax classification code (商品和服务税收分类编码) has 19 digits, a leaf of the classification", len(s))
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", Errorf("has %q at character %d: a tax classification code is 19 digits", rune(s[i]), i+1)
		}
	}
	return s, nil
}
