package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Every command's help parses and has an example and an EXIT STATUS
// section (cobra's own completion commands aside).
func TestEveryHelp(t *testing.T) {
	var walk func(c *cobra.Command)
	seen := 0
	walk = func(c *cobra.Command) {
		if c.Name() == "completion" || c.Name() == "help" {
			return
		}
		path := strings.Fields(c.CommandPath())[1:]
		stdout, stderr, status := runAlprice(t, "", append(path, "--help")...)
		if status != 0 || stderr != "" {
			t.Errorf("%s --help: exit %d, %s", c.CommandPath(), status, stderr)
		}
		if !strings.Contains(stdout, "EXIT STATUS") || !strings.Contains(stdout, "Examples:") {
			t.Errorf("%s --help has no example or no EXIT STATUS", c.CommandPath())
		}
		seen++
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd(&app{in: strings.NewReader(""), out: &bytes.Buffer{}, err: &bytes.Buffer{}, getenv: env}))
	if seen < 9 {
		t.Errorf("only %d commands walked", seen)
	}
}

// The man pages carry a fixed date, so that two runs write the same bytes.
func TestManPagesAreReproducible(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if _, stderr, status := runAlprice(t, "", "docs", "man", dir); status != 0 {
			t.Fatal(stderr)
		}
	}
	pages, _ := filepath.Glob(filepath.Join(a, "*.1"))
	if len(pages) < 9 {
		t.Fatalf("%d pages", len(pages))
	}
	for _, p := range pages {
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, filepath.Base(p)))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", filepath.Base(p))
		}
		if !bytes.Contains(x, []byte(`"Jan 2026"`)) {
			t.Errorf("%s does not carry the fixed date", filepath.Base(p))
		}
	}
	settle, _ := os.ReadFile(filepath.Join(a, "alprice-settle.1"))
	if !bytes.Contains(settle, []byte("EXIT STATUS")) || !bytes.Contains(settle, []byte("delivered weight")) {
		t.Error("alprice-settle.1 lacks the command's help")
	}
	if _, stderr, status := runAlprice(t, "", "docs", "man", a, "--date", "2026-13-01"); status != 2 || !strings.Contains(stderr, "--date") {
		t.Errorf("a bad --date: %d %s", status, stderr)
	}
}

// allCommands returns every command of alprice, cobra's help and
// completion commands included.
func allCommands() []*cobra.Command {
	root := newRootCmd(&app{in: strings.NewReader(""), out: &bytes.Buffer{}, err: &bytes.Buffer{}, getenv: env})
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	var all []*cobra.Command
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		all = append(all, c)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return all
}

// Every command and every flag has its Chinese help, and the Chinese
// help names no command or flag alprice does not have.
func TestChineseHelpIsComplete(t *testing.T) {
	commands, flags := map[string]bool{}, map[string]bool{}
	for _, c := range allCommands() {
		commands[c.CommandPath()] = true
		if h, ok := chineseHelp(c); !ok || h.short == "" || h.long == "" {
			t.Errorf("%s: no Chinese help", c.CommandPath())
		}
		for _, set := range []*pflag.FlagSet{c.LocalFlags(), c.PersistentFlags()} {
			set.VisitAll(func(f *pflag.Flag) {
				flags[c.CommandPath()+" --"+f.Name], flags[f.Name] = true, true
				zhUsage, ok := flagHelpZH(c, f)
				if !ok {
					t.Errorf("%s --%s: no Chinese description", c.CommandPath(), f.Name)
				}
				// The placeholder stays: the usage line shows it.
				if name, _ := pflag.UnquoteUsage(f); ok && name != "" && !strings.Contains(zhUsage, "`"+name+"`") {
					t.Errorf("%s --%s: the Chinese description has no `%s`", c.CommandPath(), f.Name, name)
				}
			})
		}
	}
	flags["help"], flags["version"] = true, true // added by cobra as it runs
	for path := range helpZH {
		if !commands[path] {
			t.Errorf("Chinese help for %q, which is no command", path)
		}
	}
	for key := range flagsZH {
		if !flags[key] {
			t.Errorf("a Chinese description for %q, which is no flag", key)
		}
	}
}

// helpCode are the parts of help that stay as typed: flags, placeholders
// in capitals, file names and paths, keys with _ or a dot, shell lines.
var helpCode = regexp.MustCompile(`--?[a-z][a-z0-9-]*|\$?\b[A-Z][A-Z0-9_]*\b|[\w./~-]+\.(csv|yaml|xlsx|fish|zshrc)\b|[a-z]+[_.][a-z_.]+|https?://\S+|[a-z]+/[a-z_0-9/]+`)

// helpWords are the words Chinese help may hold: values typed, commands,
// formats and encodings, names of shells and tools.
var helpWords = []string{"alprice", "md", "average", "check", "completion", "docs", "help", "lint", "quote", "quotes", "report",
	"serve", "settle", "table", "trueup", "add", "import", "fetch", "man", "bash", "zsh", "fish", "powershell", "source",
	"echo", "autoload", "compinit", "fpath", "Out", "String", "Invoke", "Expression", "shell", "zh", "en", "auto", "utf", "gbk", "json", "csv",
	"markdown", "xlsx", "html", "text", "yuan", "fen", "ticket", "date", "buyer", "vehicle", "ladle", "average", "low",
	"high", "change", "range", "month", "released", "coal", "conversion", "final", "bill", "invoiced", "difference",
	"action", "red", "blue", "none", "previous", "kg", "t", "body", "priceList", "productSortName", "startDate",
	"endDate", "cjxh", "historyprice", "bash_completion", "name", "total", "flags", "Excel", "Windows", "Ctrl", "C",
	"rate", "vat", "output", "A00铝", "User", "Agent", "s",
	"xml", "batch", "summary", "TaxBureauSignature", "remark"}

// The help of every command in Chinese says nothing in English but what
// is typed as it is: flags, values, file names, the examples.
func TestChineseHelpSaysNoEnglish(t *testing.T) {
	for _, c := range allCommands() {
		path := strings.Fields(c.CommandPath())[1:]
		stdout, stderr, status := runAlprice(t, "", append(path, "--help", "--lang", "zh")...)
		if status != 0 || stderr != "" || !strings.Contains(stdout, "用法:") {
			t.Fatalf("%s --help --lang zh: exit %d, %s%s", c.CommandPath(), status, stderr, stdout)
		}
		examples := false
		for _, line := range strings.Split(stdout, "\n") {
			if line == "示例:" || strings.HasPrefix(line, "\t") || strings.HasPrefix(strings.TrimSpace(line), "alprice ") {
				examples = line == "示例:" || examples
				continue
			}
			if line == "" {
				examples = false
			}
			if examples {
				continue
			}
			for _, w := range asciiWord.FindAllString(helpCode.ReplaceAllString(line, ""), -1) {
				if !slices.Contains(helpWords, w) {
					t.Errorf("%s --help --lang zh: %q in %q", c.CommandPath(), w, line)
					break
				}
			}
		}
	}
}
