package main

import (
	"fmt"

	"github.com/spf13/pflag"

	"alprice/pricing"
)

// quotesFlags are the flags that name a quotes file.
type quotesFlags struct {
	path     string
	encoding string
}

func (f *quotesFlags) bind(fs *pflag.FlagSet, required bool) {
	usage := "Changjiang A00 daily quotes `FILE` (CSV); - for stdin"
	if !required {
		usage += "; with --month, the benchmark is that month's average"
	}
	fs.StringVar(&f.path, "quotes", "", usage)
	fs.StringVar(&f.encoding, "encoding", "auto", "text `ENCODING` of the CSV inputs: auto, utf-8 or gbk")
}

// read reads the quotes file, reporting its warnings and excluded rows on
// stderr.
func (f *quotesFlags) read(a *app) (*pricing.Quotes, error) {
	if f.path == "" {
		return nil, usageError{fmt.Errorf("give the daily quotes with --quotes FILE")}
	}
	enc, err := parseEncodingFlag(f.encoding)
	if err != nil {
		return nil, err
	}
	r, err := a.open("quotes", f.path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	q, err := pricing.ReadQuotes(r, inputName(f.path), enc)
	if err != nil {
		return nil, err
	}
	for _, n := range q.Excluded {
		a.warn("%s:%d: excluded from the averages: %s", q.Source, n.Line, n.Why)
	}
	for _, n := range q.Warnings {
		a.warn("%s:%d: %s", q.Source, n.Line, n.Why)
	}
	return q, nil
}

func parseEncodingFlag(s string) (pricing.Encoding, error) {
	enc, err := pricing.ParseEncoding(s)
	if err != nil {
		return "", flagError("encoding", s, err)
	}
	return enc, nil
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
			return nil, usageError{fmt.Errorf("give --month, or --from and --to, not both")}
		}
		m, err := parse("month", f.month)
		return []pricing.Month{m}, err
	}
	if f.from == "" && f.to == "" {
		return all, nil
	}
	if len(all) == 0 && (f.from == "" || f.to == "") {
		return nil, usageError{fmt.Errorf("give both --from and --to")}
	}
	var first, last pricing.Month
	var err error
	if f.from == "" {
		first = all[0]
	} else if first, err = parse("from", f.from); err != nil {
		return nil, err
	}
	if f.to == "" {
		last = all[len(all)-1]
	} else if last, err = parse("to", f.to); err != nil {
		return nil, err
	}
	if last < first {
		return nil, usageError{fmt.Errorf("--to %s is before --from %s", last, first)}
	}
	if last-first >= 1200 {
		return nil, usageError{fmt.Errorf("--from %s --to %s spans more than 100 years", first, last)}
	}
	var ms []pricing.Month
	for m := first; m <= last; m++ {
		ms = append(ms, m)
	}
	return ms, nil
}
