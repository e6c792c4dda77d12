//go:build !windows

package i18n

// uiLanguage says nothing outside Windows: there the locale's environment
// variables are the user's language.
func uiLanguage() (Lang, bool) { return English, false }
