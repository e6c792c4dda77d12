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
// calls Error() to show an error, which would show the English. An
// error's own Error method may (it is the error's English, for logs), and
// so may the functions of notDisplay.
func TestErrorsAreSaidInTheUsersLanguage(t *testing.T) {
	for _, dir := range []string{".", "changjiang"} {
		paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(paths) == 0 {
			t.Fatalf("%s: %d files, %v", dir, len(paths), err)
		}
		fset := token.NewFileSet()
		for _, path := range paths {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
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
		}
	}
}
