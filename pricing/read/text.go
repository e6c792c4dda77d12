package read

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"alprice/pricing"
)

// checkName rejects an identifier read from an input — a ticket, an id, a
// buyer, an invoice number — that holds a character nobody can see: a
// control character (NUL, ESC, CR…), a format character (Unicode category
// Cf: the byte order mark, zero-width spaces, direction marks) or bytes
// that are not UTF-8. Such a character makes "T1" and "T1" two tickets
// that look the same, so that one ladle is billed twice, and can rewrite a
// terminal. The error names the character by its code point.
func checkName(s []byte) error {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < ' ' || c == 0x7F {
				return invisibleError(rune(c), i)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			return pricing.Errorf("has the byte %#02x, which is not UTF-8 text", c)
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return invisibleError(r, i)
		}
		i += size
	}
	return nil
}

// invisibleNames names the invisible characters users meet.
var invisibleNames = map[rune]error{
	0x00: pricing.Errorf("NUL"), 0x09: pricing.Errorf("a tab"), 0x0A: pricing.Errorf("a line feed"), 0x0D: pricing.Errorf("a carriage return"), 0x1B: pricing.Errorf("ESC, which starts a terminal escape sequence"),
	0x7F: pricing.Errorf("DEL"), 0xFEFF: pricing.Errorf("a byte order mark"), 0x200B: pricing.Errorf("a zero-width space"), 0x200C: pricing.Errorf("a zero-width non-joiner"),
	0x200D: pricing.Errorf("a zero-width joiner"), 0x2060: pricing.Errorf("a word joiner"), 0x200E: pricing.Errorf("a left-to-right mark"), 0x200F: pricing.Errorf("a right-to-left mark"),
	0x202E: pricing.Errorf("a right-to-left override"), 0x00AD: pricing.Errorf("a soft hyphen"),
}

func invisibleError(r rune, at int) error {
	name := invisibleNames[r]
	if name == nil {
		name = pricing.Errorf("an invisible character")
		if unicode.IsControl(r) {
			name = pricing.Errorf("a control character")
		}
	}
	if r == 0xFEFF && at == 0 {
		return pricing.Errorf("starts with U+FEFF, a byte order mark: two files joined together? Remove it; names may hold no invisible character")
	}
	return pricing.Errorf("has U+%04X (%s) at byte %d: names may hold no control or invisible character", r, name, at+1)
}

// CheckName is checkName for a text a command was given rather than read,
// such as the reason of a day declared without a quote: what alprice
// writes into a file, its readers must read back.
func CheckName(s string) error { return checkName([]byte(s)) }

// trimSpace is bytes.TrimSpace with a quick way out for the usual field
// that neither starts nor ends with a space.
func trimSpace(b []byte) []byte {
	if n := len(b); n == 0 || (!maybeSpaceStart[b[0]] && !maybeSpaceEnd[b[n-1]]) {
		return b
	}
	return bytes.TrimSpace(b)
}

// maybeSpaceStart and maybeSpaceEnd are the bytes that can start or end a
// space in UTF-8, as unicode.IsSpace has them: the ASCII spaces \t \n \v
// \f \r and ' ', and the lead and last bytes of U+0085 (C2 85), U+00A0
// (C2 A0), U+1680 (E1 9A 80), U+2000–U+200A (E2 80 80–8A), U+2028 and
// U+2029 (E2 80 A8, A9), U+202F (E2 80 AF), U+205F (E2 81 9F) and U+3000
// (E3 80 80). A test derives them from unicode.IsSpace.
var maybeSpaceStart, maybeSpaceEnd = byteSet(0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xC2, 0xE1, 0xE2, 0xE3),
	byteSet(0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88,
		0x89, 0x8A, 0xA8, 0xA9, 0xAF, 0x9F)

func byteSet(bs ...byte) (set [256]bool) {
	for _, b := range bs {
		set[b] = true
	}
	return set
}
