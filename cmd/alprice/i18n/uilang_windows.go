//go:build windows

package i18n

import "golang.org/x/sys/windows"

// getUserDefaultUILanguage is kernel32's GetUserDefaultUILanguage, which
// x/sys/windows does not wrap: the LANGID of the user's UI language.
var getUserDefaultUILanguage = windows.NewLazySystemDLL("kernel32.dll").NewProc("GetUserDefaultUILanguage")

// uiLanguage is the language of the user's Windows display, by
// LangOfLANGID; false when the system does not say.
func uiLanguage() (Lang, bool) {
	if getUserDefaultUILanguage.Find() != nil {
		return English, false
	}
	id, _, _ := getUserDefaultUILanguage.Call() // a LANGID; the call cannot fail
	return LangOfLANGID(uint16(id)), id != 0
}
