package i18n

// invoicesInErrorsZH is the catalogue of the invoices a buyer receives: 数电 XML and the platform's 信息汇总表 export.
var invoicesInErrorsZH = map[string]string{}
