package template

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/xuri/excelize/v2"
)

// sampleRows makes n invoices of one line each, as alprice would write
// them, with serials unique in the batch.
func sampleRows(n int) (basic, detail []Row) {
	basic = make([]Row, n)
	detail = make([]Row, n)
	for i := range n {
		serial := fmt.Sprintf("AL202604%06d", i)
		basic[i] = Row{
			"发票流水号": serial, "发票类型": "增值税专用发票", "是否含税": "否", "受票方自然人标识": "否",
			"购买方名称": "昌吉某某铝制品有限公司", "购买方纳税人识别号": "91652300MA78XK2F3Q",
			"购买方地址": "新疆昌吉州昌吉市高新区铝产业园 8 号", "购买方电话": "0994-2345678",
			"购买方开户银行": "中国工商银行昌吉分行", "购买方银行账号": "3003012345678901234",
			"是否展示购买方地址电话银行账号": "展示地址、电话、开户银行及银行账号",
			"备注":     fmt.Sprintf("协议 XJ-2026-%03d · 供货月份 2026-03 · 长江A00 2026-03 月均价 20,345.68", i%1000),
			"销售方开户行": "中国银行昌吉分行", "销售方银行账号": "107654321098",
		}
		detail[i] = Row{
			"发票流水号": serial, "项目名称": "铝液", "商品和服务税收编码": "1080306020000000000", "规格型号": "A00",
			"单位": "吨", "数量": "31.245", "单价": "18750.5000000000", "金额": "585862.37", "税率": "0.13",
			"是否使用优惠政策": "否",
		}
	}
	return basic, detail
}

func mustDefault(t testing.TB) *Template {
	t.Helper()
	tpl, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

func fill(t testing.TB, tpl *Template, basic, detail []Row) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := tpl.Fill(&buf, basic, detail); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func openBytes(t testing.TB, b []byte, name string) (*Template, error) {
	t.Helper()
	return Open(bytes.NewReader(b), int64(len(b)), name)
}

func excel(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// edit changes a copy of the blank with excelize and returns it.
func edit(t testing.TB, fn func(f *excelize.File) error) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(v260401))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := fn(f); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rezip copies a zip, replacing the content of the entries in repl and
// adding those in add.
func rezip(t testing.TB, src []byte, repl, add map[string][]byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	write := func(name string, b []byte) {
		w, err := zw.Create(name)
		if err == nil {
			_, err = w.Write(b)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range zr.File {
		if b, ok := repl[f.Name]; ok {
			write(f.Name, b)
		} else if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	for name, b := range add {
		write(name, b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zipEntry(t testing.TB, b []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			out, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
	}
	t.Fatalf("no entry %s", name)
	return nil
}

// kindOf returns the Kind of err, or 0 when err is no *Error.
func kindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return 0
}
