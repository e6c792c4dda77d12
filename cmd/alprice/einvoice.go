package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"alprice/cmd/alprice/internal/files"
	"alprice/pricing"
	"alprice/pricing/einvoice"
)

// einvoiceFlags are the flags of the batch-issuing file that settle and
// trueup share.
type einvoiceFlags struct {
	path     string // --einvoice FILE.xlsx
	template string // --einvoice-template FILE.xlsx: a newer blank from the platform
}

// check checks the flags before anything is read.
func (f *einvoiceFlags) check() error {
	if f.path != "" && !strings.EqualFold(filepath.Ext(f.path), ".xlsx") {
		return usageError{pricing.Errorf("--einvoice %s: the batch-issuing file is a workbook: name it .xlsx", f.path)}
	}
	if f.template != "" && f.path == "" {
		return usageError{pricing.Errorf("--einvoice-template fills the file --einvoice names: give --einvoice FILE.xlsx too")}
	}
	return nil
}

// openTemplate opens the blank to fill: --einvoice-template's, else the
// official V260401 embedded in alprice.
func (a *app) openTemplate(path string) (*einvoice.Template, error) {
	if path == "" {
		return einvoice.DefaultTemplate()
	}
	b, err := a.readAllInput("einvoice-template", path)
	if err != nil {
		return nil, err
	}
	return einvoice.OpenTemplate(bytes.NewReader(b), int64(len(b)), inputName(path))
}

// einvoiceFile is one batch-issuing file written: its name, how many
// invoices and detail lines it holds, and their totals.
type einvoiceFile struct {
	name            string
	invoices, lines int
	pricing.Amounts // 价税合计, 金额 and 税额 of its lines
}

// writeEInvoices checks e-invoices against the platform's rules and the
// template's limits, then fills them into copies of the template: path,
// and beyond MaxBatchLines detail lines path-2.xlsx, path-3.xlsx and on.
// Nothing is written unless every file can be. It says on stderr which
// template version it filled, and returns the files written.
func (a *app) writeEInvoices(f einvoiceFlags, invs []einvoice.EInvoice) ([]einvoiceFile, error) {
	tpl, err := a.openTemplate(f.template)
	if err != nil {
		return nil, err
	}
	if err := einvoice.CheckEInvoices(invs); err != nil {
		return nil, err
	}
	batches := einvoice.Batches(invs)
	if len(batches) > maxEInvoiceFiles {
		if err := tpl.Check(invs); err != nil {
			return nil, err
		}
		return nil, usageError{pricing.Errorf("--einvoice %s: would take %d batch-issuing files; one run writes at most %d: settle fewer agreements or months at a time", f.path, len(batches), maxEInvoiceFiles)}
	}
	// Each file through its temporary file, renamed only once every later
	// one is filled too (WriteFiles nests them), so that no file is held in
	// memory and none is put in place unless every one can be; checked
	// against the template's limits as they are filled, the first error
	// Template.Check's all the same.
	err = tpl.WriteFiles(invs, func(i int, fill func(io.Writer) error) error {
		return a.output.writeWith(files.SeriesName(f.path, i+1), fill)
	})
	if err != nil {
		return nil, err
	}
	var written []einvoiceFile
	for i, batch := range batches {
		file := einvoiceFile{name: files.SeriesName(f.path, i+1), invoices: len(batch), Amounts: pricing.ZeroAmounts()}
		for _, inv := range batch {
			for _, l := range inv.Lines {
				file.lines++
				file.AmountExclVAT = file.AmountExclVAT.Add(l.AmountExclVAT)
				file.VAT = file.VAT.Add(l.VAT)
			}
		}
		file.Amount = file.AmountExclVAT.Add(file.VAT)
		written = append(written, file)
	}
	if !a.quiet {
		source := a.lang.T("the official V260401 embedded in alprice", "alprice 内置的官方 V260401")
		if !tpl.Embedded() {
			source = f.template
		}
		where := f.path
		if len(written) > 1 {
			where = fmt.Sprintf(a.lang.T("%s and %d more files", "%s 等 %d 个文件"), f.path, len(written)-1)
		}
		fmt.Fprintf(a.err, a.lang.T("alprice: %s: %d invoices filled into the batch-issuing template %s (%s)\n",
			"alprice:%s:%d 张发票,填入批量开票模板 %s(%s)\n"), where, len(invs), tpl.Version(), source)
	}
	return written, nil
}
