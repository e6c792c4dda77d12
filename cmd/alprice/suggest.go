package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"alprice/pricing"
	"alprice/pricing/read"
)

// flagErrorWithSuggestion is what a mistyped or misused flag gets: pflag's
// message, said in the user's language, and for an unknown flag the
// nearest one the command has ("did you mean --transport?"), as cobra does
// for commands.
func flagErrorWithSuggestion(cmd *cobra.Command, err error) error {
	var (
		unknown *pflag.NotExistError
		noValue *pflag.ValueRequiredError
		invalid *pflag.InvalidValueError
		syntax  *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &unknown) && unknown.GetSpecifiedShortnames() != "":
		return usageError{pricing.Errorf("unknown shorthand flag: %q in -%s", unknown.GetSpecifiedName(), unknown.GetSpecifiedShortnames())}
	case errors.As(err, &unknown):
		name := unknown.GetSpecifiedName()
		best, dist := "", 3 // suggest only what is at most two edits away
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			if d := editDistance(name, f.Name); d < dist {
				best, dist = f.Name, d
			}
		})
		if best == "" {
			return usageError{pricing.Errorf("unknown flag: --%s", name)}
		}
		return usageError{pricing.Errorf("unknown flag: --%s: did you mean --%s?", name, best)}
	case errors.As(err, &noValue):
		return usageError{pricing.Errorf("flag needs an argument: --%s", noValue.GetFlag().Name)}
	case errors.As(err, &invalid):
		return usageError{pricing.Errorf("invalid argument %q for --%s: %w", invalid.GetValue(), invalid.GetFlag().Name, flagValueError(invalid.GetFlag(), errors.Unwrap(invalid)))}
	case errors.As(err, &syntax):
		return usageError{pricing.Errorf("bad flag syntax: %s", syntax.GetSpecifiedFlag())}
	}
	return usageError{err}
}

// flagValueError says what is wrong with the value of flag f in words,
// not in those of the parser pflag called ("strconv.ParseBool: parsing
// "maybe": invalid syntax"); the flags of alprice's own types say theirs.
func flagValueError(f *pflag.Flag, err error) error {
	switch f.Value.Type() {
	case "bool":
		return pricing.Errorf("write true or false")
	case "int":
		if errors.Is(err, strconv.ErrRange) {
			return pricing.Errorf("is out of range")
		}
		return pricing.Errorf("write a whole number")
	case "duration":
		return pricing.Errorf("write a duration such as 20s or 1m30s")
	}
	return err
}

// editDistance is the Levenshtein distance of a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// exactArgs is cobra.ExactArgs(n) with a message that names the arguments
// missing or extra.
func exactArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < len(names):
			return usageError{pricing.Errorf("give %s: %s takes %s", strings.Join(names[len(args):], " and "), cmd.CommandPath(), strings.Join(names, " "))}
		case len(args) > len(names):
			return usageError{pricing.Errorf("%s takes %s; %q is one too many", cmd.CommandPath(), strings.Join(names, " "), args[len(names)])}
		}
		return nil
	}
}

// registerCompletions offers the values of the flags that have a fixed
// set of them, and the agreement ids of the --agreements file.
func registerCompletions(root *cobra.Command) {
	fixed := map[string][]string{
		"format": formats, "lang": {"zh", "en"}, "rounding": {"yuan", "fen"}, "unit-price-rounding": {"fen", "yuan"},
		"quotes-encoding": {"auto", "utf-8", "gbk"}, "deliveries-encoding": {"auto", "utf-8", "gbk"}, "invoices-encoding": {"auto", "utf-8", "gbk"},
	}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		for name, values := range fixed {
			if c.Flags().Lookup(name) == nil && c.PersistentFlags().Lookup(name) == nil {
				continue
			}
			_ = c.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
		}
		if c.Flags().Lookup("agreement") != nil {
			_ = c.RegisterFlagCompletionFunc("agreement", func(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
				return agreementIDs(cmd), cobra.ShellCompDirectiveNoFileComp
			})
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// unquoted drops the backticks of what the shell completion request
// (__complete) writes. In a flag's usage they name its argument for --help
// ("agreements `FILE`" shows as --agreements FILE); cobra passes the usage
// to the shell as the flag's description, backticks and all.
type unquoted struct{ w io.Writer }

func (u unquoted) Write(p []byte) (int, error) {
	if _, err := u.w.Write(bytes.ReplaceAll(p, []byte("`"), nil)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// agreementIDs are the ids and buyers of the --agreements file given so
// far on the command line being completed; none when it cannot be read.
func agreementIDs(cmd *cobra.Command) []string {
	f := cmd.Flags().Lookup("agreements")
	if f == nil || f.Value.String() == "" || f.Value.String() == "-" {
		return nil
	}
	file, err := os.Open(f.Value.String())
	if err != nil {
		return nil
	}
	defer file.Close()
	ags, err := read.ReadAgreements(file, f.Value.String())
	if err != nil {
		return nil
	}
	var out []string
	for _, a := range ags.List {
		out = append(out, a.ID+"\t"+a.Buyer.Name)
	}
	return out
}
