// Package read reads every file a user gives alprice into the values of
// package pricing, and writes the one it keeps (the quotes store). Each
// reader takes an io.Reader and a name for messages, and returns validated
// values or an error naming file, line, column, field (as the file names
// it) and value ([pricing.InputError], [pricing.ErrorList]); a reader never
// returns half a file.
//
//   - agreements.go: [ReadAgreements], the agreements file (YAML), with
//     every key checked and every value parsed by the model's syntax.
//   - csv.go: what the CSV readers share: encodings ([Encoding]: UTF-8 with
//     or without a BOM, GBK/GB18030 as Excel saves it, UTF-16 refused with
//     a reason), columns found by name in English or Chinese, blank rows
//     skipped, every error placed.
//   - quotes.go: [ReadQuotes] and [LintQuotes], a CSV file of daily quotes,
//     and [WriteQuotes], the store's format.
//   - store.go: [ReadStore], the store read back, refused when a rewrite
//     would lose a column or a row of it.
//   - sources.go: the quotes as Changjiang publishes them: pasted text
//     ([ReadPastedQuotes]), the GBK history pages ([ReadHistoryHTML], and
//     [ReadHistoryPage] with its [HistoryDating] for pages read in turn),
//     the price-list JSON ([ReadPriceListJSON], one entry by
//     [PriceListQuote]); [DetectQuoteSource].
//   - deliveries.go: [DeliveryReader], the weighbridge tickets, read a
//     batch at a time in two goroutines, with the duplicate-ticket check in
//     one exact pass (a pipe) or two passes of eight bytes a ticket (a file);
//     it is the [settle.Source] of package settle.
//   - deliveryfiles.go: [DeliveryFiles], several deliveries files read as
//     one, a ticket billed once across them.
//   - invoices.go: [ReadInvoiceCSV] ([ReadInvoices]), a CSV file of
//     invoice lines, its month column optional, read exactly with a map
//     of the invoices seen (a pipe, or an invoice whose lines are apart).
//   - invoicereader.go: the same file read in one pass in two goroutines,
//     rows in their plain form read from bytes, each invoice's first line
//     kept as an 8-byte hash instead of a map, when the file can be read
//     again exactly should a number come twice; a pass that stands marks
//     its invoices as ones whose every run of lines is an invoice
//     ([pricing.Invoices.MarkRunsAreInvoices]).
//   - received.go: the invoices as the buyer receives them: a 数电 XML
//     ([ReadInvoiceXML]), a folder of them ([ReadInvoiceDir]), the
//     platform's 信息汇总表 export ([ReadInvoiceSummary]);
//     [DetectInvoiceFormat]; and the one check every invoice line is held
//     to, whatever it was read from ([ValidateInvoices]).
//   - holidays.go: [ReadHolidays], public holidays the schedule lacks.
//   - production.go: [ReadProduction], the smelter's monthly output.
//   - text.go: names without invisible or control characters.
//
// The mechanics live under internal/: csvscan (a CSV scanner four times
// faster than encoding/csv, held to it by a differential fuzzer), tickets
// (the duplicate-ticket set, and the hashes of a first pass), pipeline
// (scanning in a goroutine while the caller parses) and fapiao (the 数电
// invoice XML and the platform's 信息汇总表 export, read exactly).
package read
