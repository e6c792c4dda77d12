package pricing

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
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

// roundingExceptions are the files that round something other than a
// figure of the formula, each for its reason.
var roundingExceptions = map[string]string{
	// A number cell of a workbook holds a binary float's 17 digits; the
	// figure a person saw, and the platform meant, is its 15 significant
	// digits, as Excel shows it. And a date serial's fraction of a day is
	// rounded to the second.
	"read/internal/fapiao/xlsx.go": "a number cell's text to the 15 digits Excel shows",
}

// TestEveryRoundingInRoundingGo holds the promise of rounding.go: no other
// file of the package rounds a decimal, divides one, or rounds one by
// printing it with StringFixed and reading the text back.
func TestEveryRoundingInRoundingGo(t *testing.T) {
	n := goFiles(t, ".", func(fset *token.FileSet, path string, f *ast.File) {
		if filepath.Base(path) == "rounding.go" || roundingExceptions[filepath.ToSlash(path)] != "" {
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

// importArrows are the imports each package of the module may make of the
// module's own packages: the direction of the rooms (README, Layout). A
// package missing here, or an arrow against it, fails the test: a new room
// or a new arrow is a decision, written here.
var importArrows = map[string][]string{
	"alprice/pricing":                            nil,
	"alprice/pricing/read":                       {"alprice/pricing", "alprice/pricing/read/internal/..."},
	"alprice/pricing/settle":                     {"alprice/pricing"},
	"alprice/pricing/invoice":                    {"alprice/pricing", "alprice/pricing/settle"},
	"alprice/pricing/einvoice":                   {"alprice/pricing", "alprice/pricing/settle", "alprice/pricing/invoice", "alprice/pricing/einvoice/internal/..."},
	"alprice/pricing/policy":                     {"alprice/pricing", "alprice/pricing/settle"},
	"alprice/pricing/internal/sample":            {"alprice/pricing", "alprice/pricing/read"}, // the sample inputs, for tests
	"alprice/pricing/read/internal/csvscan":      nil,
	"alprice/pricing/read/internal/pipeline":     nil,
	"alprice/pricing/read/internal/tickets":      nil,
	"alprice/pricing/read/internal/fapiao":       nil,
	"alprice/pricing/einvoice/internal/template": nil,
	"alprice/cmd/alprice":                        {"alprice/pricing/...", "alprice/cmd/alprice/..."},
	"alprice/cmd/alprice/report":                 {"alprice/pricing/..."},
	"alprice/cmd/alprice/i18n":                   {"alprice/pricing"},
	"alprice/cmd/alprice/web":                    {"alprice/pricing", "alprice/cmd/alprice/i18n"}, // serve's pages: never package main
	"alprice/cmd/alprice/changjiang":             nil,
	"alprice/cmd/alprice/internal/files":         nil,
	"alprice/cmd/alprice/internal/browser":       nil,
	"alprice/bench/barescan":                     nil,
	"alprice/bench/gendeliveries":                nil,
	"alprice/bench/genexport":                    nil,
	"alprice/bench/hello":                        nil,
}

func arrowAllowed(to string, allowed []string) bool {
	for _, a := range allowed {
		if base, ok := strings.CutSuffix(a, "/..."); ok && (to == base || strings.HasPrefix(to, base+"/")) || to == a {
			return true
		}
	}
	return false
}

// TestImportDirection holds the module's packages to importArrows: the
// model imports none of its children, the operations import the model and
// the rooms before them only, and nothing imports the command line.
func TestImportDirection(t *testing.T) {
	imports := map[string]map[string]string{} // package -> module import -> where
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != ".." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := "alprice/" + filepath.ToSlash(filepath.Dir(strings.TrimPrefix(path, "../")))
		if imports[pkg] == nil {
			imports[pkg] = map[string]string{}
		}
		for _, spec := range f.Imports {
			if to := strings.Trim(spec.Path.Value, `"`); strings.HasPrefix(to, "alprice/") {
				imports[pkg][to] = fset.Position(spec.Pos()).String()
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(imports) < 10 {
		t.Fatalf("only %d packages found", len(imports))
	}
	for pkg, tos := range imports {
		allowed, known := importArrows[pkg]
		if !known {
			t.Errorf("%s is a package importArrows does not know: add it, with the imports it may make", pkg)
			continue
		}
		for to, where := range tos {
			if !arrowAllowed(to, allowed) {
				t.Errorf("%s: %s imports %s, against the direction of the rooms", where, pkg, to)
			}
		}
	}
	for pkg := range importArrows {
		if imports[pkg] == nil && !strings.HasPrefix(pkg, "alprice/bench/") {
			if _, err := os.Stat(filepath.Join("..", strings.TrimPrefix(pkg, "alprice/"))); err != nil {
				t.Errorf("importArrows names %s, which is gone", pkg)
			}
		}
	}
}
