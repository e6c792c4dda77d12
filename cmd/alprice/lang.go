package main

import (
	"fmt"
	"strings"

	"alprice/pricing"
)

// lang is the language of labels and headers in people's formats.
type lang int

const (
	en lang = iota
	zh
)

// t returns the text in l's language.
func (l lang) t(english, chinese string) string {
	if l == zh {
		return chinese
	}
	return english
}

// parseLang reads the --lang flag: "zh" or "en".
func parseLang(s string) (lang, bool) {
	switch s {
	case "zh":
		return zh, true
	case "en":
		return en, true
	}
	return en, false
}

// langFromEnv picks the language the way POSIX locales do: the first of
// LC_ALL, LC_MESSAGES and LANG that is set decides; zh* means Chinese,
// anything else English.
func langFromEnv(getenv func(string) string) lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			if strings.HasPrefix(v, "zh") {
				return zh
			}
			return en
		}
	}
	return en
}

// langOfRun is the language of a run before its flags are parsed, for
// the errors of parsing them: --lang when it is zh or en, else the locale.
func langOfRun(args []string, getenv func(string) string) lang {
	for i, arg := range args {
		value, ok := strings.CutPrefix(arg, "--lang=")
		if arg == "--lang" && i+1 < len(args) {
			value, ok = args[i+1], true
		}
		if l, known := parseLang(value); ok && known {
			return l
		}
		if arg == "--" {
			break
		}
	}
	return langFromEnv(getenv)
}

// sayError says err in l: each template of the error, and of the errors
// it wraps, from l's catalogue.
func (l lang) sayError(err error) string {
	if l != zh {
		return pricing.Say(err, nil)
	}
	return pricing.Say(err, func(s string) string {
		if t, ok := chineseErrors[s]; ok {
			return t
		}
		return chineseSystem[s]
	})
}

// count says a count of things: "1 bad row", "7 bad rows"; "7 行有误".
func (l lang) count(n int, english, chinese string) string {
	if l == zh {
		return fmt.Sprintf("%d %s", n, chinese)
	}
	return pricing.Plural(n, english)
}
