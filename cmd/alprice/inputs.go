package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"alprice/cmd/alprice/internal/files"
	"alprice/pricing"
	"alprice/pricing/einvoice"
	"alprice/pricing/read"
	"alprice/pricing/settle"
)

// csvInput is a CSV input named by a flag (--quotes FILE), with its own
// encoding flag (--quotes-encoding), so that each file's encoding is
// detected or given on its own.
type csvInput struct {
	flag     string // the flag's name: quotes, deliveries, invoices
	path     string
	encoding string
}

func (in *csvInput) bind(fs *pflag.FlagSet, flag, usage string) {
	in.flag = flag
	fs.StringVar(&in.path, flag, "", usage+"; - for stdin")
	fs.StringVar(&in.encoding, flag+"-encoding", "auto", "text `ENCODING` of --"+flag+": auto (UTF-8, else GBK), utf-8 or gbk")
}

// given reports whether the flag names a file.
func (in *csvInput) given() bool { return in.path != "" }

// checkEncoding checks the encoding flag, before any file is read.
func (in *csvInput) checkEncoding() (read.Encoding, error) {
	enc, err := read.ParseEncoding(in.encoding)
	if err != nil {
		return "", flagError(in.flag+"-encoding", in.encoding, err)
	}
	return enc, nil
}

// readInput opens the input and reads it with readFile, adding to any text
// that is not valid in the file's encoding the flag that would read it right.
func readInput[T any](a *app, in *csvInput, readFile func(r io.Reader, name string, enc read.Encoding) (T, error)) (T, error) {
	var v T
	err := in.use(a, func(r io.Reader, enc read.Encoding) error {
		var err error
		v, err = readFile(r, inputName(in.path), enc)
		return err
	})
	return v, err
}

// use opens the input and calls use with it, adding to any text that is
// not valid in the file's encoding the flag that would read it right.
func (in *csvInput) use(a *app, use func(r io.Reader, enc read.Encoding) error) error {
	enc, err := in.checkEncoding()
	if err != nil {
		return err
	}
	r, err := a.open(in.flag, in.path)
	if err != nil {
		return err
	}
	defer r.Close()
	return in.hint(use(r, enc))
}

// hint adds to every encoding problem in err the flag that reads the file
// in the other encoding.
func (in *csvInput) hint(err error) error {
	if err == nil {
		return nil
	}
	var problems pricing.ErrorList
	var rows *pricing.BadRowsError
	var one *pricing.InputError
	switch {
	case errors.As(err, &rows):
		problems = rows.Problems
	case errors.As(err, &problems):
	case errors.As(err, &one):
		problems = pricing.ErrorList{one}
	}
	for _, p := range problems {
		var enc *read.EncodingError
		if !errors.As(p.Err, &enc) {
			continue
		}
		if enc.Read == read.GB18030 {
			p.Hint = pricing.Errorf("if it is UTF-8, give --%s-encoding utf-8", in.flag)
		} else {
			p.Hint = pricing.Errorf("if the file was saved as GBK (Excel on Chinese Windows), give --%s-encoding gbk", in.flag)
		}
	}
	return err
}

// quotesFlags name the quotes file and the holidays to add to the trading
// calendar.
type quotesFlags struct {
	csvInput
	holidays string
}

func (f *quotesFlags) bind(fs *pflag.FlagSet, usage string) {
	f.csvInput.bind(fs, "quotes", usage)
	fs.StringVar(&f.holidays, "holidays", "", "public holidays `FILE` (CSV date,name) to add to the trading calendar, for a year the built-in schedule lacks")
}

// pricingInputs are what every command that prices reads first.
type pricingInputs struct {
	agreements *pricing.Agreements
	chosen     *pricing.Agreement // the one --agreement names; nil for all
	quotes     *pricing.Quotes
}

// readPricing checks the encoding flag of every CSV input before any file
// is opened, then reads the agreements, the agreement agreementID names
// (if any) and the quotes.
func (a *app) readPricing(agreementsPath, agreementID string, quotes *quotesFlags, others ...*csvInput) (pricingInputs, error) {
	for _, in := range append([]*csvInput{&quotes.csvInput}, others...) {
		if _, err := in.checkEncoding(); err != nil {
			return pricingInputs{}, err
		}
	}
	var (
		in  pricingInputs
		err error
	)
	if in.agreements, err = a.readAgreements(agreementsPath); err != nil {
		return pricingInputs{}, err
	}
	if agreementID != "" {
		if in.chosen, err = in.agreements.Choose(agreementID); err != nil {
			return pricingInputs{}, err
		}
	}
	if in.quotes, err = a.readQuotes(quotes, in.agreements); err != nil {
		return pricingInputs{}, err
	}
	return in, nil
}

// readQuotes reads the quotes file on the trading calendar — the State
// Council's schedule, with the holidays of the agreements file (may be nil)
// and of --holidays — reporting its warnings and excluded rows on stderr.
func (a *app) readQuotes(f *quotesFlags, agreements *pricing.Agreements) (*pricing.Quotes, error) {
	if !f.given() {
		return nil, usageError{pricing.Errorf("give the daily quotes with --quotes FILE")}
	}
	var added []pricing.Holiday
	if agreements != nil {
		added = agreements.Holidays
	}
	cal, err := a.calendar(f.holidays, added...)
	if err != nil {
		return nil, err
	}
	q, err := readInput(a, &f.csvInput, func(r io.Reader, name string, enc read.Encoding) (*pricing.Quotes, error) {
		return read.ReadQuotes(r, name, enc, cal)
	})
	if err != nil {
		return nil, err
	}
	a.quotesRead = append(a.quotesRead, q)
	return q, nil
}

// calendar returns the trading calendar: the State Council's schedule, with
// the holidays given (the agreements') and those of the --holidays file
// (none when ""); today is ALPRICE_TODAY (YYYY-MM-DD) when set, for a run
// that must not depend on the clock, else the day in Beijing.
func (a *app) calendar(holidaysPath string, added ...pricing.Holiday) (*pricing.Calendar, error) {
	if holidaysPath != "" {
		in := csvInput{flag: "holidays", path: holidaysPath, encoding: "auto"}
		hs, err := readInput(a, &in, read.ReadHolidays)
		if err != nil {
			return nil, err
		}
		added = append(slices.Clip(added), hs...)
	}
	cal := pricing.NewCalendar(pricing.StateCouncilSchedule{}, added...)
	if today := a.getenv("ALPRICE_TODAY"); today != "" {
		d, err := pricing.ParseDate(today)
		if err != nil {
			return nil, pricing.Errorf("ALPRICE_TODAY %q: %w", today, err)
		}
		cal.SetToday(d)
	}
	return cal, nil
}

// invoicesInput is --invoices, given once or more: each a file of invoice
// lines (CSV), a batch-issuing workbook --einvoice wrote, a 数电 invoice
// XML or the platform's 信息汇总表 export, told by its content or by
// --invoices-format; or a folder, every *.xml in it in name order.
type invoicesInput struct {
	multiInput        // the paths, and --invoices-encoding for CSV
	format     string // --invoices-format
}

func (in *invoicesInput) bind(fs *pflag.FlagSet, usage string) {
	in.bindPaths(fs, "invoices", usage+"; give it again for more files, or name a folder of XML invoices; - for stdin")
	fs.StringVar(&in.encoding, "invoices-encoding", "auto", "text `ENCODING` of a CSV --invoices: auto (UTF-8, else GBK), utf-8 or gbk")
	fs.StringVar(&in.format, "invoices-format", "auto", "what --invoices holds: `auto` (told by content), csv, batch (the --einvoice workbook), xml (数电 invoices) or summary (the platform's 信息汇总表 export)")
}

// multiInput is an input flag that may be given more than once: the first
// path is csvInput's, the others follow.
type multiInput struct {
	csvInput
	more []string // the paths after the first
}

// bindPaths binds the flag's paths; its encoding flag is the caller's.
func (in *multiInput) bindPaths(fs *pflag.FlagSet, flag, usage string) {
	in.flag = flag
	fs.Var(multiPaths{in}, flag, usage)
}

// paths returns every path the flag names, in the order given.
func (in *multiInput) paths() []string { return append([]string{in.path}, in.more...) }

// multiPaths is the value of a flag given more than once: the first path,
// then more.
type multiPaths struct{ in *multiInput }

func (v multiPaths) String() string { return v.in.path }
func (v multiPaths) Type() string   { return "string" }

// More returns the paths after the first, for the guard of inputs.
func (v multiPaths) More() []string { return v.in.more }

func (v multiPaths) Set(s string) error {
	if v.in.path == "" {
		v.in.path = s
	} else {
		v.in.more = append(v.in.more, s)
	}
	return nil
}

// deliveriesInput is --deliveries: one file, or several (and folders of
// CSV files) read as one so that a ticket is billed once across them.
type deliveriesInput struct{ multiInput }

func (in *deliveriesInput) bind(fs *pflag.FlagSet, usage string) {
	in.bindPaths(fs, "deliveries", usage+"; give it again (or name a folder of .csv files) to read last month's export beside this month's: a ticket in both is caught, and with --month only that month is billed; - for stdin")
	fs.StringVar(&in.encoding, "deliveries-encoding", "auto", "text `ENCODING` of --deliveries: auto (UTF-8, else GBK), utf-8 or gbk")
}

// files returns the deliveries files: each path, a folder standing for the
// .csv files in it, by name.
func (in *deliveriesInput) files(a *app) ([]string, error) {
	var files []string
	for _, p := range in.paths() {
		if !a.isFolder(p) {
			files = append(files, p) // opening it says what is wrong
			continue
		}
		csv, err := filepath.Glob(filepath.Join(p, "*.csv"))
		if err != nil {
			return nil, pricing.Errorf("--deliveries %s: %w", p, err)
		}
		if len(csv) == 0 {
			return nil, usageError{pricing.Errorf("--deliveries %s is a folder without a .csv file", p)}
		}
		slices.Sort(csv)
		files = append(files, csv...)
	}
	return files, nil
}

// checkFormat checks --invoices-format, before any file is read.
func (in *invoicesInput) checkFormat() (read.InvoiceFormat, error) {
	if in.format == "auto" {
		return read.InvoiceUnknown, nil
	}
	f, err := read.ParseInvoiceFormat(in.format)
	if err != nil {
		return f, flagError("invoices-format", in.format, err)
	}
	return f, nil
}

// batchFields name the batch-issuing workbook's columns for the check
// every invoice line is held to.
var batchFields = map[string]string{"invoice_no": "2-发票明细信息/发票流水号", "buyer": "1-发票基本信息/购买方名称",
	"month": "1-发票基本信息/备注", "quantity_t": "2-发票明细信息/数量", "unit_price_excl_vat": "2-发票明细信息/单价",
	"amount_excl_vat": "2-发票明细信息/金额", "vat_rate": "2-发票明细信息/税率", "vat": "2-发票明细信息/金额"}

// readInvoices reads every file --invoices names, each in the format its
// content (or --invoices-format) says, as one set of invoices: the same
// invoice in two files is an error naming both. month is the supply month
// of invoices that state none; zero for the month before each one's issue
// date.
func (a *app) readInvoices(in *invoicesInput, month pricing.Month) (*pricing.Invoices, error) {
	format, err := in.checkFormat()
	if err != nil {
		return nil, err
	}
	opts := read.InvoiceOptions{Month: month}
	paths := in.paths()
	parts := make([]*pricing.Invoices, 0, len(paths))
	for _, path := range paths {
		inv, err := a.readInvoicesFile(in, path, format, opts)
		if err != nil {
			return nil, err
		}
		parts = append(parts, inv)
	}
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = inputName(p)
	}
	return pricing.MergeInvoices(strings.Join(names, ", "), parts)
}

// readInvoicesFile reads one path --invoices names: a folder of XML
// invoices, or a file in the format its first bytes tell.
func (a *app) readInvoicesFile(in *invoicesInput, path string, format read.InvoiceFormat, opts read.InvoiceOptions) (*pricing.Invoices, error) {
	if a.isFolder(path) {
		if format != read.InvoiceUnknown && format != read.InvoiceXML {
			return nil, usageError{pricing.Errorf("--invoices %s is a folder, which holds 数电 XML invoices, not --invoices-format %s", path, format)}
		}
		return read.ReadInvoiceDir(os.DirFS(path), ".", path, opts)
	}
	var inv *pricing.Invoices
	file := in.csvInput
	file.path = path
	err := file.use(a, func(r io.Reader, enc read.Encoding) error {
		name := inputName(path)
		// A file that can be read again is given to the CSV reader as it
		// is, back at its start: it reads a file in one pass without a map
		// of the invoices seen, and again only when an invoice's lines are
		// apart.
		seeker, _ := r.(io.ReadSeeker)
		var start int64 = -1
		if seeker != nil {
			if at, err := seeker.Seek(0, io.SeekCurrent); err == nil {
				start = at
			}
		}
		br := bufio.NewReaderSize(r, 4096)
		f := format
		if f == read.InvoiceUnknown && strings.EqualFold(filepath.Ext(path), ".xml") {
			f = read.InvoiceXML // named as XML: what is not is refused as such
		}
		if f == read.InvoiceUnknown {
			head, _ := br.Peek(512)
			if f = read.DetectInvoiceFormat(head); f == read.InvoiceBatch {
				// A workbook: its sheets tell the platform's export from
				// a batch-issuing file.
				data, err := files.ReadAll(br, name, read.MaxInvoiceWorkbookSize)
				if err != nil {
					return err
				}
				f, br = read.DetectInvoiceFormat(data), bufio.NewReader(bytes.NewReader(data))
			}
		}
		var err error
		switch f {
		case read.InvoiceCSV:
			var src io.Reader = br
			if start >= 0 {
				if _, err := seeker.Seek(start, io.SeekStart); err == nil {
					src = seeker
				}
			}
			inv, err = read.ReadInvoiceCSV(src, name, enc, opts)
		case read.InvoiceXML:
			inv, err = read.ReadInvoiceXML(br, name, opts)
		case read.InvoiceSummary:
			inv, err = read.ReadInvoiceSummary(br, name, opts)
		case read.InvoiceBatch:
			if inv, err = einvoice.ReadWorkbook(br, name); err == nil {
				err = read.ValidateInvoices(inv, batchFields)
			}
		default:
			err = &pricing.InputError{Source: name, Line: 1, Err: pricing.Errorf("is neither CSV, a 数电 invoice XML nor an xlsx workbook (an old .xls? save it as .xlsx); or give --invoices-format")}
		}
		return flagWords(err)
	})
	return inv, err
}

// readInvoicesBeside reads the invoices while the deliveries, when given,
// are settled beside them on goroutines of their own (nil without): each
// reader keeps two goroutines, and one after the other they left a
// processor idle (trueup of a 1M-ticket month, 7 runs turn by turn: 1.00
// -> 0.82 s wall; #29). Neither prints or keeps a warning as it reads, at
// most one of them is stdin (guard.go), the run's folder is locked, and
// the months settle records (app.pricedOn) are read only once both have
// ended: they share nothing else. An error of the invoices is the one
// returned, as when they were read first, and the settling is then
// cancelled; either way it has ended on return.
func (a *app) readInvoicesBeside(ctx context.Context, invoices *invoicesInput, month pricing.Month,
	deliveries *deliveriesInput, agreements *pricing.Agreements, q *pricing.Quotes, opts settle.SettleOptions) (*pricing.Invoices, *settle.Settlement, error) {
	if !deliveries.given() {
		inv, err := a.readInvoices(invoices, month)
		return inv, nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		s         *settle.Settlement
		settleErr error
		settled   = make(chan struct{})
	)
	go func() {
		defer close(settled)
		s, settleErr = a.settle(ctx, deliveries, agreements, q, opts)
	}()
	inv, err := a.readInvoices(invoices, month)
	if err != nil {
		cancel()
	}
	<-settled
	if err != nil {
		return nil, nil, err
	}
	if settleErr != nil {
		return nil, nil, settleErr
	}
	return inv, s, nil
}

// settle reads and settles the deliveries files, as one when there are
// several, and records the benchmark months it priced on.
func (a *app) settle(ctx context.Context, in *deliveriesInput, agreements *pricing.Agreements, q *pricing.Quotes, opts settle.SettleOptions) (*settle.Settlement, error) {
	s, err := a.readSettlement(ctx, in, agreements, q, opts)
	if err != nil {
		return nil, err
	}
	for _, st := range s.Statements {
		a.pricedOn(st.Price.Average.Month)
	}
	return s, nil
}

func (a *app) readSettlement(ctx context.Context, in *deliveriesInput, agreements *pricing.Agreements, q *pricing.Quotes, opts settle.SettleOptions) (*settle.Settlement, error) {
	paths, err := in.files(a)
	if err != nil {
		return nil, err
	}
	if len(paths) == 1 {
		one := in.csvInput
		one.path = paths[0]
		var s *settle.Settlement
		err := one.use(a, func(r io.Reader, enc read.Encoding) error {
			if one.path == "-" {
				// Stdin can be read once: copied as it is read, within the
				// input's limit, to a file in the run's folder, the reader
				// checks tickets by their 8-byte hashes and reads the copy
				// again only for a hash seen twice, as it does a file,
				// instead of keeping every ticket's text (40 bytes a ticket;
				// 10M tickets took 422 MB).
				sp, err := files.Spool(r, a.work.get(), one.flag, inputName(one.path))
				if err != nil {
					return err
				}
				defer sp.Close()
				r = sp
			}
			dr, err := read.NewDeliveryReader(r, inputName(one.path), enc)
			if err != nil {
				return err
			}
			s, err = settle.Settle(ctx, dr, agreements, q, opts)
			return err
		})
		return s, err
	}
	enc, err := in.checkEncoding()
	if err != nil {
		return nil, err
	}
	files := make([]io.Reader, len(paths))
	names := make([]string, len(paths))
	for i, p := range paths {
		r, err := a.open(in.flag, p)
		if err != nil {
			return nil, err
		}
		defer r.Close()
		files[i], names[i] = r, inputName(p)
	}
	df, err := read.NewDeliveryFiles(files, names, enc)
	if err != nil {
		return nil, in.hint(err)
	}
	s, err := settle.Settle(ctx, df, agreements, q, opts)
	return s, in.hint(err)
}

// readAgreements reads the agreements file a flag names.
func (a *app) readAgreements(path string) (*pricing.Agreements, error) {
	r, err := a.open("agreements", path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	ags, err := read.ReadAgreements(r, inputName(path))
	return ags, err
}

// inputName is how messages name the input a flag names.
func inputName(path string) string {
	if path == "-" {
		return "<stdin>"
	}
	return path
}

// flagError reports a bad flag value.
func flagError(flag, value string, err error) error {
	source := "--" + flag
	if flag == strings.ToUpper(flag) {
		source = flag // a positional argument, named as its usage names it (DATE)
	}
	return &pricing.InputError{Source: source, Value: value, Err: err}
}

// missingFlags names exactly the flags of names whose values are empty, as
// a usage error; nil when none is.
func missingFlags(names []string, values ...string) error {
	var missing []string
	for i, v := range values {
		if v == "" {
			missing = append(missing, "--"+names[i]+" FILE")
		}
	}
	switch len(missing) {
	case 0:
		return nil
	case 1:
		return usageError{pricing.Errorf("give %s", missing[0])}
	}
	return usageError{pricing.Errorf("give %s and %s", strings.Join(missing[:len(missing)-1], ", "), missing[len(missing)-1])}
}

// monthFlags choose the months a command covers: --month, or --from and --to.
type monthFlags struct {
	month, from, to string
}

func (f *monthFlags) bind(fs *pflag.FlagSet, what string) {
	fs.StringVar(&f.month, "month", "", "the one `YYYY-MM` "+what)
	fs.StringVar(&f.from, "from", "", "first `YYYY-MM` "+what)
	fs.StringVar(&f.to, "to", "", "last `YYYY-MM` "+what)
}

// check checks the month flags before any file is read: all that can be
// checked without the months of the file.
func (f *monthFlags) check() error {
	if f.month != "" || (f.from != "" && f.to != "") {
		_, err := f.months([]pricing.Month{})
		return err
	}
	for flag, s := range map[string]string{"from": f.from, "to": f.to} {
		if _, err := pricing.ParseMonth(s); s != "" && err != nil {
			return flagError(flag, s, err)
		}
	}
	return nil
}

// months returns the months chosen, or all when none were chosen; --from
// or --to alone extend to the first or last of all.
func (f *monthFlags) months(all []pricing.Month) ([]pricing.Month, error) {
	parse := func(flag, s string) (pricing.Month, error) {
		m, err := pricing.ParseMonth(s)
		if err != nil {
			return 0, flagError(flag, s, err)
		}
		return m, nil
	}
	if f.month != "" {
		if f.from != "" || f.to != "" {
			return nil, usageError{pricing.Errorf("give --month, or --from and --to, not both")}
		}
		m, err := parse("month", f.month)
		return []pricing.Month{m}, err
	}
	var first, last pricing.Month
	var err error
	if f.from != "" {
		if first, err = parse("from", f.from); err != nil {
			return nil, err
		}
	}
	if f.to != "" {
		if last, err = parse("to", f.to); err != nil {
			return nil, err
		}
	}
	if f.from == "" && f.to == "" {
		return all, nil
	}
	if len(all) == 0 && (f.from == "" || f.to == "") {
		return nil, usageError{pricing.Errorf("give both --from and --to")}
	}
	if f.from == "" {
		first = all[0]
	}
	if f.to == "" {
		last = all[len(all)-1]
	}
	if last < first {
		return nil, usageError{pricing.Errorf("--to %s is before --from %s", last, first)}
	}
	if last-first >= 1200 {
		return nil, usageError{pricing.Errorf("--from %s --to %s spans more than 100 years", first, last)}
	}
	var ms []pricing.Month
	for m := first; m <= last; m++ {
		ms = append(ms, m)
	}
	return ms, nil
}
