package main

import "strings"

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
