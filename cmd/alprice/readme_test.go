package main

import (
	"encoding/json"
	"os"
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

// TestREADMEExamples runs every README example that shows its output and
// compares: the README cannot drift from what the program prints. JSON is
// compared as data, so that a long array may be folded on the page. With
// -update the outputs are written into the README instead, for review.
func TestREADMEExamples(t *testing.T) {
	t.Chdir("../..")
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	examples := readmeExamples(t, string(data))
	if len(examples) < 8 {
		t.Fatalf("only %d README examples with output found", len(examples))
	}
	lines := strings.Split(string(data), "\n")
	defer func() {
		if *update {
			if err := os.WriteFile("README.md", []byte(strings.Join(lines, "\n")), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}()
	// Later examples first, so that rewriting one keeps the lines of the
	// ones before.
	for k := len(examples) - 1; k >= 0; k-- {
		ex := examples[k]
		stdout, stderr, status := runAlprice(t, "", ex.args...)
		if *update && status <= 1 {
			lines = append(lines[:ex.from], append(strings.Split(strings.TrimSuffix(stdout, "\n"), "\n"), lines[ex.to:]...)...)
			continue
		}
		if status > 1 {
			t.Errorf("README.md:%d: exit %d: %s", ex.line, status, stderr)
			continue
		}
		if ex.lang == "json" {
			var got, want any
			if err := json.Unmarshal([]byte(stdout), &got); err != nil {
				t.Errorf("README.md:%d: %v", ex.line, err)
			}
			if err := json.Unmarshal([]byte(ex.output), &want); err != nil {
				t.Errorf("README.md:%d: the README's JSON: %v", ex.line, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("README.md:%d: the output differs from the README's:\n%s", ex.line, stdout)
			}
			continue
		}
		if stdout != ex.output {
			t.Errorf("README.md:%d: the output differs from the README's:\n--- got\n%s\n--- README\n%s", ex.line, stdout, ex.output)
		}
	}
}
