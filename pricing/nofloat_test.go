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

// floatNames are the types and functions through which a float could
// reach money or weight.
var floatNames = map[string]bool{
	"float32": true, "float64": true, "complex64": true, "complex128": true,
	"ParseFloat": true, "FormatFloat": true, "AppendFloat": true,
	"NewFromFloat": true, "NewFromFloat32": true, "NewFromFloatWithExponent": true,
	"InexactFloat64": true, "Float64": true, "Float32": true,
}

// TestNoFloatOutsideTests fails if any Go file of the module, outside
// tests, names a float type or a float conversion: money and weight stay
// exact (decimal, or int64 kilograms).
func TestNoFloatOutsideTests(t *testing.T) {
	fset := token.NewFileSet()
	checked := 0
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
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		checked++
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && floatNames[id.Name] {
				t.Errorf("%s: %s: money and weight must stay exact", fset.Position(id.Pos()), id.Name)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 10 {
		t.Fatalf("only %d files checked: is the walk looking in the right place?", checked)
	}
}
