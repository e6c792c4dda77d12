package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"alprice/cmd/alprice/i18n"
	"alprice/pricing"
	"alprice/pricing/settle"
)

// version is the release, set at build time with
// -ldflags "-X main.version=v1.2.3"; otherwise the module version from the
// build information is used.
var version string

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// errFound is returned by a command that has written its output and found
// a discrepancy or a policy violation: exit status 1, no further message.
var errFound = pricing.Errorf("found a discrepancy or a policy violation")

// foundError is errFound with what was found or could not be worked out,
// which exitStatus says on stderr: every exit 1 says why, whatever the
// format and wherever the output went.
type foundError struct{ what error }

func (e foundError) Error() string        { return e.what.Error() }
func (e foundError) Is(target error) bool { return target == errFound }
func (e foundError) Unwrap() error        { return e.what }

// found returns errFound saying what.
func found(what error) error { return foundError{what} }

// foundAll returns errFound saying each of what, one a line.
func foundAll(what []error) error {
	if len(what) == 1 {
		return found(what[0])
	}
	return found(errors.Join(what...))
}

// usageError is a mistake in how the command was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// Marked makes usageError a pricing.Marker: it adds no words.
func (e usageError) Marked() error { return e.err }

// exitStatusHelp is the EXIT STATUS section every command's help ends with.
const exitStatusHelp = `

EXIT STATUS
  0  success
  1  a discrepancy or a policy violation was found, or a figure is not available (the
     output and stderr say which): check and lint findings, settle --skip-invalid with a
     rejected row, an average not final (a month with gaps or in progress) or that
     disagrees with --official, a month table, settle or report could not price
  2  usage or input error, or pricing on a benchmark month not complete (every trading
     day quoted, or declared without a quote) without --provisional: nothing was
     written to stdout or --out
  3  a bug in alprice itself: please report it
  130, 143  interrupted by SIGINT (Ctrl-C) or SIGTERM: an existing --out file is left as it was`

// run runs alprice with args and returns the exit status. It is main
// without the process: tests call it with their own streams.
//
// The first SIGINT or SIGTERM, in any phase — reading a slow input,
// computing, writing --out — stops the run at once: any temporary output
// file is removed, an existing --out file is left as it was, one line says
// so, and the process exits 130 (SIGINT) or 143 (SIGTERM), as a shell
// reports a process killed by the signal.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	completing := len(args) > 0 && strings.HasPrefix(args[0], cobra.ShellCompRequestCmd)
	if completing {
		stdout = unquoted{stdout}
	}
	a := &app{in: stdin, out: stdout, err: stderr, getenv: getenv, lang: i18n.LangOfRun(args, getenv)}
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)
	interruptsHandled()
	finished := make(chan struct{})
	defer close(finished)
	go func() {
		select {
		case sig := <-signals:
			a.output.interrupt()
			a.work.remove()
			name, status := "SIGINT", 130
			if sig == syscall.SIGTERM {
				name, status = "SIGTERM", 143
			}
			fmt.Fprintf(stderr, a.lang.T("alprice: interrupted by %s; no output file was written\n", "alprice:被 %s 中断;未写入输出文件\n"), name)
			exitProcess(status)
		case <-finished:
		}
	}()
	a.signals = signals
	return a.execute(context.Background(), args, completing)
}

// execute runs the command tree on args with ctx and returns the exit
// status, saying errors and warnings on the app's stderr: run without the
// process's signals, which serve calls once for each request.
func (a *app) execute(ctx context.Context, args []string, completing bool) int {
	root := newRootCmd(a)
	if completing && a.lang == i18n.Chinese {
		sayHelpInChinese(root) // the descriptions of commands and flags a shell shows
	}
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	a.work.remove()
	status := a.exitStatus(a.err, cmd, sayFileError(a, unknownCommand(cmd, err)))
	if status < 2 {
		a.sayWarnings(a.err)
	}
	return status
}

// statusBug is the exit status of a bug in alprice itself: a promise of
// the code broken, whatever the input (pricing.BugError).
const statusBug = 3

// exitStatus maps the outcome of a command to the exit status, printing
// the error in the user's language: 0 success, 1 something found, 2 usage
// or input error, 3 a bug of alprice's.
func (a *app) exitStatus(stderr io.Writer, cmd *cobra.Command, err error) int {
	l := a.lang
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errFound):
		var f foundError
		if errors.As(err, &f) {
			for _, line := range strings.Split(l.SayError(f.what), "\n") {
				fmt.Fprintf(stderr, "%s%s\n", l.T("alprice: ", "alprice:"), printable(line))
			}
		}
		return 1
	case errors.Is(err, settle.ErrNoDeliveries):
		// Nothing to bill is not a bad input: a job notices by the status.
		fmt.Fprintf(stderr, "alprice: %s\n", printable(l.SayError(err)))
		return 1
	case errors.Is(err, errInterrupted):
		// The interrupt handler has said so and is ending the process.
		select {}
	}
	var bug *pricing.BugError
	if errors.As(err, &bug) {
		fmt.Fprintf(stderr, "alprice: %s\n", printable(l.SayError(bug)))
		return statusBug
	}
	var (
		list    pricing.ErrorList
		rows    *pricing.BadRowsError
		partial pricing.PartialMonthsError
	)
	switch {
	case errors.As(err, &rows):
		fmt.Fprintf(stderr, l.T("alprice: error: %s has %s; nothing was settled (--skip-invalid settles the good rows and lists the bad):\n",
			"alprice:错误:%s 有 %s;未作任何结算(--skip-invalid 结算无误的行并列出有误的行):\n"),
			printable(rows.Source), l.Count(rows.Rows, "bad row", "行有误"))
		printProblems(l, stderr, rows.Problems)
	case errors.As(err, &partial):
		fmt.Fprintf(stderr, l.T("alprice: error: %s priced on a benchmark month not yet complete; nothing was settled:\n",
			"alprice:错误:%s 的基准月份尚未结束;未作任何结算:\n"), l.Count(len(partial), "statement", "张结算单"))
		for _, e := range partial {
			fmt.Fprintf(stderr, "  %s\n", printable(l.SayError(e)))
		}
	case errors.As(err, &list) && len(list) > 1:
		fmt.Fprintf(stderr, l.T("alprice: error: %d problems in the input; nothing was computed:\n", "alprice:错误:输入中有 %d 处问题;未作任何计算:\n"), len(list))
		printProblems(l, stderr, list)
	default:
		fmt.Fprintf(stderr, l.T("alprice: error: %s\n", "alprice:错误:%s\n"), printable(l.SayError(err)))
	}
	if errors.Is(err, pricing.ErrPartialMonth) {
		fmt.Fprintln(stderr, partialHint(l, cmd, err))
	}
	var usage usageError
	if errors.As(err, &usage) {
		fmt.Fprintf(stderr, l.T("Run '%s --help' for usage.\n", "用法见 '%s --help'。\n"), cmd.CommandPath())
	}
	return 2
}

// partialHint says what to do about a benchmark month not complete: wait
// for it, add or declare its missing days, or — where the command has the
// flag — price provisionally, naming what that would price on.
func partialHint(l i18n.Lang, cmd *cobra.Command, err error) string {
	var e *pricing.PartialMonthError
	errors.As(err, &e)
	wait := l.T("Wait for the month to close", "请等该月结束")
	if e != nil && e.Status == pricing.Gaps {
		wait = l.T("Add the missing days (alprice quotes add), or declare those Changjiang published no quote for (--none)",
			"请补录缺少的日子(alprice quotes add),或声明长江未报价的日子(--none)")
	}
	if cmd == nil || cmd.Flags().Lookup("provisional") == nil {
		return wait + l.T(", and run this again: it needs the final price.", ",然后再运行:这里需要最终价格。")
	}
	switch {
	case e != nil && e.Basis == pricing.BasisPrevious:
		return wait + fmt.Sprintf(l.T(", or give --provisional to price on %s's final average, the agreement's provisional basis.",
			",或给出 --provisional,按协议的暂定价依据 %s 最终均价定价。"), e.Month-1)
	case e != nil:
		return wait + fmt.Sprintf(l.T(", or give --provisional to price on the %d trading days quoted so far.",
			",或给出 --provisional,按至今已报价的 %d 个交易日定价。"), e.Days)
	}
	return wait + l.T(", or give --provisional to price provisionally.", ",或给出 --provisional 计算暂定价。")
}

// sayUnknownHelpTopics makes "alprice help nosuch" an error like any
// unknown command, in the user's language and with the nearest command,
// instead of cobra's English line and usage.
func sayUnknownHelpTopics(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	help, _, _ := root.Find([]string{"help"})
	topic := help.Run
	help.Run = nil
	help.RunE = func(c *cobra.Command, args []string) error {
		if cmd, _, err := c.Root().Find(args); cmd == nil || err != nil {
			return notACommand(c.Root(), strings.Join(args, " "), c.Root().Name())
		}
		topic(c, args)
		return nil
	}
}

// cobraUnknown is cobra's error for an argument that names no command.
var cobraUnknown = regexp.MustCompile(`^unknown command "(.*)" for "(.*)"`)

// unknownCommand says cobra's "unknown command" error as alprice says its
// errors, in the user's language, with the nearest command when one is
// near; other errors are returned as they are.
func unknownCommand(cmd *cobra.Command, err error) error {
	m := cobraUnknown.FindStringSubmatch(errString(err))
	if m == nil {
		return err
	}
	return notACommand(cmd, m[1], m[2])
}

// notACommand is the error of arg, which names no command of path (cmd),
// naming the nearest one when one is near.
func notACommand(cmd *cobra.Command, arg, path string) error {
	if near := cmd.SuggestionsFor(arg); len(near) > 0 {
		// cobra lists them by name; the nearest is meant ("setle" is
		// settle, not serve).
		slices.SortStableFunc(near, func(x, y string) int { return editDistance(arg, x) - editDistance(arg, y) })
		return usageError{pricing.Errorf("%q is not a command of %s: did you mean %s?", arg, path, near[0])}
	}
	return usageError{pricing.Errorf("%q is not a command of %s", arg, path)}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "alprice",
		Short: "Price molten aluminium (铝液) the way the Changji Prefecture policy requires",
		Long: `alprice prices molten aluminium (铝液) supplied by an electrolytic-aluminium
smelter to downstream processors, under clause 2 of the Changji Prefecture policy
(《昌吉州关于推进铝下游产业高质量发展的实施意见(试行)》):

  price per tonne = Changjiang Nonferrous A00 spot monthly average (rule 2.1)
                  - transport (2.2) - ingot casting, burn loss, other agreed fees (2.3)
                  - coal price pass-through + agreed premiums, all stated in the agreement (2.4)

and the bill is the unit price times the weight delivered at the buyer's end
(终端实际到位量, rule 2.6), never the weight tapped at the smelter.

Money is exact decimal arithmetic; every rounding is half away from zero
(四舍五入) to a stated scale. See the README for the rounding rules.` + exitStatusHelp,
		Annotations: chinese("按昌吉州政策为铝液定价", `alprice 为电解铝企业向下游加工企业供应的铝液定价,依据昌吉州政策第二条
(《昌吉州关于推进铝下游产业高质量发展的实施意见(试行)》):

  每吨价格 = 长江有色金属网 A00 现货月均价(第 2.1 条)
             - 运费(2.2) - 铝锭铸造费、烧损及其他约定费用(2.3)
             - 煤价让利 + 约定上浮,均在协议中写明(2.4)

货款 = 单价 × 终端实际到位量(第 2.6 条),而非出厂重量。

金额按精确十进制计算;每次取整都是四舍五入到写明的位数。取整规则见 README。`+exitStatusHelpZH),
		Example: `  alprice quote --a00 24389 --transport 600 --casting 150 --burn-loss 0.6% --weight 31.25
  alprice average --quotes testdata/quotes-2026-h1.csv --month 2026-03
  alprice table --agreements testdata/agreements.yaml --quotes testdata/quotes-2026-h1.csv --out prices.xlsx
  alprice settle --agreements testdata/agreements.yaml --quotes testdata/quotes-2026-h1.csv \
                 --deliveries testdata/deliveries-2026-03.csv
  alprice check --agreements A.yaml --quotes Q.csv --deliveries D.csv --invoices I.csv
  alprice lint --agreements testdata/agreements.yaml`,
		Version:           buildVersion(),
		SilenceUsage:      true,
		SilenceErrors:     true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error { return a.setup(cmd, args) },
	}
	root.SetIn(a.in)
	root.SetOut(a.out)
	root.SetErr(a.err)
	root.SetFlagErrorFunc(flagErrorWithSuggestion)
	a.bindGlobalFlags(root)
	// Made now, not as cobra runs: cobra strips flags to find the command
	// before it adds them, and would take "--help --lang zh" for a
	// command zh.
	root.InitDefaultHelpFlag()
	root.InitDefaultVersionFlag()
	englishHelp := root.HelpFunc()
	root.SetHelpFunc(func(cmd *cobra.Command, args []string) {
		if a.lang == i18n.Chinese {
			sayHelpInChinese(cmd.Root())
		}
		englishHelp(cmd, args)
	})
	root.AddCommand(newQuoteCmd(a), newAverageCmd(a), newTableCmd(a), newSettleCmd(a), newCheckCmd(a), newTrueupCmd(a), newLintCmd(a), newReportCmd(a), newQuotesCmd(a), newDocsCmd(a), newServeCmd(a))
	registerCompletions(root)
	ownExitStatus(root)
	sayUnknownHelpTopics(root)
	root.SetVersionTemplate(a.lang.T("{{.Name}} version {{.Version}}\n", "{{.Name}} 版本 {{.Version}}\n"))
	return root
}

// printable escapes, line by line, every character of a message that could
// act on a terminal (pricing.Printable): messages repeat inputs.
func printable(message string) string {
	lines := strings.Split(message, "\n")
	for i, l := range lines {
		lines[i] = pricing.Printable(l)
	}
	return strings.Join(lines, "\n")
}

// maxProblemsShown bounds the problems printed on stderr: a wholly wrong
// file of a million rows should not print a million lines.
const maxProblemsShown = 1000

// printProblems says the problems of list in l, one a line, at most
// maxProblemsShown.
func printProblems(l i18n.Lang, w io.Writer, list pricing.ErrorList) {
	for i, e := range list {
		if i == maxProblemsShown {
			fmt.Fprintf(w, l.T("  … and %d more\n", "  …… 另有 %d 处\n"), len(list)-i)
			return
		}
		fmt.Fprintf(w, "  %s\n", printable(l.SayError(e)))
	}
}
