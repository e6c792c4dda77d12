package main

import (
	"regexp"
	"strings"

	"github.com/spf13/cobra"
)

// exitOne is, by command, what exit status 1 means for it, in English and
// Chinese; a command absent never exits 1. The root lists every meaning.
// Each command's help ends with its own EXIT STATUS (#27 item 17: quote
// listed "check and lint findings").
var exitOne = map[string][2]string{
	"alprice average": {"a month's average is not final (a month with gaps or in progress:\n     stderr names the days missing), or disagrees with --official",
		"某月均价不是最终值(有缺漏或尚未结束的月份:标准错误写明缺少哪些日子),或与 --official 不一致"},
	"alprice settle": {"a row was rejected (--skip-invalid), or a statement could not be priced\n     (no quotes for its benchmark month): the output and stderr say which",
		"有行被剔除(--skip-invalid),或有结算单无法定价(基准月份无报价):输出和标准错误会写明"},
	"alprice report": {"a statement could not be priced: it is in no figure, and stderr says which",
		"有结算单无法定价:未计入任何数字,标准错误会写明"},
	"alprice quotes check": {"a problem was found in the file: the output lists it", "报价文件中发现问题:输出会列出"},
}

// exitTwo is, by command, what exit status 2 adds to a usage or input
// error; a command absent has usage and input errors alone.
var exitTwo = map[string][2]string{
	"alprice":              {", or pricing on a benchmark month not complete (every trading\n     day quoted, or declared without a quote) without --provisional", ",或未加 --provisional 却按不完整(每个交易日都有报价或已声明无报价\n     才算完整)的基准月份定价"},
	"alprice quote":        {", or pricing on a benchmark month not complete without --provisional", ",或未加 --provisional 却按不完整的基准月份定价"},
	"alprice settle":       {", or pricing on a benchmark month not complete without --provisional", ",或未加 --provisional 却按不完整的基准月份定价"},
	"alprice report":       {", or pricing on a benchmark month not complete without --provisional", ",或未加 --provisional 却按不完整的基准月份定价"},
	"alprice quotes fetch": {", or the site failed, answered what was not expected, or contradicted\n     itself: nothing was added to the store", ",或网站失败、应答不符合预期或自相矛盾:报价库未作任何改动"},
}

// exitStatusSection is the EXIT STATUS section of the command at path, in
// English (zh false) or Chinese.
func exitStatusSection(path string, zh bool) string {
	l := 0
	if zh {
		l = 1
	}
	var b strings.Builder
	say := func(en, cn string) {
		if zh {
			b.WriteString(cn)
		} else {
			b.WriteString(en)
		}
	}
	say("\n\nEXIT STATUS\n  0  success\n", "\n\n退出状态\n  0  成功\n")
	if path == "alprice" {
		say("  1  a discrepancy or a policy violation was found, or a figure is not available (the\n"+
			"     output and stderr say which): check and lint findings, settle --skip-invalid with a\n"+
			"     rejected row, an average not final (a month with gaps or in progress) or that\n"+
			"     disagrees with --official, a month table, settle or report could not price\n",
			"  1  发现差异或违反政策之处,或某个数字无法给出(输出和标准错误会写明):check 和 lint\n"+
				"     的问题、settle --skip-invalid 剔除了行、月均价不是最终值(有缺漏或尚未结束的月份)\n"+
				"     或与 --official 不一致、table、settle 或 report 有月份无法定价\n")
	} else if one, ok := exitOne[path]; ok {
		b.WriteString("  1  " + one[l] + "\n")
	}
	say("  2  usage or input error", "  2  用法或输入错误")
	if more := exitTwo[path][l]; more != "" {
		b.WriteString(more + ":\n     ")
	} else {
		say(": ", ":")
	}
	say("nothing was written to stdout or --out\n", "标准输出和 --out 都未写入任何内容\n")
	say("  3  a bug in alprice itself: please report it\n", "  3  alprice 自身的程序错误:请报告\n")
	say("  130, 143  interrupted by SIGINT (Ctrl-C) or SIGTERM: an existing --out file is left as it was",
		"  130, 143  被 SIGINT(Ctrl-C)或 SIGTERM 中断:已有的 --out 文件保持原样")
	return b.String()
}

// withOwnExitStatus returns long, the help of the command at path, ending
// with the command's own EXIT STATUS: in place of the shared section, or
// added where there is none (completion, whose help is cobra's). A help
// with a section of its own words (check, lint, table, trueup) is kept.
func withOwnExitStatus(path, long string, zh bool) string {
	shared, heading := exitStatusHelp, "EXIT STATUS"
	if zh {
		shared, heading = exitStatusHelpZH, "退出状态"
	}
	if trimmed, ok := strings.CutSuffix(long, shared); ok {
		return trimmed + exitStatusSection(path, zh)
	}
	if strings.Contains(long, heading) {
		return long
	}
	return strings.TrimRight(long, "\n") + exitStatusSection(path, zh)
}

// ownExitStatus gives every command of root its own EXIT STATUS in its
// English help, the default completion command made now to get one too.
func ownExitStatus(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Name() != "help" {
			c.Long = withOwnExitStatus(c.CommandPath(), c.Long, false)
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// exitCode is the start of an entry of an EXIT STATUS section: its
// status, or statuses, then two spaces.
var exitCode = regexp.MustCompile(`^  (\d+(?:, \d+)*)  (.*)$`)

// manExitStatus returns long with its EXIT STATUS section in the Markdown
// a man page is made from: a section of its own, one list item a status,
// so that man shows a list, not the lines run together as a paragraph.
func manExitStatus(long string) string {
	head, section, ok := strings.Cut(long, "\n\nEXIT STATUS\n")
	if !ok {
		return long
	}
	var items []string
	for _, line := range strings.Split(section, "\n") {
		if m := exitCode.FindStringSubmatch(line); m != nil {
			items = append(items, "- **"+m[1]+"** "+m[2])
		} else if len(items) > 0 && strings.TrimSpace(line) != "" {
			items[len(items)-1] += " " + strings.TrimSpace(line)
		}
	}
	return head + "\n\n# EXIT STATUS\n\n" + strings.Join(items, "\n") + "\n"
}
