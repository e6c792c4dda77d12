package pricing

import (
	"go/ast"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// floatConversions are the functions through which a float could reach
// money or weight: decimal's float constructors and accessors, and
// strconv's float parsing and formatting.
var floatConversions = map[string]bool{
	"NewFromFloat": true, "NewFromFloat32": true, "NewFromFloatWithExponent": true,
	"InexactFloat64": true, "Float64": true, "Float32": true,
	"ParseFloat": true, "FormatFloat": true, "AppendFloat": true,
}

var floatTypes = map[string]bool{"float32": true, "float64": true, "complex64": true, "complex128": true}

// floatExceptions are the functions allowed a float conversion, each for a
// reason it states and checks: excelize's StreamWriter takes numbers only
// as Go ints and floats, and streamNumber proves each round trip exact.
var floatExceptions = map[string]string{"../cmd/alprice/report/xlsx.go": "streamNumber"}

// floatFreeDirs are the folders the test does not walk, each for its
// reason: the browser harness of the tests measures pixels and PDF pages in
// millimetres, and no figure of alprice passes through it.
var floatFreeDirs = []string{"../cmd/alprice/internal/browser/"}

// TestMoneyAndWeightNeverTouchFloats protects the money and weight types:
// money is decimal.Decimal and weight int64 kilograms, and no float may
// come between them and the user. So, outside tests:
//
//   - the domain (pricing/) names no float type at all;
//   - no file of the module converts a decimal to or from a float, or
//     parses or formats a float;
//   - the command line may convert an integer to a float where a library
//     takes one (a column width, say): float64(n) as a call, and nowhere
//     else — no float variable, field, parameter or result;
//   - the one exception is a function of floatExceptions, which hands a
//     library a float it proves exact.
func TestMoneyAndWeightNeverTouchFloats(t *testing.T) {
	n := goFiles(t, "..", func(fset *token.FileSet, path string, f *ast.File) {
		for _, dir := range floatFreeDirs {
			if strings.HasPrefix(filepath.ToSlash(path), dir) {
				return
			}
		}
		inDomain := strings.HasPrefix(filepath.ToSlash(path), "../pricing/")
		conversions := map[*ast.Ident]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if floatExceptions[filepath.ToSlash(path)] == n.Name.Name {
					return false
				}
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); ok && floatTypes[id.Name] && len(n.Args) == 1 {
					conversions[id] = true
				}
			case *ast.SelectorExpr:
				if floatConversions[n.Sel.Name] {
					t.Errorf("%s: %s: money and weight must never pass through a float", fset.Position(n.Pos()), n.Sel.Name)
				}
			case *ast.Ident:
				if !floatTypes[n.Name] {
					break
				}
				switch {
				case inDomain:
					t.Errorf("%s: %s in the domain: money and weight stay decimal or int64 kilograms", fset.Position(n.Pos()), n.Name)
				case !conversions[n]:
					t.Errorf("%s: %s: outside the domain a float may only be converted to at a library's float API, as float64(n)", fset.Position(n.Pos()), n.Name)
				}
			}
			return true
		})
	})
	if n < 30 {
		t.Fatalf("only %d files checked: is the walk looking in the right place?", n)
	}
}
