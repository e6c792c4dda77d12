package i18n

import (
	"fmt"
	"strings"

	"alprice/pricing"
)

// Lang is the language of labels and headers in people's formats.
type Lang int

const (
	English Lang = iota
	Chinese
)

// T returns the text in l's language.
func (l Lang) T(english, chinese string) string {
	if l == Chinese {
		return chinese
	}
	return english
}

// ParseLang reads the --lang flag: "zh" or "en".
func ParseLang(s string) (Lang, bool) {
	switch s {
	case "zh":
		return Chinese, true
	case "en":
		return English, true
	}
	return English, false
}

// LangFromEnv picks the language the way POSIX locales do: the first of
// LC_ALL, LC_MESSAGES and LANG that is set decides; zh* means Chinese,
// anything else English. When none is set — on Windows they usually are
// not, its locale being no environment variable — the user's UI language
// decides where the system tells it (uiLanguage: a clerk on a Chinese
// Windows PC gets Chinese without --lang zh), else English.
func LangFromEnv(getenv func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			if strings.HasPrefix(v, "zh") {
				return Chinese
			}
			return English
		}
	}
	if l, ok := uiLanguage(); ok {
		return l
	}
	return English
}

// langChinese is the primary language of every Chinese LANGID: zh-CN
// 0x0804, zh-TW 0x0404, zh-HK 0x0C04, zh-SG 0x1004, zh-MO 0x1404, the
// neutral zh-Hans 0x0004 and zh-Hant 0x7C04.
const langChinese = 0x04

// LangOfLANGID is the language for a Windows language identifier
// (LANGID, as GetUserDefaultUILanguage returns it): Chinese for every
// Chinese one, whatever its region or script, else English. Its low ten
// bits are the primary language.
func LangOfLANGID(id uint16) Lang {
	if id&0x3ff == langChinese {
		return Chinese
	}
	return English
}

// LangOfRun is the language of a run before its flags are parsed, for
// the errors of parsing them: --lang when it is zh or English, else the locale.
func LangOfRun(args []string, getenv func(string) string) Lang {
	for i, arg := range args {
		value, ok := strings.CutPrefix(arg, "--lang=")
		if arg == "--lang" && i+1 < len(args) {
			value, ok = args[i+1], true
		}
		if l, known := ParseLang(value); ok && known {
			return l
		}
		if arg == "--" {
			break
		}
	}
	return LangFromEnv(getenv)
}

// SayError says err in l: each template of the error, and of the errors
// it wraps, from l's catalogue.
func (l Lang) SayError(err error) string {
	if l != Chinese {
		return pricing.Say(err, nil)
	}
	return pricing.Say(err, func(s string) string {
		if t, ok := ChineseErrors[s]; ok {
			return t
		}
		return chineseSystem[s]
	})
}

// Count says a count of things: "1 bad row", "7 bad rows"; "7 行有误".
func (l Lang) Count(n int, english, chinese string) string {
	if l == Chinese {
		return fmt.Sprintf("%d %s", n, chinese)
	}
	return pricing.Plural(n, english)
}
