package main

import (
	"fmt"
	"io"
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

	output outputGuard // writes --out, and stops for an interrupt
}

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
	if a.format == "xlsx" && !a.toFile() {
		return usageError{fmt.Errorf("--format xlsx writes a workbook: give --out FILE.xlsx")}
	}
	var stdin []string
	inputs := map[string]string{}
	for _, name := range inputFlags {
		if f := cmd.Flags().Lookup(name); f != nil {
			inputs[name] = f.Value.String()
			if f.Value.String() == "-" {
				stdin = append(stdin, "--"+name)
			}
		}
	}
	if len(stdin) > 1 {
		return usageError{fmt.Errorf("%s all read stdin (-); only one input can", strings.Join(stdin, " and "))}
	}
	if err := a.checkOut(inputs); err != nil {
		return err
	}
	for _, name := range outputFlags {
		if f := cmd.Flags().Lookup(name); f != nil && f.Value.String() != "" {
			if err := checkOutput(name, f.Value.String(), inputs); err != nil {
				return err
			}
		}
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
// and a value for JSON; only the one the format needs is made.
type result struct {
	doc  func() report.Doc
	json func() any
}

// warn prints a warning to stderr.
func (a *app) warn(format string, args ...any) {
	fmt.Fprintf(a.err, "alprice: warning: %s\n", printable(fmt.Sprintf(format, args...)))
}
