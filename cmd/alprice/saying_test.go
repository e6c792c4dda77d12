package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// notDisplay are the functions of package main that call Error() for
// something other than showing it, and why.
var notDisplay = map[string]string{
	"errString": "matches cobra's own message to find an unknown command; never shown",
}

// TestErrorsAreSaidInTheUsersLanguage holds every error shown to people —
// a message, a cell, a JSON reason — to the one function that knows the
// language, i18n.Lang.SayError (#27 item 7): no code of the command line
// or of its pages (web/) calls Error() to show an error, which would show
// the English. An
// error's own Error method may (it is the error's English, for logs), and
// so may the functions of notDisplay.
func TestErrorsAreSaidInTheUsersLanguage(t *testing.T) {
	fset := token.NewFileSet()
	for _, dir := range []string{".", "changjiang", "web"} {
		parseSources(t, fset, filepath.Join(dir, "*.go"), func(_ string, f *ast.File) {
			for _, decl := range f.Decls {
				fn, ok := decl.(*ast.FuncDecl)
				if !ok || fn.Body == nil {
					continue
				}
				if fn.Name.Name == "Error" && fn.Recv != nil {
					continue // an error's English, what it is for
				}
				if _, ok := notDisplay[fn.Name.Name]; ok && fn.Recv == nil {
					continue
				}
				ast.Inspect(fn.Body, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok || len(call.Args) != 0 {
						return true
					}
					if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Error" {
						t.Errorf("%s: %s calls Error(): say the error with Lang.SayError, in the user's language",
							fset.Position(call.Pos()), fn.Name.Name)
					}
					return true
				})
			}
		})
	}
}

// parseSources parses each file of glob that is not a test, failing t when
// glob matches none.
func parseSources(t *testing.T, fset *token.FileSet, glob string, each func(path string, f *ast.File)) {
	t.Helper()
	paths, err := filepath.Glob(glob)
	if err != nil || len(paths) == 0 {
		t.Fatalf("%s: %d files, %v", glob, len(paths), err)
	}
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		each(path, f)
	}
}
