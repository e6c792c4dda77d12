package i18n

// invoicesInErrorsZH is the catalogue of the invoices a buyer receives: 数电 XML and the platform's 信息汇总表 export.
var invoicesInErrorsZH = map[string]string{
	// the CSV of invoice lines
	"differs from the buyer %q of invoice %s on line %d: one invoice has one buyer":                                                                                             "与第 %[3]d 行发票 %[2]s 的需方 %[1]q 不同:一张发票只有一个购买方",
	"states no supply month: give it in a month column (YYYY-MM) or a 备注 (供货月份:YYYY-MM), give the month of every row, or give the issue_date, and the month before it is taken": "未写明供货月份:请在月份列(YYYY-MM)或备注(供货月份:YYYY-MM)中写明,或给出每一行的月份,或给出开票日期(取其上一个月)",
	"states no supply month: give it in a month column (YYYY-MM) or a 备注 (供货月份:YYYY-MM), with --month, or give the issue_date, and the month before it is taken":                "未写明供货月份:请在月份列(YYYY-MM)或备注(供货月份:YYYY-MM)中写明,或用 --month 给出,或给出开票日期(取其上一个月)",

	// formats and folders
	"is not an invoices format: write csv, batch, xml or summary":                                                      "不是发票文件格式:请写 csv、batch、xml 或 summary",
	"cannot be read as a folder: %w":                                                                                   "无法作为文件夹读取:%w",
	"has no *.xml file: download each 数电 invoice as XML (beside its PDF or OFD) into it":                               "没有 XML 文件:请将每张数电发票下载为 XML(与 PDF 或 OFD 一起)放入其中",
	"--invoices %s is a folder, which holds 数电 XML invoices, not --invoices-format %s":                                 "--invoices %s 是文件夹,其中应为数电 XML 发票,而不是 --invoices-format %s",
	"is neither CSV, a 数电 invoice XML nor an xlsx workbook (an old .xls? save it as .xlsx); or give --invoices-format": "既不是 CSV,也不是数电发票 XML 或 xlsx 工作簿(旧版 Excel 文件?请另存为 .xlsx);或用 --invoices-format 指定",
	"is an invoice already read from %s:%d: the same invoice twice (two copies of one file?); give each invoice once":  "这张发票已从 %s:%d 读入:同一张发票出现两次(同一文件的两个副本?);每张发票只给一次",

	// the supply month and red invoices
	"states 供货月份 %q, which %w": "载明的供货月份 %q %w",
	"names no blue invoice reversed: a red invoice's 备注 states 被红冲蓝字数电发票号码": "未写明所冲红的蓝字发票:红字发票的备注应载明被红冲蓝字数电发票号码",

	// the one check of every invoice line
	"has more than 3 decimals, or is too large: alprice counts weight in whole kilograms (0.001 t)": "小数超过 3 位或数值过大:alprice 以整千克(0.001 吨)计重",
	"is not a supply month from %d to %d":                                           "不是 %d 至 %d 年间的供货月份",
	"is negative on a blue invoice: a reversal is a red invoice (红字发票) of its own":  "在蓝字发票上为负数:冲销应另开红字发票",
	"is positive on a red invoice (红字发票), whose figures are negative":               "在红字发票上为正数,红字发票的金额应为负数",
	"has %d decimals: amounts are to the fen (2 decimals)":                          "有 %d 位小数:金额精确到分(2 位小数)",
	"is too large: an invoice's amounts have at most 13 digits before the point":    "数值过大:发票金额整数部分至多 13 位",
	"has %d decimals: a unit price has at most 13":                                  "有 %d 位小数:单价至多 13 位小数",
	"is negative: a unit price never is, on a red invoice too":                      "为负数:单价不会为负,红字发票也不会",
	"is not a VAT rate: a fraction from 0 to 1 of at most 6 decimals, such as 0.13": "不是税率:应为 0 到 1 之间、至多 6 位小数的小数,如 0.13",

	// the 数电 XML and the 信息汇总表, by kind of fault
	"is not well-formed UTF-8 XML (%s): download the invoice again as XML":                                                                            "不是格式正确的 UTF-8 XML(解析器原文:%s):请重新下载发票 XML",
	"is the root element: a 数电 invoice's root is EInvoice":                                                                                            "是根元素:数电发票的根元素应为 EInvoice(电子发票)",
	"is not a plain decimal number: digits, a point, a minus sign before; no exponent, comma or space":                                                "不是普通的十进制数:只能有数字、小数点和前置负号;不能有指数、逗号或空格",
	"is not a date YYYY-MM-DD of the calendar":                                                                                                        "不是日历上存在的日期 YYYY-MM-DD",
	"is not of the form the platform writes (a label code, a 20-digit invoice number, a tax id of 15 to 20 capitals and digits, a 19-digit tax code)": "不符合平台的写法(标签代码、20 位发票号码、15 至 20 位大写字母和数字的纳税人识别号、19 位税收分类编码)",
	"is over %d bytes or nested over 64 elements deep: refused before it is read; a 数电 invoice is a few kilobytes":                                    "超过 %d 字节或元素嵌套超过 64 层:读取前即拒绝;一张数电发票只有几 KB",
	"is over %d bytes: refused before it is read":                                                                                                     "超过 %d 字节:读取前即拒绝",
	"declares entities in its DOCTYPE: refused, a 数电 invoice has none":                                                                                "在 DOCTYPE 中声明了实体:拒绝读取,数电发票没有实体",
	"appears more than once: an invoice has it once":                                                                                                  "出现不止一次:一张发票只有一个",
	"cannot be read: %s, which a workbook may not hold; correct the cell and save the workbook again, or export it again from the platform":           "无法读取:%s(解析器原文),工作簿不能容纳它;请改正该单元格后重新保存工作簿,或从平台重新导出",
	"is not an xlsx workbook that can be read (%s)":                                                                                                   "不是可读取的 xlsx 工作簿(解析器原文:%s)",
	"has no sheet 信息汇总表 (its sheets: %s): export the received invoices from 全量发票查询":                                                                   "没有工作表 信息汇总表(其工作表:%s):请在全量发票查询中导出取得的发票",
	"differs from the invoice's first row: every row of an invoice repeats it":                                                                        "与该发票的第一行不同:同一发票的每一行都应相同",
	"cannot be read: %s":                "无法读取(解析器原文:%s)",
	"has %d more bad cells, not listed": "另有 %d 个有误的单元格未列出",
}
