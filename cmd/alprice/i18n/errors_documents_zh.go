package i18n

// documentsErrorsZH is the catalogue of the printed documents: the amount in capitals.
var documentsErrorsZH = map[string]string{
	"--notice writes price notices as HTML: give --format html or --out FILE.html": "--notice 以 HTML 输出价格通知函:请加 --format html 或 --out FILE.html",
	"amount in words of %s: not a whole number of fen":                             "%s 的大写金额:不是整分",
	"amount in words of %s: beyond 万亿":                                             "%s 的大写金额:超出万亿",
}
