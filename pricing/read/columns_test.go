package read

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"alprice/pricing"
)

// Columns in messages count characters, not bytes (issue 27 item 9), in a
// GBK file the characters of the decoded line: 到位重量 "3x" is the 34th
// character of 磅单一号,2026-03-02,准东示例铝材有限公司,31.25,3x (its 62nd
// byte in UTF-8, which a GBK file is decoded to); with the first and third
// fields quoted, the 38th.
func TestColumnsCountCharacters(t *testing.T) {
	const header = "票号,日期,客户,出厂重量,到位重量\n"
	gbk := func(s string) string {
		b, err := simplifiedchinese.GBK.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	plain := header + "磅单一号,2026-03-02,准东示例铝材有限公司,31.25,3x\n"
	quoted := header + "\"磅单一号\",2026-03-02,\"准东示例铝材有限公司\",31.25,3x\n"
	for _, c := range []struct {
		name, text string
		want       int
	}{
		{"UTF-8", plain, 34},
		{"GBK", gbk(plain), 34},
		{"quoted", quoted, 38},
		{"quoted GBK", gbk(quoted), 38},
	} {
		dr, err := NewDeliveryReader(strings.NewReader(c.text), "d.csv", AutoEncoding)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := dr.Next(context.Background())
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(rows) != 1 || len(rows[0].Problems) != 1 {
			t.Fatalf("%s: rows %+v", c.name, rows)
		}
		if p := rows[0].Problems[0]; p.Line != 2 || p.Column != c.want || p.Field != "到位重量" {
			t.Errorf("%s: %s, want line 2 column %d", c.name, pricing.Say(p, nil), c.want)
		}
	}
	// The quotes reader, and a syntax error inside a line.
	_, err := ReadQuotes(bytes.NewReader([]byte("日期,均价\n二〇二六,23620\n")), "q.csv", AutoEncoding, pricing.DefaultCalendar())
	var list pricing.ErrorList
	if !errors.As(err, &list) || list[0].Column != 1 {
		t.Errorf("quotes: %v", err)
	}
	_, err = ReadQuotes(bytes.NewReader([]byte("日期,均价\n2026-03-02,均\"价\n")), "q.csv", AutoEncoding, pricing.DefaultCalendar())
	if err == nil || !strings.HasPrefix(pricing.Say(err, nil), "q.csv:2:13: ") {
		t.Errorf("a bare quote after 2026-03-02,均 is at character 13: %v", err)
	}
}
