package i18n

// documentsErrorsZH is the catalogue of the printed documents (the amount
// in capitals) and of the workbooks (a figure too long for a number cell).
var documentsErrorsZH = map[string]string{
	"--notice writes price notices as HTML: give --format html or --out FILE.html": "--notice 以 HTML 输出价格通知函:请加 --format html 或 --out FILE.html",
	"amount in words of %s: not a whole number of fen":                             "%s 的大写金额:不是整分",
	"amount in words of %s: beyond 万亿":                                             "%s 的大写金额:超出万亿",
	"sheet %s, column %s: %s has %d significant digits, and a workbook keeps %d, rounding the rest: write it with --format csv or json, which keep it exact": "工作表 %s,列 %s:%s 有 %d 位有效数字,工作簿只保留 %d 位,其余会被舍入:请用 --format csv 或 json 输出,二者保持精确",
}
