package pricing

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// goFiles parses every Go file under dir that is not a test, and returns
// how many it found.
func goFiles(t *testing.T, dir string, each func(fset *token.FileSet, path string, f *ast.File)) int {
	t.Helper()
	fset := token.NewFileSet()
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != dir {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		n++
		each(fset, path, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// roundingMethods are the decimal methods that round, or divide with an
// implied precision (Div uses a global 16 digits).
var roundingMethods = map[string]bool{
	"Round": true, "RoundBank": true, "RoundCash": true, "RoundCeil": true, "RoundFloor": true,
	"RoundUp": true, "RoundDown": true, "DivRound": true, "Div": true, "QuoRem": true, "Truncate": true,
}

// TestEveryRoundingInRoundingGo holds the promise of rounding.go: no other
// file of the package rounds a decimal, divides one, or rounds one by
// printing it with StringFixed and reading the text back.
func TestEveryRoundingInRoundingGo(t *testing.T) {
	n := goFiles(t, ".", func(fset *token.FileSet, path string, f *ast.File) {
		if filepath.Base(path) == "rounding.go" {
			return
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			name := sel.Sel.Name
			if roundingMethods[name] {
				t.Errorf("%s: %s: every rounding belongs in rounding.go, named with its mode and scale", fset.Position(call.Pos()), name)
			}
			if name == "NewFromString" || name == "RequireFromString" {
				ast.Inspect(call, func(n ast.Node) bool {
					if s, ok := n.(*ast.SelectorExpr); ok && strings.HasPrefix(s.Sel.Name, "StringFixed") {
						t.Errorf("%s: %s of %s rounds through text: use a rule of rounding.go", fset.Position(s.Pos()), name, s.Sel.Name)
					}
					return true
				})
			}
			return true
		})
	})
	if n < 15 {
		t.Fatalf("only %d files checked", n)
	}
}
