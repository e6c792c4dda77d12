package i18n

// einvoiceErrorsZH is the catalogue of the 数电 batch-issuing template and its limits.
var einvoiceErrorsZH = map[string]string{
	// what the agreements file lacks
	"the agreements file lacks what the e-invoice platform requires; give it at the top level (invoice:) or per agreement:\n%s": "协议文件缺少电子发票平台要求的内容;请在顶层(invoice:)或各协议中给出:\n%s",
	"invoice.tax_code (the 19-digit 商品和服务税收分类编码; molten aluminium is 1080306020000000000)":                                      "invoice.tax_code(19 位商品和服务税收分类编码;铝液为 1080306020000000000)",
	"buyer_tax_id (the platform requires the buyer's tax id for a special VAT invoice, and for an ordinary one to a company)":   "buyer_tax_id(专票必须有购买方纳税人识别号,开给企业的普票也必须有)",
	"seller (the issuer's name)": "seller(开票方名称)",
	"is not what an invoice shows: write address (地址、电话), bank (开户银行、银行账号) or both":    "不是发票可展示的内容:请写 \"address\"(地址、电话)、\"bank\"(开户银行、银行账号)或 \"both\"",
	"is zero; the cap must be more than zero, or left out for one invoice a statement": "为零;限额须大于零,或不写(每张结算单开一张发票)",

	// the platform's rules, invoice by invoice
	"the e-invoices break the platform's rules; nothing was written:\n%w":                                  "电子发票不符合平台规则;未写入任何内容:\n%w",
	"  agreement %s (%s), %s part %d/%d (发票流水号 %s): %w":                                                    "  协议 %s(%s),%s 第 %d/%d 张(发票流水号 %s):%w",
	"the 发票流水号 is empty":                                                                                   "发票流水号为空",
	"the 发票流水号 is also that of agreement %s, %s part %d: two agreement ids share a serial tag; rename one": "发票流水号与协议 %s、%s 第 %d 张的相同:两个协议编号的流水号标记相同;请改名其中一个",
	"the 发票流水号 has %d characters; the platform takes at most 20":                                           "发票流水号有 %d 个字符;平台至多接受 20 个",
	"the platform requires the buyer's tax id (购买方纳税人识别号)":                                                 "平台要求填写购买方纳税人识别号",
	"the buyer has no name": "购买方没有名称",
	"项目名称 and 商品和服务税收编码 are required":                                                                                     "项目名称和商品和服务税收编码为必填项",
	"项目名称 %q carries a category (*…*): write the bare name, such as 铝液; the platform adds the category from the tax code": "项目名称 %q 带有类别(*…*):请只写名称,如 铝液;平台按税收编码加上类别",
	"商品和服务税收编码 %s %w": "商品和服务税收编码 %s %w",
	"商品和服务税收编码 %s is a code of ferrous metals (10802…); molten aluminium is 1080306020000000000 (原铝)": "商品和服务税收编码 %s 是黑色金属的编码(10802…);铝液为 1080306020000000000(原铝)",
	"金额 %s must be positive, to the fen":    "金额 %s 须为正数,精确到分",
	"税率 is required":                        "税率为必填项",
	"单价 %s has more than %d decimals":       "单价 %s 超过 %d 位小数",
	"数量 %s × 单价 %s = %s, not 金额 %s":         "数量 %s × 单价 %s = %s,而非金额 %s",
	"税额 %s is %s off 金额 × 税率":               "税额 %s 与 金额 × 税率 相差 %s",
	"金额 %s is not below the invoice cap %s": "金额 %s 未低于开票限额 %s",
	"cannot split %s excl. VAT with VAT %s into lines below %s whose VAT is within %s of 金额 × 税率": "无法把不含税金额 %s(税额 %s)拆成低于 %s、税额与 金额 × 税率 相差不超过 %s 的行",

	// the template's limits, naming the invoice
	"agreement %s (buyer %s), 发票流水号 %s, sheet %s, column %s":      "协议 %s(需方 %s),发票流水号 %s,工作表 %s,列 %s",
	"%w: %q has %d characters; the template takes at most %d":     "%w:%q 有 %d 个字符;模板至多接受 %d 个",
	"%w: the template requires a value":                           "%w:模板要求必填",
	"%w: %q holds the character %U, which a workbook cannot hold": "%w:%q 含有字符 %U,工作簿无法保存",
	"%w: the template has no such column":                         "%w:模板没有此列",

	// the template file and the workbook read back (the kinds of pricing/einvoice/internal/template)
	"is not a readable workbook (xlsx): %v":                                                                           "不是可读的工作簿(xlsx):%v",
	"is larger than %d bytes, or unzips to more":                                                                      "超过 %d 字节,或解压后超过",
	"has no sheet %s: is it the platform's batch-issuing template (批量开票-导入开票模板)?":                                     "没有工作表 %s:这是平台的批量开票-导入开票模板吗?",
	"has no template version in %s!A4: the platform refuses a workbook without it":                                    "%s!A4 中没有模板版本:平台拒收没有版本的工作簿",
	"lacks the column %s on sheet %s, which alprice fills: is it the platform's batch-issuing template?":              "缺少 alprice 要填写的列 %s(工作表 %s):这是平台的批量开票模板吗?",
	"already holds data on sheet %s row %d: give the blank template, not a filled one":                                "工作表 %s 第 %d 行已有数据:请给空白模板,而不是填好的",
	"would take more than %d rows on sheet %s":                                                                        "工作表 %[2]s 需要超过 %[1]d 行",
	"sheet %s row %d column %s: %q is not text (a formula, a date or a number Excel rounded); write the cell as text": "工作表 %s 第 %d 行 %s 列:%q 不是文本(公式、日期或被 Excel 舍入的数字);请以文本格式填写",
	"sheet %s row %d column %s: %q sits where alprice writes nothing":                                                 "工作表 %s 第 %d 行 %s 列:%q 位于 alprice 不写内容的位置",
	"sheet %s row %d column %s: %q is not what the template takes":                                                    "工作表 %s 第 %d 行 %s 列:%q 不是模板接受的内容",
	"says the amounts include VAT; alprice writes and reads them excl. VAT (否)":                                       "表示金额含税;alprice 写入和读取的都是不含税金额(否)",
	"has no 供货月份:YYYY-MM: was the file written by alprice settle --einvoice?":                                         "没有 供货月份:YYYY-MM:此文件是 alprice settle --einvoice 写的吗?",
	"is in no row of %s":                  "不在 %s 的任何一行中",
	"has no invoice line with a quantity": "没有带数量的发票行",

	// the flags
	"--einvoice-template fills the file --einvoice names: give --einvoice FILE.xlsx too": "--einvoice-template 用于填写 --einvoice 指定的文件:请同时给出 --einvoice FILE.xlsx",
}
