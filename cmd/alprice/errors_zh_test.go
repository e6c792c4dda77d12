package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"alprice/cmd/alprice/i18n"
	"alprice/pricing"
)

// sourceTemplates returns every error template of alprice's source, with
// where it is: the Errorf calls and Error literals of pricing and of this
// command, and the sentences of pricing's internal packages. It fails the
// test on a template that is not a literal, and on an error made another
// way (fmt.Errorf, errors.New) outside the internal packages.
func sourceTemplates(t *testing.T) map[string]string {
	t.Helper()
	templates := map[string]string{}
	fset := token.NewFileSet()
	scan := func(glob string, internal bool) {
		parseSources(t, fset, glob, func(path string, f *ast.File) {
			ast.Inspect(f, func(n ast.Node) bool {
				var first ast.Expr
				switch n := n.(type) {
				case *ast.CallExpr:
					name := callName(n.Fun)
					switch {
					case name == "Errorf" || name == "pricing.Errorf" || name == "Bugf" || name == "pricing.Bugf" || internal && name == "errors.New":
					case name == "fmt.Errorf" || name == "errors.New":
						t.Errorf("%s: %s: make it Errorf, so that it is said in the user's language", fset.Position(n.Pos()), name)
						return true
					default:
						return true
					}
					if len(n.Args) > 0 {
						first = n.Args[0]
					}
				case *ast.CompositeLit:
					if name := callName(n.Type); (name == "Error" || name == "pricing.Error") && len(n.Elts) > 0 {
						first = n.Elts[0]
						if kv, ok := first.(*ast.KeyValueExpr); ok {
							first = kv.Value
						}
					}
				}
				if first == nil {
					return true
				}
				lit, ok := first.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					if path != filepath.Join("..", "..", "pricing", "errors.go") {
						t.Errorf("%s: the template is not a literal: a catalogue cannot hold it", fset.Position(first.Pos()))
					}
					return true
				}
				s, _ := strconv.Unquote(lit.Value)
				templates[s] = fset.Position(lit.Pos()).String()
				return true
			})
		})
	}
	scan("../../pricing/*.go", false)
	scan("../../pricing/*/*.go", false)
	// The readers' own mechanics say their errors in words too; the
	// packages of the outside world's formats (fapiao, template) return
	// kinds that the face words.
	scan("../../pricing/read/internal/csvscan/*.go", true)
	scan("../../pricing/read/internal/tickets/*.go", true)
	scan("*.go", false)
	scan("report/*.go", false)
	return templates
}

func callName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			return x.Name + "." + e.Sel.Name
		}
	}
	return ""
}

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?(\[\d+\])?[a-zA-Z%]`)

// figures lists a template's figures by index, each with its verb: "1:s".
func figures(template string) []string {
	var out []string
	next := 1
	for _, v := range verb.FindAllStringSubmatch(template, -1) {
		if strings.HasSuffix(v[0], "%%") || v[0] == "%%" {
			continue
		}
		if index := v[1] + v[3]; index != "" {
			next, _ = strconv.Atoi(strings.Trim(index, "[]"))
		}
		kind := v[0][len(v[0])-1:]
		if kind == "w" || kind == "v" || kind == "s" {
			kind = "s" // a translation may say a wrapped error with %s or %v
		}
		out = append(out, fmt.Sprintf("%d:%s", next, kind))
		next++
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Every error template has a Chinese one with the same figures, and the
// catalogue holds no template the source has dropped.
func TestChineseErrors(t *testing.T) {
	templates := sourceTemplates(t)
	if len(templates) < 200 {
		t.Fatalf("only %d templates found", len(templates))
	}
	for _, s := range slices.Sorted(func(yield func(string) bool) {
		for s := range templates {
			if !yield(s) {
				return
			}
		}
	}) {
		cn, ok := i18n.ChineseErrors[s]
		if !ok {
			t.Errorf("%s: no Chinese for %q", templates[s], s)
			continue
		}
		if e, c := figures(s), figures(cn); !slices.Equal(e, c) {
			t.Errorf("%s: %q has figures %v, its Chinese %v", templates[s], s, e, c)
		}
		if !allowedInChineseError(cn) {
			t.Errorf("%q: its Chinese %q has English words", s, cn)
		}
	}
	messages := map[string]bool{} // the templates of pricing.Message, which TestChineseMessages checks
	for _, code := range pricing.MessageCodes() {
		messages[pricing.Msg(code).Template()] = true
	}
	for s := range i18n.ChineseErrors {
		if _, ok := templates[s]; !ok && !messages[s] {
			t.Errorf("the catalogue has %q, which no error or message says", s)
		}
	}
}

// codeLike are the parts of a Chinese error that stay as typed: flags,
// verbs, keys with _ or a dot, and placeholders in capitals.
var codeLike = regexp.MustCompile(`--?[a-z][a-z0-9-]*|%(\[\d+\])?[-+# 0]*\d*(\[\d+\])?[a-zA-Z]|[a-z]+[_.][a-z_.]+|\b[A-Z][A-Z0-9_=.-]*\b`)

// errorWords are the words a Chinese error may hold: values the user
// types, and the names of formats and encodings.
var errorWords = []string{"zh", "en", "address", "bank", "both", "auto", "utf", "gbk", "yuan", "fen", "special", "ordinary", "delivery", "previous",
	"transport", "casting", "coal", "fee", "label", "text", "html", "json", "csv", "xlsx", "alprice", "settle", "kg", "key",
	"value", "agreements", "premiums", "from", "seller", "http", "https", "stdin", "Excel", "X", "t", "gb", "body",
	"priceList", "invoice", "md", "txt", "to", "docs", "man", "deductions", "Windows", "lint", "quote",
	"xml", "batch", "summary", "EInvoice", "quotes", "import", "true", "false", "s", "m"}

func allowedInChineseError(cn string) bool {
	for _, w := range asciiWord.FindAllString(codeLike.ReplaceAllString(cn, ""), -1) {
		if !slices.Contains(errorWords, w) {
			return false
		}
	}
	return true
}

// errorCode are the parts of an error that stay as typed: quoted values,
// file names, flags, column names and keys, placeholders in capitals,
// escapes.
var errorCode = regexp.MustCompile(`U\+[0-9A-F]{4}|[\w./-]+\.(csv|yaml|xml|xlsx)(:\d+)+: [^:]+: |解析器原文:[^)]*|"(?:[^"\\]|\\.)*"|'[^']*'|[\w./-]+\.(csv|yaml|xlsx|pdf|xml)\b|--?[a-z][a-z0-9-]*|[a-z]+[_.][a-z_.]+|\b[A-Z][A-Z0-9_]*\b|\\x[0-9a-f]{2}|\\u[0-9a-f]{4}|U\+[0-9A-F]{4}`)

// Every error alprice says for a bad input or a bad command line is in
// Chinese under --lang zh and under a Chinese locale: nothing English but
// what the user typed, and names.
func TestErrorsInChinese(t *testing.T) {
	t.Chdir("../..")
	bad, _ := filepath.Glob("testdata/bad/*")
	var runs [][]string
	for _, path := range bad {
		if args := badCommand(path); args != nil && filepath.Ext(path) != ".stderr" {
			runs = append(runs, args)
		}
	}
	if len(runs) < minBadInputs {
		t.Fatalf("%d bad inputs", len(runs))
	}
	runs = append(runs,
		[]string{"average", "--month", "2026.3", "--quotes", h1Quotes},
		[]string{"quote", "--a00", "24,389.5x"},
		[]string{"quote", "--a00", "24389", "--transprot", "600"},
		[]string{"quote", "--a00", "24389", "--vat", "0"},
		[]string{"settle", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes},
		[]string{"settle", "--agreements", "testdata/agreements.yaml", "--quotes", "testdata/none.csv", "--deliveries", "testdata/deliveries-2026-03.csv"},
		[]string{"settle", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes, "--deliveries", "testdata/deliveries-2026-03.csv", "--month", "2026-05"},
		[]string{"settle", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes, "--deliveries", "testdata/deliveries-2026-03.csv", "--out", "x.pdf"},
		[]string{"table", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes, "--agreement", "nobody"},
		[]string{"docs", "man"},
		[]string{"setle"},
		[]string{"lint", "extra"},
		[]string{"quote", "--weight", "1"},
		[]string{"lint"},
	)
	zhEnv := func(name string) string { return map[string]string{"LANG": "zh_CN.UTF-8"}[name] }
	for _, args := range runs {
		for i, run := range []func() (string, int){
			func() (string, int) {
				_, stderr, status := runAlprice(t, "", append(args, "--lang", "zh")...)
				return stderr, status
			},
			func() (string, int) {
				var out, errOut bytes.Buffer
				status := run(args, strings.NewReader(""), &out, &errOut, zhEnv)
				return errOut.String(), status
			},
		} {
			stderr, status := run()
			if status == 0 || !strings.HasPrefix(stderr, "alprice:") {
				t.Errorf("%v (%d): exit %d, stderr %q", args, i, status, stderr)
				continue
			}
			for _, line := range strings.Split(stderr, "\n") {
				for _, w := range asciiWord.FindAllString(errorCode.ReplaceAllString(line, ""), -1) {
					if !slices.Contains(errorWords, w) {
						t.Errorf("%v: %q in %q", args, w, line)
						break
					}
				}
			}
		}
	}
}
