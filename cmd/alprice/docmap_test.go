package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Each package's doc comment is the map of its files: every Go file of a
// package of more than one file is named in it, by name or by a pattern
// such as perm_*.go, so that a newcomer reading the doc finds every room.
func TestPackageDocsNameEveryFile(t *testing.T) {
	root := filepath.Join("..", "..")
	dirs := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			dirs[filepath.Dir(path)] = append(dirs[filepath.Dir(path)], d.Name())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 10 {
		t.Fatalf("found %d packages: the walk is wrong", len(dirs))
	}
	for dir, names := range dirs {
		if len(names) < 2 {
			continue
		}
		doc, docFile := packageDoc(t, dir, names)
		if doc == "" {
			t.Errorf("%s: no package doc comment", dir)
			continue
		}
		named := docFileNames(doc)
		for _, name := range names {
			if name == docFile && name == "doc.go" {
				continue
			}
			if !slices.ContainsFunc(named, func(p string) bool { ok, _ := filepath.Match(p, name); return ok }) {
				t.Errorf("%s: %s is not named in the package doc comment (%s)", dir, name, docFile)
			}
		}
		for _, p := range named {
			if strings.Contains(p, "/") || strings.HasSuffix(p, "_test.go") {
				continue // a file of another package, or a test
			}
			if !slices.ContainsFunc(names, func(name string) bool { ok, _ := filepath.Match(p, name); return ok }) {
				t.Errorf("%s: the package doc comment (%s) names %s, which is no file of the package", dir, docFile, p)
			}
		}
	}
}

// packageDoc returns the package doc comment of the package in dir and
// the file that holds it.
func packageDoc(t *testing.T, dir string, names []string) (doc, file string) {
	t.Helper()
	fset := token.NewFileSet()
	for _, name := range names {
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, parser.PackageClauseOnly|parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if f.Doc != nil {
			return f.Doc.Text(), name
		}
	}
	return "", ""
}

var goFileName = regexp.MustCompile(`[A-Za-z0-9_*/.]*[A-Za-z0-9_*]\.go\b`)

// docFileNames returns the Go file names and patterns a doc comment names.
func docFileNames(doc string) []string {
	return goFileName.FindAllString(doc, -1)
}
