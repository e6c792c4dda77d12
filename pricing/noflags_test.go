package pricing

import (
	"go/ast"
	"go/token"
	"regexp"
	"strconv"
	"testing"
)

// flagName is a command-line flag inside a text: --year, --date.
var flagName = regexp.MustCompile(`(^|[\s(,])--[a-z][a-z-]*`)

// commandLine is a whole alprice command line quoted in a text, which may
// name its flags: it says how a file was made, not what to type now.
var commandLine = regexp.MustCompile(`alprice [a-z]+( [a-zA-Z]+)* --`)

// TestDomainNamesNoFlag holds the domain to values: it speaks of a year, a
// date, the month of every row; the command line names the flags that give
// them (#27 item 6: "give --year" was said by the history-page reader).
// Every string literal of pricing/ outside tests is checked.
func TestDomainNamesNoFlag(t *testing.T) {
	n := goFiles(t, ".", func(fset *token.FileSet, path string, f *ast.File) {
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || commandLine.MatchString(s) {
				return true
			}
			if m := flagName.FindString(s); m != "" {
				t.Errorf("%s: %q names the flag %s: say the value, and let the command line name its flag", fset.Position(lit.Pos()), s, m)
			}
			return true
		})
	})
	if n < 20 {
		t.Fatalf("only %d files walked", n)
	}
}
