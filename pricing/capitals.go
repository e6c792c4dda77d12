package pricing

import (
	"strings"

	"github.com/shopspring/decimal"
)

// The amount in Chinese capitals (大写金额), as a bill, a settlement
// statement or an invoice writes it beside the figures, following the
// People's Bank of China's rules for filling in bills and settlement
// vouchers (《正确填写票据和结算凭证的基本规定》):
//
//   - the digits 零壹贰叁肆伍陆柒捌玖 with the units 拾佰仟, the sections 万
//     and 亿 (万亿 is 万 of 亿: ¥10,001 亿 is 壹万零壹亿元整), then 元角分; a leading ten is 壹拾 (¥15 is
//     壹拾伍元整), as the rules want, so that nothing can be written before it;
//   - zeros between digits are said as one 零 (¥6,007.14 is 陆仟零柒元壹角肆分),
//     also across a section when the section below has no thousands
//     (¥100,001 is 壹拾万零壹元整) or a whole section is empty (¥100,001,000 is
//     壹亿零壹仟元整); where the rules leave the 零 optional — a section's
//     units digit zero before a next section's thousands (¥10,201,388.10 is
//     壹仟零贰拾万壹仟叁佰捌拾捌元壹角整), or the yuan digit zero before the jiao
//     (¥1,680.32 is 壹仟陆佰捌拾元叁角贰分) — it is left out;
//   - no jiao but fen: 零 after 元 (¥325.04 is 叁佰贰拾伍元零肆分);
//   - 整 after 元 or 角 when there are no fen; nothing after 分;
//   - zero is 零元整; below a yuan the 元 is left out (¥0.50 is 伍角整);
//   - a negative amount, which a red invoice (红字发票) carries, is 负 before
//     the capitals of its magnitude.

var (
	capitalDigits = []rune("零壹贰叁肆伍陆柒捌玖")
	capitalUnits  = []string{"", "拾", "佰", "仟"}
)

// maxInWords is the first amount AmountInWords cannot write: ten thousand
// 万亿 (10^16) yuan, far above any bill.
var maxInWords = decimal.New(1, 16)

// AmountInWords returns the amount in Chinese capitals (大写金额) of an
// amount in yuan to the fen, by the rules above. An amount with a part of a
// fen, or of 10^16 yuan or more, is a bug of the caller: amounts are
// rounded to the fen before they are billed.
func AmountInWords(amount decimal.Decimal) (string, error) {
	fen := amount.Shift(ScaleFen)
	if !fen.IsInteger() {
		return "", Bugf("amount in words of %s: not a whole number of fen", amount.String())
	}
	if amount.Abs().GreaterThanOrEqual(maxInWords) {
		return "", Bugf("amount in words of %s: beyond 万亿", amount.String())
	}
	var b strings.Builder
	if amount.IsNegative() {
		b.WriteString("负")
		fen = fen.Neg()
	}
	yuan, cents := fen.IntPart()/100, fen.IntPart()%100 // below 10^18: an int64
	jiao, fenDigit := cents/10, cents%10
	if yuan > 0 {
		writeYuan(&b, yuan)
		b.WriteString("元")
		if jiao == 0 && fenDigit > 0 {
			b.WriteString("零")
		}
	}
	if jiao > 0 {
		b.WriteRune(capitalDigits[jiao])
		b.WriteString("角")
	}
	if fenDigit > 0 {
		b.WriteRune(capitalDigits[fenDigit])
		b.WriteString("分")
	}
	if yuan == 0 && cents == 0 {
		b.WriteString("零元")
	}
	if fenDigit == 0 {
		b.WriteString("整")
	}
	return b.String(), nil
}

// writeYuan writes a positive whole number of yuan in capitals: the 亿
// above, then the rest, with 零 between when the rest has no ten-millions
// or the 亿 above end in an empty section (壹万亿零壹仟万: no 亿 of their own).
func writeYuan(b *strings.Builder, yuan int64) {
	high, low := yuan/1e8, yuan%1e8
	if high > 0 {
		writeWan(b, high)
		b.WriteString("亿")
	}
	if low > 0 {
		if high > 0 && (low < 1e7 || high%1e4 == 0) {
			b.WriteString("零")
		}
		writeWan(b, low)
	}
}

// writeWan writes 1 to 99,999,999 in capitals: the 万 above, then the rest,
// with 零 between when the rest has no thousands.
func writeWan(b *strings.Builder, n int64) {
	high, low := n/1e4, n%1e4
	if high > 0 {
		writeSection(b, high)
		b.WriteString("万")
	}
	if low > 0 {
		if high > 0 && low < 1000 {
			b.WriteString("零")
		}
		writeSection(b, low)
	}
}

// writeSection writes 1 to 9999 in capitals: a run of zeros between digits
// is one 零, trailing zeros are not said.
func writeSection(b *strings.Builder, s int64) {
	zero := false
	for place := 3; place >= 0; place-- {
		d := s / pow10[place] % 10
		if d == 0 {
			zero = zero || s%pow10[place+1] != s // a zero below a digit already said
			continue
		}
		if zero {
			b.WriteString("零")
			zero = false
		}
		b.WriteRune(capitalDigits[d])
		b.WriteString(capitalUnits[place])
	}
}

var pow10 = [...]int64{1, 10, 100, 1000, 10000}
