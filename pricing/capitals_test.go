package pricing

import (
	"testing"

	"github.com/shopspring/decimal"
)

// The capitals below are written by hand from the rules the People's Bank
// of China gives for filling in bills (the examples of its rules are
// ¥1,409.50, ¥6,007.14, ¥1,680.32, ¥107,000.53, ¥16,409.02 and ¥325.04,
// here in the one form of each that the rules allow and AmountInWords
// writes), not from AmountInWords.
func TestAmountInWords(t *testing.T) {
	for _, c := range []struct{ amount, want string }{
		{"0", "零元整"},
		{"0.00", "零元整"},
		{"0.5", "伍角整"},
		{"0.05", "伍分"},
		{"0.55", "伍角伍分"},
		{"1", "壹元整"},
		{"10", "壹拾元整"},
		{"15", "壹拾伍元整"},
		{"20.00", "贰拾元整"},
		{"12.30", "壹拾贰元叁角整"},
		{"100", "壹佰元整"},
		{"1409.50", "壹仟肆佰零玖元伍角整"},
		{"6007.14", "陆仟零柒元壹角肆分"},
		{"1680.32", "壹仟陆佰捌拾元叁角贰分"},
		{"107000.53", "壹拾万柒仟元伍角叁分"},
		{"16409.02", "壹万陆仟肆佰零玖元零贰分"},
		{"325.04", "叁佰贰拾伍元零肆分"},
		{"10000", "壹万元整"},
		{"10010", "壹万零壹拾元整"},
		{"100001", "壹拾万零壹元整"},
		{"1000000.01", "壹佰万元零壹分"},
		{"7971347.25", "柒佰玖拾柒万壹仟叁佰肆拾柒元贰角伍分"},
		{"10201388.10", "壹仟零贰拾万壹仟叁佰捌拾捌元壹角整"},
		{"100000000", "壹亿元整"},
		{"100001000", "壹亿零壹仟元整"},
		{"110000000", "壹亿壹仟万元整"},
		{"1000010000", "壹拾亿零壹万元整"},
		{"1000100000000", "壹万零壹亿元整"},
		{"1000010000000", "壹万亿零壹仟万元整"},
		{"1000000000000", "壹万亿元整"},
		{"1000000000001", "壹万亿零壹元整"},
		{"9999999999999999.99", "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"},
		{"-0.01", "负壹分"},
		{"-204370.20", "负贰拾万肆仟叁佰柒拾元贰角整"},
		{"-600", "负陆佰元整"},
	} {
		got, err := AmountInWords(decimal.RequireFromString(c.amount))
		if err != nil || got != c.want {
			t.Errorf("AmountInWords(%s) = %q, %v; want %q", c.amount, got, err, c.want)
		}
	}
}

func TestAmountInWordsRefuses(t *testing.T) {
	for _, amount := range []string{"1.005", "0.001", "10000000000000000", "-10000000000000000"} {
		if got, err := AmountInWords(decimal.RequireFromString(amount)); err == nil {
			t.Errorf("AmountInWords(%s) = %q, want an error", amount, got)
		}
	}
}
