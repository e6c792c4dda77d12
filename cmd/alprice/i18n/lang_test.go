package i18n

import "testing"

// Every Chinese LANGID, whatever its region or script, is Chinese; every
// other English (issue 27 item 10). The identifiers are Microsoft's
// ([MS-LCID]); the mapping is tested on every system, the call to Windows
// only builds there.
func TestLangOfLANGID(t *testing.T) {
	for id, want := range map[uint16]Lang{
		0x0804: Chinese, // zh-CN
		0x0404: Chinese, // zh-TW
		0x0C04: Chinese, // zh-HK
		0x1004: Chinese, // zh-SG
		0x1404: Chinese, // zh-MO
		0x0004: Chinese, // zh-Hans
		0x7C04: Chinese, // zh-Hant
		0x0409: English, // en-US
		0x0809: English, // en-GB
		0x0411: English, // ja-JP
		0x0412: English, // ko-KR
		0x0480: English, // ug-CN, Uyghur: not Chinese
		0x0000: English,
	} {
		if got := LangOfLANGID(id); got != want {
			t.Errorf("LANGID %#04x: %v, want %v", id, got, want)
		}
	}
}

// The locale's variables decide before the UI language: LANG=en_US on a
// Chinese Windows is English.
func TestLangFromEnvOrder(t *testing.T) {
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	for _, c := range []struct {
		vars map[string]string
		want Lang
	}{
		{map[string]string{"LANG": "zh_CN.UTF-8"}, Chinese},
		{map[string]string{"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, English},
		{map[string]string{"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "C"}, Chinese},
	} {
		if got := LangFromEnv(env(c.vars)); got != c.want {
			t.Errorf("%v: %v, want %v", c.vars, got, c.want)
		}
	}
	ui, ok := uiLanguage()
	want := English
	if ok {
		want = ui
	}
	if got := LangFromEnv(env(nil)); got != want {
		t.Errorf("no locale variable: %v, want the UI language's %v", got, want)
	}
}
