package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every command's help ends with an EXIT STATUS of its own, in either
// language: quote's never speaks of check and lint findings, completion
// has one (#27 item 17).
func TestEveryCommandHasItsOwnExitStatus(t *testing.T) {
	for _, c := range allCommands() {
		if c.Name() == "help" {
			continue
		}
		path := strings.Fields(c.CommandPath())[1:]
		for _, lang := range []string{"en", "zh"} {
			stdout, stderr, status := runAlprice(t, "", append(path, "--help", "--lang", lang)...)
			heading := map[string]string{"en": "\nEXIT STATUS\n", "zh": "\n退出状态\n"}[lang]
			if status != 0 || strings.Count(stdout, heading) != 1 {
				t.Errorf("%s --help --lang %s: exit %d, %d EXIT STATUS sections: %s", c.CommandPath(), lang, status, strings.Count(stdout, heading), stderr)
			}
			if c.CommandPath() != "alprice" && (strings.Contains(stdout, "check and lint findings") || strings.Contains(stdout, "check 和 lint")) {
				t.Errorf("%s --help --lang %s lists the exit status of every command", c.CommandPath(), lang)
			}
		}
	}
	stdout, _, _ := runAlprice(t, "", "quote", "--help")
	if strings.Contains(stdout, "  1  ") {
		t.Errorf("quote never exits 1, but its help says it does:\n%s", stdout)
	}
}

// docs man heads each page with its command and keeps EXIT STATUS a list.
func TestManPagesHeadedByTheirCommand(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, status := runAlprice(t, "", "docs", "man", dir); status != 0 {
		t.Fatal(stderr)
	}
	page, err := os.ReadFile(filepath.Join(dir, "alprice-settle.1"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`.TH "ALPRICE-SETTLE" "1"`, ".SH EXIT STATUS\n.IP \\(bu 2\n\\fB0\\fP success", `\fB130, 143\fP interrupted`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("alprice-settle.1 lacks %q", want)
		}
	}
	completion, _ := os.ReadFile(filepath.Join(dir, "alprice-completion-bash.1"))
	if !strings.Contains(string(completion), ".SH EXIT STATUS") {
		t.Error("alprice-completion-bash.1 has no EXIT STATUS")
	}
}
