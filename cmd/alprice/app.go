package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"alprice/cmd/alprice/report"
)

// app holds what every command shares: the injected streams and
// environment, and the global flags.
type app struct {
	in     io.Reader
	out    io.Writer
	err    io.Writer
	getenv func(string) string

	format   string // --format, or the one --out implies
	langFlag string // --lang
	outFile  string // --out
	bom      bool   // --bom
	lang     lang   // resolved from --lang or the locale
}

// inputFlags are the flags that name input files; any one of them may be
// "-" for stdin.
var inputFlags = []string{"agreements", "quotes", "deliveries", "invoices"}

var formats = []string{"table", "json", "csv", "markdown", "xlsx"}

// formatByExtension is the format an --out file's extension implies.
var formatByExtension = map[string]string{".json": "json", ".csv": "csv", ".md": "markdown", ".xlsx": "xlsx"}

func (a *app) bindGlobalFlags(root *cobra.Command) {
	pf := root.PersistentFlags()
	pf.StringVar(&a.format, "format", "", "output `FORMAT`: "+strings.Join(formats, ", ")+" (default: from the --out extension, else table)")
	pf.StringVar(&a.langFlag, "lang", "", "language of labels, `zh|en` (default: zh when LC_ALL, LC_MESSAGES or LANG starts with zh)")
	pf.StringVarP(&a.outFile, "out", "o", "", "write the output to `FILE` through a temporary file renamed into place")
	pf.BoolVar(&a.bom, "bom", false, "start CSV with a UTF-8 byte order mark, so that Excel on Chinese Windows reads it right")
}

// setup checks the global flags once the command line is parsed.
func (a *app) setup(cmd *cobra.Command) error {
	if a.format == "" {
		a.format = "table"
		if f, ok := formatByExtension[strings.ToLower(filepath.Ext(a.outFile))]; ok {
			a.format = f
		}
	}
	if !slices.Contains(formats, a.format) {
		return usageError{fmt.Errorf("--format %q: choose one of %s", a.format, strings.Join(formats, ", "))}
	}
	if a.format == "xlsx" && a.outFile == "" {
		return usageError{fmt.Errorf("--format xlsx writes a workbook: give --out FILE.xlsx")}
	}
	var stdin []string
	for _, name := range inputFlags {
		if f := cmd.Flags().Lookup(name); f != nil && f.Value.String() == "-" {
			stdin = append(stdin, "--"+name)
		}
	}
	if len(stdin) > 1 {
		return usageError{fmt.Errorf("%s all read stdin (-); only one input can", strings.Join(stdin, " and "))}
	}
	a.lang = langFromEnv(a.getenv)
	if a.langFlag != "" {
		l, ok := parseLang(a.langFlag)
		if !ok {
			return usageError{fmt.Errorf("--lang %q: choose zh or en", a.langFlag)}
		}
		a.lang = l
	}
	return nil
}

// result is what a command shows: a document for people's formats and CSV,
// and a value for JSON.
type result struct {
	doc  report.Doc
	json any
}

// emit writes r in the chosen format to stdout, or to --out through a
// temporary file that is renamed into place only once complete.
func (a *app) emit(r result) error {
	var buf bytes.Buffer
	w := a.out
	if a.outFile != "" {
		w = &buf
	}
	var err error
	switch a.format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(r.json)
	case "csv":
		if a.bom {
			_, err = io.WriteString(w, "\uFEFF")
		}
		if err == nil {
			err = report.WriteCSV(w, r.doc)
		}
	case "xlsx":
		err = report.WriteXLSX(w, r.doc)
	case "markdown":
		err = report.WriteMarkdown(w, r.doc)
	default:
		err = report.WriteTable(w, r.doc)
	}
	if err != nil {
		return err
	}
	if a.outFile != "" {
		return writeFileAtomic(a.outFile, buf.Bytes())
	}
	return nil
}

// writeFileAtomic writes data to name through a temporary file in the same
// folder, renamed over name only once written and synced: a failure leaves
// any existing file untouched and no temporary file behind. A new file gets
// mode 0644; a replaced one keeps its mode.
func writeFileAtomic(name string, data []byte) (err error) {
	mode := os.FileMode(0o644)
	if info, statErr := os.Stat(name); statErr == nil {
		if !info.Mode().IsRegular() {
			return fmt.Errorf("--out %s: not a regular file", name)
		}
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return fmt.Errorf("--out %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("--out %s: %w", name, err)
	}
	if err = tmp.Chmod(mode); err != nil {
		return fmt.Errorf("--out %s: %w", name, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("--out %s: %w", name, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("--out %s: %w", name, err)
	}
	if err = os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("--out %s: %w", name, err)
	}
	return nil
}

// open opens the input file a flag names; "-" is stdin.
func (a *app) open(flag, path string) (io.ReadCloser, error) {
	if path == "-" {
		return io.NopCloser(a.in), nil
	}
	f, err := os.Open(path)
	if err != nil {
		var pathErr *os.PathError
		if errors.As(err, &pathErr) {
			err = pathErr.Err
		}
		return nil, fmt.Errorf("--%s %s: %w", flag, path, err)
	}
	return f, nil
}

// inputName is how messages name the input a flag names.
func inputName(path string) string {
	if path == "-" {
		return "<stdin>"
	}
	return path
}

// warn prints a warning to stderr.
func (a *app) warn(format string, args ...any) {
	fmt.Fprintf(a.err, "alprice: warning: "+format+"\n", args...)
}
