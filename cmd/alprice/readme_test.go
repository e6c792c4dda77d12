package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// readmeExample is a command of the README and the output shown after it.
type readmeExample struct {
	line   int // of the command in README.md
	from   int // the output's first line, 0-based
	to     int // the line of its closing fence, 0-based
	args   []string
	lang   string // the output block's language: "", "markdown" or "json"
	output string
}

// readmeExamples finds every ```sh block of README.md that holds one
// alprice command and is followed, after a blank line, by an output block.
func readmeExamples(t *testing.T, text string) []readmeExample {
	t.Helper()
	lines := strings.Split(text, "\n")
	var out []readmeExample
	for i := 0; i < len(lines); i++ {
		if lines[i] != "```sh" {
			continue
		}
		start := i
		var block []string
		for i++; i < len(lines) && lines[i] != "```"; i++ {
			block = append(block, lines[i])
		}
		cmd := strings.Join(block, "\n")
		cmd = strings.ReplaceAll(cmd, "\\\n", " ")
		var commands []string
		for _, l := range strings.Split(cmd, "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "alprice ") {
				commands = append(commands, strings.TrimSpace(l))
			}
		}
		if len(commands) != 1 || i+2 >= len(lines) || lines[i+1] != "" || !strings.HasPrefix(lines[i+2], "```") || lines[i+2] == "```sh" {
			continue
		}
		lang := strings.TrimPrefix(lines[i+2], "```")
		var output []string
		from := i + 3
		for i += 3; i < len(lines) && lines[i] != "```"; i++ {
			output = append(output, lines[i])
		}
		out = append(out, readmeExample{line: start + 2, from: from, to: i, args: shellWords(strings.TrimPrefix(commands[0], "alprice ")), lang: lang,
			output: strings.Join(output, "\n") + "\n"})
	}
	return out
}

// shellWords splits a command line as a shell would, for the plain quoting
// the README uses.
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	quote, in := rune(0), false
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in || cur.Len() > 0 {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
		}
	}
	if in || cur.Len() > 0 {
		words = append(words, cur.String())
	}
	return words
}

// TestREADMEExamples runs every example of README.md and of the manual in
// docs/ that shows its output, and compares: the pages cannot drift from
// what the program prints. JSON is compared as data, so that a long array
// may be folded on the page. With -update-readme the outputs are written into the
// pages instead, for review.
func TestREADMEExamples(t *testing.T) {
	t.Chdir("../..")
	pages, err := filepath.Glob("docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, page := range append([]string{"README.md"}, pages...) {
		total += checkPageExamples(t, page)
	}
	if total < 12 {
		t.Fatalf("only %d examples with output found in README.md and docs/", total)
	}
}

// checkPageExamples runs the examples of one page, and returns how many it
// has.
func checkPageExamples(t *testing.T, page string) int {
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	examples := readmeExamples(t, string(data))
	lines := strings.Split(string(data), "\n")
	defer func() {
		if *updateReadme {
			if err := os.WriteFile(page, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}()
	// Later examples first, so that rewriting one keeps the lines of the
	// ones before.
	for k := len(examples) - 1; k >= 0; k-- {
		ex := examples[k]
		stdout, stderr, status := runAlprice(t, "", ex.args...)
		if *updateReadme && status <= 1 {
			lines = append(lines[:ex.from], append(strings.Split(strings.TrimSuffix(stdout, "\n"), "\n"), lines[ex.to:]...)...)
			continue
		}
		if status > 1 {
			t.Errorf("%s:%d: exit %d: %s", page, ex.line, status, stderr)
			continue
		}
		if ex.lang == "json" {
			var got, want any
			if err := json.Unmarshal([]byte(stdout), &got); err != nil {
				t.Errorf("%s:%d: %v", page, ex.line, err)
			}
			if err := json.Unmarshal([]byte(ex.output), &want); err != nil {
				t.Errorf("%s:%d: the page's JSON: %v", page, ex.line, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s:%d: the output differs from the page's:\n%s", page, ex.line, stdout)
			}
			continue
		}
		if stdout != ex.output {
			t.Errorf("%s:%d: the output differs from the page's:\n--- got\n%s\n--- page\n%s", page, ex.line, stdout, ex.output)
		}
	}
	return len(examples)
}
