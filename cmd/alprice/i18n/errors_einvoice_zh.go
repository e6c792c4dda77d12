package i18n

// einvoiceErrorsZH is the catalogue of the 数电 batch-issuing template and its limits.
var einvoiceErrorsZH = map[string]string{}
