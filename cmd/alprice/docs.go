package main

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"alprice/pricing"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

type docsOptions struct {
	date string
}

func newDocsCmd(a *app) *cobra.Command {
	docs := &cobra.Command{
		Use:         "docs",
		Short:       "Write alprice's documentation",
		Long:        "Write alprice's documentation: man pages (docs man)." + exitStatusHelp,
		Annotations: chinese("生成 alprice 的文档", "生成 alprice 的文档:手册页(docs man)。"+exitStatusHelpZH),
		Example:     "  alprice docs man ./man",
		Args:        cobra.NoArgs,
		RunE:        func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	o := &docsOptions{}
	man := &cobra.Command{
		Use:   "man DIR",
		Short: "Write a man page for each command into DIR",
		Long: `Write a man page for alprice and each of its commands (section 1) into DIR.
The pages carry a fixed date, so that the same alprice writes the same pages:
--date, else $SOURCE_DATE_EPOCH, else 2026-01-01.` + exitStatusHelp,
		Annotations: chinese("把每个命令的手册页写入 DIR", `把 alprice 及其每个命令的手册页(第 1 节)写入 DIR。手册页(英文)带有固定
日期,同一个 alprice 总是写出相同的手册页:--date,否则 $SOURCE_DATE_EPOCH,
否则 2026-01-01。`+exitStatusHelpZH),
		Example: `  alprice docs man ./man && man ./man/alprice-settle.1`,
		Args:    exactArgs("DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDocsMan(cmd.Root(), a, o, args[0])
		},
	}
	man.Flags().StringVar(&o.date, "date", "", "the `YYYY-MM-DD` date the pages carry")
	docs.AddCommand(man)
	return docs
}

// manDate is the date the man pages carry: --date, else
// $SOURCE_DATE_EPOCH (reproducible builds), else a fixed day.
func (o *docsOptions) manDate(getenv func(string) string) (time.Time, error) {
	if o.date != "" {
		d, err := time.Parse(time.DateOnly, o.date)
		if err != nil {
			return d, flagError("date", o.date, pricing.Errorf("is not a date: write YYYY-MM-DD"))
		}
		return d, nil
	}
	if s := getenv("SOURCE_DATE_EPOCH"); s != "" {
		secs, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, pricing.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds", s)
		}
		return time.Unix(secs, 0).UTC(), nil
	}
	return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), nil
}

func runDocsMan(root *cobra.Command, a *app, o *docsOptions, dir string) error {
	date, err := o.manDate(a.getenv)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// No title: each page is headed by its own command, ALPRICE-SETTLE(1).
	header := &doc.GenManHeader{Section: "1", Date: &date, Source: "alprice " + buildVersion(), Manual: "alprice manual"}
	root.DisableAutoGenTag = true
	var forMan func(c *cobra.Command)
	forMan = func(c *cobra.Command) {
		c.Long = manExitStatus(c.Long)
		for _, sub := range c.Commands() {
			forMan(sub)
		}
	}
	forMan(root)
	if err := doc.GenManTree(root, header, dir); err != nil {
		return pricing.Errorf("writing man pages into %s: %w", dir, err)
	}
	fmt.Fprintf(a.out, a.lang.T("man pages written to %s\n", "man 手册页已写入 %s\n"), dir)
	return nil
}
