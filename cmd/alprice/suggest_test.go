package main

import (
	"strings"
	"testing"
)

// A flag value pflag cannot parse is said in words, in the user's
// language, with no parser's jargon and no unformatted verb (a Chinese
// template puts the wrapped error at %[3]w, which Say once printed as
// %!w(...)).
func TestInvalidFlagValues(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"quote", "--a00", "24000", "--bom=maybe"}, `alprice: error: invalid argument "maybe" for --bom: write true or false`},
		{[]string{"quote", "--a00", "24000", "--bom=maybe", "--lang", "zh"}, `alprice:错误:--bom 的值 "maybe" 无效:请写 true 或 false`},
		{[]string{"quotes", "import", "x", "--year", "abc", "--lang", "zh"}, `alprice:错误:--year 的值 "abc" 无效:请写整数`},
		{[]string{"quotes", "import", "x", "--year", "99999999999999999999"}, `alprice: error: invalid argument "99999999999999999999" for --year: is out of range`},
		{[]string{"quotes", "fetch", "--into", "q.csv", "--timeout", "5x", "--lang", "zh"}, `alprice:错误:--timeout 的值 "5x" 无效:请写时长,如 20s 或 1m30s`},
	} {
		_, stderr, status := runAlprice(t, "", tc.args...)
		first, _, _ := strings.Cut(stderr, "\n")
		if status != 2 || first != tc.want || strings.Contains(stderr, "%!") || strings.Contains(stderr, "strconv") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tc.args, status, stderr, tc.want)
		}
	}
}
