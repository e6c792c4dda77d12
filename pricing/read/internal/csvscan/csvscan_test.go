package csvscan

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"pgregory.net/rapid"
)

type scanResult struct {
	records   [][]string
	positions [][]Position
	err       string // "" or the kind and position of the error that ended the scan
}

// testMaxRecord is the record limit of the scanners under test: small, so
// that the limit is reached by tests, and above every seed.
const testMaxRecord = 1 << 16

func scanAll(r io.Reader) scanResult {
	s := New(r, testMaxRecord)
	var res scanResult
	for {
		rec, err := s.Read()
		if err == io.EOF {
			return res
		}
		if err != nil {
			var se *SyntaxError
			if errors.As(err, &se) {
				res.err = se.Err.Error() + " at " + strconv.Itoa(se.Line) + ":" + strconv.Itoa(se.Col)
			} else {
				res.err = err.Error()
			}
			return res
		}
		res.records = append(res.records, slices.Clone(rec))
		var pos []Position
		for i := range rec {
			pos = append(pos, s.Position(i))
		}
		res.positions = append(res.positions, pos)
	}
}

// stdAll is what encoding/csv reads of in, its positions turned from
// bytes into the characters of their line, as Scanner counts them.
func stdAll(in string) scanResult {
	lines := strings.Split(in, "\n")
	chars := func(line, col int) int {
		if line < 1 || line > len(lines) || col < 1 {
			return col
		}
		text := lines[line-1]
		if col-1 > len(text) { // past the line: its newline, one character
			return utf8.RuneCountInString(text) + col - len(text)
		}
		return utf8.RuneCountInString(text[:col-1]) + 1
	}
	cr := csv.NewReader(strings.NewReader(in))
	var res scanResult
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return res
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				res.err = pe.Err.Error() + " at " + strconv.Itoa(pe.Line) + ":" + strconv.Itoa(chars(pe.Line, pe.Column))
			} else {
				res.err = err.Error()
			}
			return res
		}
		res.records = append(res.records, rec)
		var pos []Position
		for i := range rec {
			l, c := cr.FieldPos(i)
			pos = append(pos, Position{l, chars(l, c)})
		}
		res.positions = append(res.positions, pos)
	}
}

var csvSeeds = []string{
	"a,b,c\n1,2,3\n",
	"a,b\r\n1,2\r\n",
	"a,b\n\n\n1,2\n",
	"a,b\n1,2",
	"a,b\n1,2\r",
	"a,b\n1,2\n\r",
	"a,\"b,c\"\n\"x\"\"y\",z\n",
	"a,\"multi\nline\"\n1,2\n",
	"a,\"multi\r\nline\"\n1,2\n",
	"a,b\n1,2,3\n",
	"a,b\n1,b\"c\n",
	"a,b\n\"1\"x,2\n",
	"a,b\n\"unterminated,2\n",
	"a,b\n\"unterminated\n",
	"a,b\n1,\"\"\n",
	"\"\"\n",
	",\n,\n",
	"a\n\"\n\"\n",
	"日期,均价\n2026-03-02,\"24,389\"\n",
	"a,b\n1,2\n3\n",
	"\r\n\r\na\r\n",
	"a,\"b\"\r",
	"a,\"b\nc",
	"x\n\"a\"\"\n",
	"\"a\"\n\"b\"\"\"\n",
	// Lines of deliveries, and longer than a word.
	"ticket,date,buyer,vehicle\nZD2602-0000001,2026-02-01,昌吉示例铝箔有限公司,新C·A1012\n",
	"abcdefgh,ijklmnop,q\n12345678,\"9,0\",abcdefghij\n",
	"abcdefg,\n1234567\",\n",
	",,,,,,,,,,,,,,,,\n,,,,,,,,,,,,,,,,\n",
	"abcdefghijklmnop\nabcdefghijklmno\xff\n",
}

// TestCSVScannerMatchesEncodingCSV holds the scanner to encoding/csv: the
// same records, field positions and errors.
func TestCSVScannerMatchesEncodingCSV(t *testing.T) {
	for _, in := range csvSeeds {
		compareScanners(t, in)
	}
}

// fataler is what compareScanners needs of a *testing.T or a *rapid.T.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

func compareScanners(t fataler, in string) {
	t.Helper()
	got, want := scanAll(strings.NewReader(in)), stdAll(in)
	if !slices.EqualFunc(got.records, want.records, slices.Equal) || got.err != want.err {
		t.Fatalf("input %q:\nscanner     %q, err %q\nencoding/csv %q, err %q", in, got.records, got.err, want.records, want.err)
	}
	for i := range got.positions {
		if !slices.Equal(got.positions[i], want.positions[i]) {
			t.Fatalf("input %q record %d: positions %v, encoding/csv %v", in, i, got.positions[i], want.positions[i])
		}
	}
	// Reading a byte at a time must not change anything.
	if slow := scanAll(iotest.OneByteReader(strings.NewReader(in))); !slices.EqualFunc(slow.records, got.records, slices.Equal) || slow.err != got.err {
		t.Fatalf("input %q read a byte at a time: %q, %q", in, slow.records, slow.err)
	}
}

func FuzzCSVScanner(f *testing.F) {
	for _, s := range csvSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > 1<<16 {
			return
		}
		compareScanners(t, in)
	})
}

func TestCSVScannerLimits(t *testing.T) {
	long := "a\n" + strings.Repeat("x", testMaxRecord+1) + "\n"
	if res := scanAll(strings.NewReader(long)); res.err != ErrRecordSize.Error() {
		t.Errorf("a line over the limit: %q", res.err)
	}
	quoted := "a\n\"" + strings.Repeat("x\n", testMaxRecord/2+1) + "\"\n"
	if res := scanAll(strings.NewReader(quoted)); res.err != ErrRecordSize.Error() {
		t.Errorf("a quoted record over the limit: %q", res.err)
	}
	// A failed read does not turn a cut-off line into a record.
	r := io.MultiReader(strings.NewReader("a,b\n1,2\n3,"), iotest.ErrReader(errors.New("disk on fire")))
	if res := scanAll(r); len(res.records) != 2 || res.err != "disk on fire" {
		t.Errorf("read error: %q, %q", res.records, res.err)
	}
}

// TestCSVScannerMatchesEncodingCSVOnRandomLines holds the scanner to
// encoding/csv on random files of long lines, made of the bytes that
// matter to it.
func TestCSVScannerMatchesEncodingCSVOnRandomLines(t *testing.T) {
	pieces := []string{"a", "7", ",", ",", "\"", "-", "#", "\n", "\r\n", " ", "é", "昌", "\xff", "\x80", "abcdefgh"}
	rapid.Check(t, func(t *rapid.T) {
		var b strings.Builder
		for _, p := range rapid.SliceOfN(rapid.SampledFrom(pieces), 0, 200).Draw(t, "pieces") {
			b.WriteString(p)
		}
		compareScanners(t, b.String())
	})
}

// BenchmarkScanner reads a file of deliveries rows, as gendeliveries
// writes them.
func BenchmarkScanner(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("ticket,date,buyer,vehicle,ladle,tapped_t,delivered_t\n")
	for i := range 10000 {
		fmt.Fprintf(&sb, "ZD2602-%07d,2026-02-01,昌吉示例铝箔有限公司,新C·A10%02d,L%02d,31.%03d,31.100\n", i, i%40, i%24, i%1000)
	}
	data := sb.String()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		s := New(strings.NewReader(data), testMaxRecord)
		for s.ReadRecord() == nil {
		}
	}
}
