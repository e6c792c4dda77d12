package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"alprice/cmd/alprice/internal/files"
	"alprice/pricing"
	"alprice/pricing/read"
)

// This file wires package files into every command: the plan of the files
// a run touches, checked before anything is read; the inputs opened
// within their limits; the outputs and the store written through the
// guard; the store's lock; the folder of excelize's temporary files; and
// the words of every files.Error.

// inputLimit is an input flag and the most bytes its file may hold.
type inputLimit struct {
	flag  string
	limit int64
}

// inputLimits are the flags that name input files, any of them "-" for
// stdin, with their limits (docs/reliability.md lists them). A flag
// absent from a command is skipped.
var inputLimits = []inputLimit{
	{"agreements", files.AgreementsLimit},
	{"quotes", files.StoreLimit},
	{"deliveries", files.StreamLimit},
	{"invoices", files.StreamLimit},
	{"production", files.StreamLimit},
	{"holidays", files.HolidaysLimit},
	{"einvoice-template", files.WorkbookLimit},
	{"SOURCE", files.QuoteSourceLimit}, // quotes import's arguments
	{"FILE", files.StoreLimit},         // quotes check's argument
	{"into", files.StoreLimit},         // the store, read before it is rewritten
}

// limitOf is the limit of the input a flag names.
func limitOf(flag string) int64 {
	for _, l := range inputLimits {
		if l.flag == flag {
			return l.limit
		}
	}
	return files.StreamLimit
}

// argFiles is the annotation of a command whose positional arguments are
// input files: its value names them as the usage does (SOURCE, FILE).
const argFiles = "alprice:arg-files"

// maxEInvoiceFiles is how many batch-issuing files one --einvoice may
// write (FILE.xlsx, FILE-2.xlsx, … FILE-100.xlsx): 200,000 detail lines,
// each name checked before anything is read.
const maxEInvoiceFiles = 100

// storeLockWait is how long a run waits for another's lock of the store
// before it gives up; after files.NotifyAfter it says who holds it.
var storeLockWait = time.Minute

// planFiles declares every file the command touches — each input flag and
// argument, --into, --out, --red-requests, and --einvoice with the
// numbered batch files it may write next — and checks the plan before
// anything is read: no output may name an input or another output, through
// any link; the store must be a regular file it may replace.
func (a *app) planFiles(cmd *cobra.Command, args []string) error {
	p := &files.Plan{}
	flags := cmd.Flags()
	value := func(name string) string {
		if f := flags.Lookup(name); f != nil {
			return f.Value.String()
		}
		return ""
	}
	for _, in := range inputLimits {
		f := flags.Lookup(in.flag)
		if f == nil || in.flag == "into" {
			continue
		}
		paths := []string{f.Value.String()}
		if many, ok := f.Value.(interface{ More() []string }); ok {
			paths = append(paths, many.More()...)
		}
		for _, path := range paths {
			if _, held := a.memory[path]; !held { // no output can overwrite what is in memory
				declareInput(p, in.flag, path)
			}
		}
	}
	if name := cmd.Annotations[argFiles]; name != "" {
		for _, path := range args {
			p.Input(name, path)
		}
	}
	p.Store("into", value("into"))
	p.Output("out", a.outFile)
	p.Output("red-requests", value("red-requests"))
	if path := value("einvoice"); path != "" {
		p.OutputSeries("einvoice", path, maxEInvoiceFiles)
	}
	if err := p.Check(); err != nil {
		return err
	}
	a.output.plan = p
	return nil
}

// declareInput declares the input path a flag names; a folder (of XML
// invoices, of CSV deliveries) is each of its XML and CSV files. An input
// that does not exist is
// left out: no output can destroy it, and reading it says it is missing,
// after the command has checked its own flags.
func declareInput(p *files.Plan, flag, path string) {
	if path != "" && path != "-" {
		if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
			return
		}
		if entries, err := os.ReadDir(path); err == nil {
			for _, e := range entries {
				if ext := filepath.Ext(e.Name()); !e.IsDir() && (strings.EqualFold(ext, ".xml") || strings.EqualFold(ext, ".csv")) {
					p.Input(flag, filepath.Join(path, e.Name()))
				}
			}
			return
		}
	}
	p.Input(flag, path)
}

// outputGuard writes the outputs and the store a run's plan declared,
// through a temporary file renamed into place; interrupt removes what is
// being written and stops every rename after it.
type outputGuard struct {
	files.Guard
	plan *files.Plan // nil before the plan is checked: nothing may be written
}

// write writes data to path, an output or the store of the plan.
func (g *outputGuard) write(path string, data []byte) error {
	return g.writeWith(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeWith writes path with what write writes.
func (g *outputGuard) writeWith(path string, write func(io.Writer) error) error {
	p := g.plan
	if p == nil {
		p = &files.Plan{}
	}
	return g.Write(p, path, write)
}

// interrupt stops every output in progress for good.
func (g *outputGuard) interrupt() { g.Interrupt() }

var errInterrupted = pricing.Errorf("interrupted")

// open opens the input file a flag names within its limit; "-" is stdin.
// An input held in memory (an upload to serve) is read from there, held
// to the same limit.
func (a *app) open(flag, path string) (io.ReadCloser, error) {
	if data, held := a.memory[path]; held {
		if limit := limitOf(flag); limit >= 0 && int64(len(data)) > limit {
			return nil, &files.Error{Kind: files.KindTooLarge, Flag: flag, Path: path, Limit: limit}
		}
		return memoryFile{bytes.NewReader(data)}, nil
	}
	return files.Open(flag, path, limitOf(flag), a.in)
}

// memoryFile is an input held in memory, which can seek like a file (the
// deliveries' duplicate check reads it twice).
type memoryFile struct{ *bytes.Reader }

func (memoryFile) Close() error { return nil }

// isFolder tells whether path names a folder on disk; an input held in
// memory never does.
func (a *app) isFolder(path string) bool {
	if _, held := a.memory[path]; held || path == "-" {
		return false
	}
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// readAllInput reads the whole input a flag names, within its limit.
func (a *app) readAllInput(flag, path string) ([]byte, error) {
	r, err := a.open(flag, path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return files.ReadAll(r, path, limitOf(flag))
}

// lockStore takes the store's lock for a read-merge-write, saying on
// stderr who holds it when the wait is long.
func (a *app) lockStore(ctx context.Context, path, command string) (unlock func() error, err error) {
	if ctx == nil {
		ctx = context.Background()
	}
	unlock, err = files.Lock(ctx, path, command, storeLockWait, func(h *files.Holder) {
		fmt.Fprintf(a.err, a.lang.T("alprice: --into %s: waiting for %s, which is updating the store\n", "alprice:--into %s:正在等待 %s 更新完报价库\n"),
			path, holderText(a, h))
	})
	var fe *files.Error
	if errors.As(err, &fe) && fe.Flag == "" {
		fe.Flag = "into"
	}
	return unlock, err
}

// readStore reads the store under its lock: a missing file is a new
// store, and a file whose rewrite would lose a column or a row is refused.
func (a *app) readStore(s *quoteStore) error {
	data, err := a.readAllInput("into", s.path)
	var fe *files.Error
	if errors.As(err, &fe) && fe.Kind == files.KindNotFound {
		return nil
	}
	if err != nil {
		return err
	}
	s.before = data
	s.quotes, err = read.ReadStore(data, s.path, s.cal)
	return err
}

// workDir is the run's own folder for excelize's temporary files (a large
// workbook unzips there), made when first asked for; removeWorkDir removes
// it with everything in it, when the run ends and on an interrupt.
type workDir struct {
	mu      sync.Mutex
	path    string
	removed bool
}

// get returns the folder, made when first asked for; "" if it cannot be
// made (excelize then uses the system's, as it would anyway).
func (d *workDir) get() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.path == "" && !d.removed {
		if p, err := os.MkdirTemp("", "alprice-"); err == nil {
			d.path = p
		}
	}
	return d.path
}

// remove removes the folder and stops any more being made.
func (d *workDir) remove() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.removed = true
	if d.path != "" {
		os.RemoveAll(d.path)
		d.path = ""
	}
}

// sayFileError says err in words when it is, or wraps, a *files.Error;
// other errors are returned as they are.
func sayFileError(a *app, err error) error {
	var fe *files.Error
	if !errors.As(err, &fe) {
		return err
	}
	what := flagPath(fe.Flag, fe.Path)
	switch fe.Kind {
	case files.KindSameFile:
		other := flagPath(fe.OtherFlag, fe.OtherPath)
		if isOutputFlag(fe.OtherFlag) {
			return usageError{pricing.Errorf("%s is the same file as %s: one run cannot write two outputs to one file; name another file", what, other)}
		}
		return usageError{pricing.Errorf("%s is the same file as %s: writing it would destroy the input; name another file", what, other)}
	case files.KindStdinTwice:
		return usageError{pricing.Errorf("%s and %s both read stdin (-); only one input can", flagText(fe.OtherFlag), flagText(fe.Flag))}
	case files.KindStdoutTwice:
		return usageError{pricing.Errorf("%s and %s both write to stdout (-); only one output can", flagText(fe.OtherFlag), flagText(fe.Flag))}
	case files.KindDash:
		return usageError{pricing.Errorf("%s: needs a file, not - (stdin or stdout)", what)}
	case files.KindSystemPath:
		return usageError{pricing.Errorf("%s: a device or a stream, not a file; write to stdout with --out - or no --out, or name a file", what)}
	case files.KindNotRegular:
		return usageError{pricing.Errorf("%s: is %s, not a regular file; name a file", what, fileTypeText(fe.Type))}
	case files.KindDangling:
		return usageError{pricing.Errorf("%s: is a symbolic link to %s, which does not exist; name the file itself", what, fe.Target)}
	case files.KindReadOnly:
		return usageError{pricing.Errorf("%s: is read-only, so it is not replaced; make it writable, or name another file", what)}
	case files.KindDirReadOnly:
		return usageError{pricing.Errorf("%s: the folder %s is read-only", what, fe.Target)}
	case files.KindNoDir:
		return usageError{pricing.Errorf("%s: the folder %s does not exist", what, fe.Target)}
	case files.KindNotFound:
		return pricing.Errorf("%s: %w", what, syscall.ENOENT)
	case files.KindTooLarge:
		return pricing.Errorf("%s: is larger than %d bytes, the limit of this input: refused, never cut short", what, fe.Limit)
	case files.KindLocked:
		return pricing.Errorf("%s: is being updated by %s; gave up after %s: run this again once it is done", what, holderText(a, fe.Holder), fe.Wait)
	case files.KindUndeclared:
		return pricing.Bugf("%s was written without being declared in the plan of files", fe.Path)
	case files.KindInterrupted:
		return errInterrupted
	}
	if fe.Err != nil {
		return pricing.Errorf("%s: %w", what, fe.Err)
	}
	return err
}

// flagPath names a file as the command line named it: "--into st.csv",
// "SOURCE page.html", or the path alone.
func flagPath(flag, path string) string {
	if flag == "" {
		return path
	}
	return flagText(flag) + " " + path
}

// flagText is a flag as typed, "--into"; an argument as its usage names it.
func flagText(flag string) string {
	if flag == strings.ToUpper(flag) {
		return flag
	}
	return "--" + flag
}

// isOutputFlag reports whether a flag names a file written only; the
// store, read first, is an input to destroy.
func isOutputFlag(flag string) bool {
	return flag == "out" || flag == "einvoice" || flag == "red-requests"
}

// fileTypeText says what a file is, with its article.
func fileTypeText(t files.FileType) error {
	switch t {
	case files.TypeDirectory:
		return pricing.Errorf("a folder")
	case files.TypeFIFO:
		return pricing.Errorf("a named pipe (FIFO)")
	case files.TypeDevice:
		return pricing.Errorf("a device")
	case files.TypeSocket:
		return pricing.Errorf("a socket")
	}
	return pricing.Errorf("something else")
}

// holderText says who holds the store's lock.
func holderText(a *app, h *files.Holder) string {
	if h == nil {
		return a.lang.T("another process", "另一个进程")
	}
	return fmt.Sprintf(a.lang.T("%[1]s (process %[2]d on %[3]s, since %[4]s)", "%[1]s(%[3]s 上的进程 %[2]d,自 %[4]s 起)"),
		h.Command, h.PID, h.Host, h.Since.Format(time.DateTime))
}
