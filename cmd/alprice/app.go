package main

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"alprice/cmd/alprice/i18n"
	"alprice/cmd/alprice/report"
	"alprice/pricing"
)

// app holds what every command shares: the injected streams and
// environment, and the global flags.
type app struct {
	in     io.Reader
	out    io.Writer
	err    io.Writer
	getenv func(string) string

	format   string    // --format, or the one --out implies
	langFlag string    // --lang
	outFile  string    // --out
	bom      bool      // --bom
	lang     i18n.Lang // resolved from --lang or the locale

	output  outputGuard // writes --out, the other outputs and the store, and stops for an interrupt
	work    workDir     // excelize's temporary files, removed when the run ends
	command string      // "alprice quotes add": what the run is, for the store's lock

	verbose, quiet bool              // --verbose, --quiet
	warnings       []string          // said once the run has worked
	quotesRead     []*pricing.Quotes // whose notes about the months priced are said then too
	priced         []pricing.Month   // the benchmark months the run priced on (pricedOn)

	memory  map[string][]byte // inputs held in memory by name (serve's uploads), read before any file
	signals chan os.Signal    // run's interrupt handler's, which serve stops to shut down gracefully
}

var formats = []string{"table", "json", "csv", "markdown", "xlsx", "html"}

// formatByExtension is the format an --out file's extension implies.
var formatByExtension = map[string]string{".json": "json", ".csv": "csv", ".md": "markdown", ".xlsx": "xlsx", ".txt": "table", ".html": "html"}

// knownExtensions lists the extensions of formatByExtension.
func knownExtensions() string {
	return strings.Join(slices.Sorted(maps.Keys(formatByExtension)), ", ")
}

func (a *app) bindGlobalFlags(root *cobra.Command) {
	pf := root.PersistentFlags()
	pf.StringVar(&a.format, "format", "", "output `FORMAT`: "+strings.Join(formats, ", ")+" (default: from the --out extension, else table; never one the extension contradicts)")
	pf.StringVar(&a.langFlag, "lang", "", "language of labels, `zh|en` (default: zh when LC_ALL, LC_MESSAGES or LANG starts with zh; none set, as on Windows: the user's display language)")
	pf.StringVarP(&a.outFile, "out", "o", "", "write the output to `FILE` through a temporary file renamed into place")
	pf.BoolVar(&a.verbose, "verbose", false, "list every warning, not a summary of repeated ones")
	pf.BoolVar(&a.quiet, "quiet", false, "say no warnings")
	pf.BoolVar(&a.bom, "bom", false, "start CSV with a UTF-8 byte order mark, so that Excel on Chinese Windows reads it right (no effect on other formats: said)")
}

// setup checks the global flags once the command line is parsed, and
// the plan of the files the run touches.
func (a *app) setup(cmd *cobra.Command, args []string) error {
	a.command = cmd.CommandPath()
	if err := a.planFiles(cmd, args); err != nil {
		return err
	}
	formatGiven := a.format != ""
	if a.format == "" {
		a.format = "table"
		if ext := strings.ToLower(filepath.Ext(a.outFile)); a.toFile() {
			f, ok := formatByExtension[ext]
			if !ok {
				return usageError{pricing.Errorf("--out %s: %q is not an extension alprice writes (%s); give --format to write it anyway", a.outFile, ext, knownExtensions())}
			}
			a.format = f
		}
	}
	if !slices.Contains(formats, a.format) {
		return usageError{pricing.Errorf("--format %q: choose one of %s", a.format, strings.Join(formats, ", "))}
	}
	if a.format == "xlsx" && !a.toFile() {
		return usageError{pricing.Errorf("--format xlsx writes a workbook: give --out FILE.xlsx")}
	}
	a.lang = i18n.LangFromEnv(a.getenv)
	if a.langFlag != "" {
		l, ok := i18n.ParseLang(a.langFlag)
		if !ok {
			return usageError{pricing.Errorf("--lang %q: choose zh or en", a.langFlag)}
		}
		a.lang = l
	}
	return a.checkFormatFlags(cmd, formatGiven)
}

// result is what a command shows: a document for people's formats and CSV,
// and a value for JSON; only the one the format needs is made.
type result struct {
	doc  func() report.Doc
	json func() any
	html func() (report.HTML, error) // a printed document of its own (documents.go); nil for the doc laid out as HTML
	fit  bool                        // its text tables fit a terminal on stdout (settle and check without --wide)
}

// pricedOn records benchmark months the run priced on (or showed), whose
// quotes' excluded rows and warnings it says.
// Each month is kept once: a table of many agreements prices on the same
// months again and again.
func (a *app) pricedOn(months ...pricing.Month) {
	for _, m := range months {
		if !slices.Contains(a.priced, m) {
			a.priced = append(a.priced, m)
		}
	}
}

// warn keeps a warning, said on stderr once the run has worked: when it
// fails, its error is said last and alone.
func (a *app) warn(format string, args ...any) {
	a.warnings = append(a.warnings, fmt.Sprintf(format, args...))
}

// maxRepeats is how many warnings of one kind are listed before the rest
// are summed up (unless --verbose).
const maxRepeats = 3

// sayWarnings says the warnings of a run that worked: about the quotes
// files, only the rows of the months it used, repeats summed up; the
// years without a holiday schedule; then the others.
func (a *app) sayWarnings(w io.Writer) {
	if a.quiet {
		return
	}
	prefix := a.lang.T("alprice: warning: ", "alprice:警告:")
	say := func(s string) { fmt.Fprintf(w, "%s%s\n", prefix, printable(s)) }
	for _, q := range a.quotesRead {
		excluded, warnings := q.NotesOf(a.priced)
		for _, group := range [][]pricing.Note{excluded, warnings} {
			count := map[string]int{}
			for _, n := range group {
				count[n.Why.Code]++
			}
			shown := map[string]int{}
			for _, n := range group {
				code := n.Why.Code
				if !a.verbose && count[code] > maxRepeats {
					if shown[code] == 0 {
						say(fmt.Sprintf(a.lang.T("%s:%d: %s, and %d more rows like it (--verbose lists them)", "%s:%d:%s,另有 %d 行同类(--verbose 列出)"),
							q.Source, n.Line, a.noteText(n), count[code]-1))
					}
					shown[code]++
					continue
				}
				say(fmt.Sprintf("%s:%d: %s", q.Source, n.Line, a.noteText(n)))
			}
		}
		for _, y := range q.Calendar.Unscheduled() {
			say(fmt.Sprintf(a.lang.T("no public holiday schedule for %d: every weekday is counted as a trading day; give --holidays FILE",
				"没有 %d 年的法定节假日安排:每个工作日都按交易日计;请用 --holidays FILE 补充"), y))
		}
	}
	for _, s := range a.warnings {
		say(s)
	}
}

// noteText says a note on a quotes row in the user's language.
func (a *app) noteText(n pricing.Note) string {
	text := a.lang.Say(n.Why)
	if n.Why.Code == "quote.weekend" || n.Why.Code == "quote.holiday" {
		return a.lang.T("excluded from the averages: ", "未计入月均价:") + text
	}
	return text
}
