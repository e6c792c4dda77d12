package einvoice

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"alprice/pricing"
)

// The kinds of serial: the letter after the month.
const (
	SerialSettlement      = 'S' // an invoice of a settled statement, or one part of it
	SerialPriceDifference = 'D' // a true-up's price-difference (补差) invoice
	SerialRedRequest      = 'R' // a red-letter request (红字确认单) of a true-up
)

// SerialLength is the length of every serial [Serial] makes: the
// platform's 发票流水号 takes at most 20 characters.
const SerialLength = tagLength + 4 + 1 + 5

// tagLength is how many characters of the agreement's hash a serial
// carries: 45 bits, so that two agreements of one file share a tag with a
// chance of about 1 in 7 million even among 10,000 agreements; the file's
// serials are checked unique all the same.
const tagLength = 9

// crockford is Crockford's base 32: digits and capitals less I, L, O and U,
// so that a serial read aloud or retyped is not misread.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// AgreementTag returns the 9 characters of a serial that stand for an
// agreement: its id's SHA-256, the first 45 bits in Crockford's base 32.
// The same id always gives the same tag, whatever its length.
func AgreementTag(id string) string {
	sum := sha256.Sum256([]byte(id))
	v := binary.BigEndian.Uint64(sum[:8]) >> (64 - 5*tagLength)
	var b [tagLength]byte
	for i := tagLength - 1; i >= 0; i-- {
		b[i] = crockford[v&31]
		v >>= 5
	}
	return string(b[:])
}

// Serial returns the 发票流水号 of part part (from 1) of kind (SerialSettlement,
// SerialPriceDifference or SerialRedRequest) of agreement id's supply month
// m: the agreement's tag, YYMM, the kind and the part in 5 digits, 19
// characters of digits and capitals, such as 3KX7Q2M9A2603S00001. It is
// stable (the same input gives the same serial), unique per agreement,
// month, kind and part, and fits the platform's 20 whatever the id's
// length; the full reference (agreement, month, part) is in the 备注.
func Serial(id string, m pricing.Month, kind byte, part int) string {
	return fmt.Sprintf("%s%02d%02d%c%05d", AgreementTag(id), m.Year()%100, int(m.Month()), kind, part)
}

// The 备注 markers alprice writes and reads back.
const (
	// MonthMarker precedes the supply month in the 备注, with an ASCII
	// colon: 供货月份:2026-03. check reads the month back from it, and so
	// does the reader of the platform's invoice XML.
	MonthMarker = "供货月份:"
	// AgreementMarker precedes the agreement id in the 备注.
	AgreementMarker = "协议:"
)

var noteMonth = regexp.MustCompile(`供货月份[:：]\s*(\d{4}-\d{2})`)

// NoteMonth returns the supply month a 备注 states after its [MonthMarker]
// (a full-width colon, or space after it, is read too: a clerk may have
// retyped it); false when it states none.
func NoteMonth(note string) (pricing.Month, bool) {
	m := noteMonth.FindStringSubmatch(note)
	if m == nil {
		return 0, false
	}
	month, err := pricing.ParseMonth(m[1])
	return month, err == nil
}

// Note returns the 备注 of an e-invoice: what it is (暂定价 for a
// provisional price, 补差(价差) for a price difference), the agreement, the
// supply month after [MonthMarker], the part when the statement is split,
// and the benchmark: "协议:ZD-2026-001 供货月份:2026-03 第1/8张
// 长江A00 2026-03月均价24,389.00".
func Note(inv EInvoice) string {
	var b strings.Builder
	b.Grow(128)
	switch {
	case inv.TrueUp:
		b.WriteString("补差(价差) ")
	case inv.Price.Provisional():
		b.WriteString("暂定价 ")
	}
	b.WriteString(AgreementMarker + inv.Agreement.ID + " " + MonthMarker + inv.Month.String())
	if inv.Parts > 1 {
		b.WriteString(" 第")
		b.WriteString(strconv.Itoa(inv.Part))
		b.WriteByte('/')
		b.WriteString(strconv.Itoa(inv.Parts))
		b.WriteString("张")
	}
	p := inv.Price
	b.WriteString(" 长江A00 ")
	b.WriteString(p.Average.Month.String())
	b.WriteString("月均价")
	b.WriteString(group(fixedText(p.Price.Benchmark, 2)))
	return b.String()
}

// group puts thousands separators into a number's text: 24389.00 →
// 24,389.00.
func group(s string) string {
	intPart, frac, hasPoint := strings.Cut(s, ".")
	sign := ""
	if strings.HasPrefix(intPart, "-") {
		sign, intPart = "-", intPart[1:]
	}
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := sign + b.String()
	if hasPoint {
		out += "." + frac
	}
	return out
}
