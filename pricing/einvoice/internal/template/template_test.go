package template

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The headers platforms.md §1 lists, in order, as keys.
var (
	wantBasic = []string{"发票流水号", "发票类型", "特定业务类型", "是否含税", "受票方自然人标识", "购买方名称",
		"购买方纳税人识别号", "购买方证件类型", "购买方证件号码", "购买方国籍（或地区）", "购买方地址",
		Nth("购买方所在地区（报废产品收购必填）", 1), Nth("购买方所在地区（报废产品收购必填）", 2),
		Nth("购买方所在地区（报废产品收购必填）", 3), Nth("购买方所在地区（报废产品收购必填）", 4),
		"购买方详细地址（报废产品收购必填）", "购买方电话", "购买方开户银行", "购买方银行账号",
		"是否展示购买方地址电话银行账号", "是否开具涉税专业服务发票品目", "涉税专业服务协议编号", "备注",
		"报废产品销售类型", "每千克煤炭发热量", "干基全硫", "干燥无灰基挥发分", "销售方开户行", "销售方银行账号",
		"是否展示销售方地址电话银行账号", "购买方邮箱", "购买方经办人姓名", "购买方经办人证件类型",
		"购买方经办人证件号码", "经办人国籍(地区)", "经办人自然人纳税人识别号", "放弃享受减按1%征收率原因",
		"收款人", "复核人"}
	wantDetail = []string{"发票流水号", "项目名称", "商品和服务税收编码", "规格型号", "单位", "数量", "单价",
		"金额", "税率", "折扣金额", "是否使用优惠政策", "优惠政策类型", "即征即退类型", "煤炭种类"}
)

func keys(cols []Column) []string {
	var out []string
	for _, c := range cols {
		out = append(out, c.Key)
	}
	return out
}

func TestDefaultColumns(t *testing.T) {
	tpl := mustDefault(t)
	if v := tpl.Version(); v != "pt:20260401" {
		t.Errorf("Version = %q", v)
	}
	if got := keys(tpl.Columns(Basic)); !slices.Equal(got, wantBasic) {
		t.Errorf("Basic keys\n got %q\nwant %q", got, wantBasic)
	}
	if got := keys(tpl.Columns(Detail)); !slices.Equal(got, wantDetail) {
		t.Errorf("Detail keys\n got %q\nwant %q", got, wantDetail)
	}
	if tpl.Columns(Special) != nil {
		t.Error("Columns(Special) is not nil")
	}
}

func TestLimits(t *testing.T) {
	tpl := mustDefault(t)
	tests := []struct {
		sheet, key  string
		letter      string
		limit       int
		required    bool
		conditional bool
	}{
		{Basic, "发票流水号", "A", 20, true, false},
		{Basic, "发票类型", "B", 10, true, false},
		{Basic, "是否含税", "D", 2, true, false},
		{Basic, "受票方自然人标识", "E", 2, false, false},
		{Basic, "购买方名称", "F", 100, true, false},
		{Basic, "购买方纳税人识别号", "G", 20, false, true},
		{Basic, Nth("购买方所在地区（报废产品收购必填）", 4), "O", 100, false, true},
		{Basic, "购买方电话", "Q", 50, false, true},
		{Basic, "备注", "W", 230, false, false},
		{Basic, "每千克煤炭发热量", "Y", 5, false, false},
		{Basic, "销售方银行账号", "AC", 60, false, false},
		{Basic, "购买方邮箱", "AE", 72, false, false},
		{Basic, "放弃享受减按1%征收率原因", "AK", 100, false, false},
		{Basic, "复核人", "AM", 16, false, false},
		{Detail, "项目名称", "B", 100, true, false},
		{Detail, "商品和服务税收编码", "C", 20, true, false},
		{Detail, "单位", "E", 22, false, true},
		{Detail, "单价", "G", 16, false, true},
		{Detail, "金额", "H", 16, true, false},
		{Detail, "税率", "I", 8, true, false},
		{Detail, "即征即退类型", "M", 46, false, false},
	}
	for _, tt := range tests {
		n, req, ok := tpl.Limit(tt.sheet, tt.key)
		if !ok || n != tt.limit || req != tt.required {
			t.Errorf("Limit(%s, %s) = %d, %v, %v; want %d, %v, true", tt.sheet, tt.key, n, req, ok, tt.limit, tt.required)
		}
		i := slices.IndexFunc(tpl.Columns(tt.sheet), func(c Column) bool { return c.Key == tt.key })
		if c := tpl.Columns(tt.sheet)[i]; c.Letter != tt.letter || c.Conditional != tt.conditional {
			t.Errorf("%s %s: letter %s conditional %v; want %s %v", tt.sheet, tt.key, c.Letter, c.Conditional, tt.letter, tt.conditional)
		}
	}
	for _, k := range []string{"购买方所在地区（报废产品收购必填）", "每千克煤炭\n发热量", "地址"} {
		if _, _, ok := tpl.Limit(Basic, k); ok {
			t.Errorf("Limit(Basic, %q) found", k)
		}
	}
}

func TestParseRule(t *testing.T) {
	tests := []struct {
		text         string
		limit        int
		req, partial bool
	}{
		{"必填\n(限20字符)", 20, true, false},
		{"非必填(是/否)\n\t(限2字符)", 2, false, false},
		{" 有条件必填\n(限100字符)\t ", 100, false, true},
		{"专票必填\n(限20字符)", 20, false, true},
		{"必填\n（限8字符)\n以小数形式填写，如“0.13”代表税率13%", 8, true, false},
		{"非必填\n(限5字符)\n单位(千卡)", 5, false, false},
		{"必填项\n（限 300 字符)", 300, true, false},
		{"非必填", 0, false, false},
		{"", 0, false, false},
	}
	for _, tt := range tests {
		n, req, partial := parseRule(tt.text)
		if n != tt.limit || req != tt.req || partial != tt.partial {
			t.Errorf("parseRule(%q) = %d, %v, %v; want %d, %v, %v", tt.text, n, req, partial, tt.limit, tt.req, tt.partial)
		}
	}
}

func TestKey(t *testing.T) {
	for in, want := range map[string]string{
		"每千克煤炭\n发热量": "每千克煤炭发热量", "*发票流水号": "发票流水号", " ＊ 备注\r\n": "备注",
		"放弃享受减按1%征收率\n原因": "放弃享受减按1%征收率原因", "\n": "",
	} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestReordered fills a blank whose columns 项目名称 and 商品和服务税收编码
// (B and C of Detail) were swapped, headers and rules both.
func TestReordered(t *testing.T) {
	b := edit(t, func(f *excelize.File) error {
		for _, r := range []string{"2", "3"} {
			x, _ := f.GetCellValue(Detail, "B"+r)
			y, _ := f.GetCellValue(Detail, "C"+r)
			if err := f.SetCellStr(Detail, "B"+r, y); err != nil {
				return err
			}
			if err := f.SetCellStr(Detail, "C"+r, x); err != nil {
				return err
			}
		}
		return nil
	})
	tpl, err := openBytes(t, b, "swapped.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	basic, detail := sampleRows(3)
	out := fill(t, tpl, basic, detail)
	f := excel(t, out)
	for _, tt := range []struct{ cell, want string }{{"B4", "1080306020000000000"}, {"C4", "铝液"}, {"C6", "铝液"}, {"A5", "AL202604000001"}} {
		if v, _ := f.GetCellValue(Detail, tt.cell); v != tt.want {
			t.Errorf("%s = %q, want %q", tt.cell, v, tt.want)
		}
	}
	if n, _, _ := tpl.Limit(Detail, "项目名称"); n != 100 {
		t.Errorf("Limit(项目名称) = %d after the swap", n)
	}
	_, gotDetail, _, err := ReadBack(bytes.NewReader(out), int64(len(out)), "out.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if gotDetail[2]["项目名称"] != "铝液" || gotDetail[2]["商品和服务税收编码"] != "1080306020000000000" {
		t.Errorf("ReadBack row 6 = %v", gotDetail[2])
	}
}

func TestMissingHeader(t *testing.T) {
	b := edit(t, func(f *excelize.File) error { return f.SetCellStr(Basic, "W3", "") })
	tpl, err := openBytes(t, b, "no-remark.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	err = tpl.Require(Basic, "发票流水号", "备注", "收款人")
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindMissingHeader || e.Header != "备注" || e.Sheet != Basic || e.Name != "no-remark.xlsx" {
		t.Fatalf("Require = %#v", err)
	}
	if err := mustDefault(t).Require(Basic, "发票流水号", "备注", "收款人"); err != nil {
		t.Errorf("Require on the blank: %v", err)
	}
	if err := tpl.Require("gjhdq", "x"); kindOf(err) != KindMissingSheet {
		t.Errorf("Require(gjhdq) = %v", err)
	}
	basic, detail := sampleRows(1)
	err = tpl.Fill(&bytes.Buffer{}, basic, detail)
	if !errors.As(err, &e) || e.Kind != KindUnknownHeader || e.Header != "备注" || e.Row != 4 {
		t.Errorf("Fill = %v", err)
	}
}

func TestOtherVersion(t *testing.T) {
	b := edit(t, func(f *excelize.File) error { return f.SetCellStr(VersionSheet, VersionCell, "pt:20270101") })
	tpl, err := openBytes(t, b, "new.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if v := tpl.Version(); v != "pt:20270101" {
		t.Errorf("Version = %q", v)
	}
	basic, detail := sampleRows(2)
	out := fill(t, tpl, basic, detail)
	if _, _, v, err := ReadBack(bytes.NewReader(out), int64(len(out)), "x"); err != nil || v != "pt:20270101" {
		t.Errorf("ReadBack version = %q, %v", v, err)
	}
}

// bomb returns the blank with one part replaced by n bytes of spaces,
// which deflate to about a thousandth of that.
func bomb(t testing.TB, n int) []byte {
	return rezip(t, v260401, map[string][]byte{"xl/worksheets/sheet5.xml": bytes.Repeat([]byte(" "), n)}, nil)
}

func TestOpenRefuses(t *testing.T) {
	filled := fill(t, mustDefault(t), nil, []Row{{"发票流水号": "1", "项目名称": "铝液", "商品和服务税收编码": "1", "金额": "1", "税率": "0.13"}})
	tests := []struct {
		name  string
		data  []byte
		size  int64 // when not len(data)
		kind  Kind
		sheet string
	}{
		{"bomb 30 MB", bomb(t, 30_000_000), 0, KindTooLarge, ""},
		{"over 16 MiB", nil, 17 << 20, KindTooLarge, ""},
		{"not a zip", []byte("PK\x03\x04 this is not a workbook at all"), 0, KindCorrupt, ""},
		{"truncated", v260401[:len(v260401)/2], 0, KindCorrupt, ""},
		{"empty", nil, 0, KindCorrupt, ""},
		{"broken sheet XML", rezip(t, v260401, map[string][]byte{"xl/worksheets/sheet6.xml": []byte("<worksheet><sheetData><row r=\"1\">")}, nil), 0, KindCorrupt, Detail},
		{"lying size", lyingZip(t), 0, KindCorrupt, ""},
		{"no detail sheet", edit(t, func(f *excelize.File) error { return f.SetSheetName(Detail, "2-明细") }), 0, KindMissingSheet, Detail},
		{"no version sheet", edit(t, func(f *excelize.File) error { return f.DeleteSheet(VersionSheet) }), 0, KindMissingSheet, VersionSheet},
		{"no version", edit(t, func(f *excelize.File) error { return f.SetCellStr(VersionSheet, VersionCell, " ") }), 0, KindMissingVersion, VersionSheet},
		{"filled", filled, 0, KindTemplateHasData, Detail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			size := tt.size
			if size == 0 {
				size = int64(len(tt.data))
			}
			_, err := Open(bytes.NewReader(tt.data), size, tt.name)
			var e *Error
			if !errors.As(err, &e) || e.Kind != tt.kind || e.Sheet != tt.sheet || e.Name != tt.name {
				t.Fatalf("Open = %v (%#v), want kind %v sheet %q", err, err, tt.kind, tt.sheet)
			}
			if tt.kind == KindTooLarge && e.Limit == 0 {
				t.Error("no limit in the error")
			}
		})
	}
}

// lyingZip is the blank with the declared size of its streets dictionary
// (4.3 MiB) cut to 1 KiB, so the size check passes and the unzipping must
// catch it.
func lyingZip(t testing.TB) []byte {
	b := bytes.Clone(v260401)
	// Patch the uncompressed size in the local header and the central
	// directory entry of the part.
	name := []byte("xl/worksheets/sheet5.xml")
	n := 0
	for i := 0; i+30 < len(b); i++ {
		switch {
		case bytes.HasPrefix(b[i:], []byte("PK\x03\x04")) && bytes.HasPrefix(b[i+30:], name):
			copy(b[i+22:], []byte{0, 4, 0, 0})
			n++
		case bytes.HasPrefix(b[i:], []byte("PK\x01\x02")) && bytes.HasPrefix(b[i+46:], name):
			copy(b[i+24:], []byte{0, 4, 0, 0})
			n++
		}
	}
	if n != 2 {
		t.Fatalf("patched %d headers", n)
	}
	return b
}

// TestNoTempFiles holds that no path of Open or ReadBack leaves a file in
// the temporary directory, and shows that excelize with its default limits
// would (so that the test can fail).
func TestNoTempFiles(t *testing.T) {
	dir, err := os.MkdirTemp("", "template-tmp-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	// A template with an unused 20 MiB part: under our limit, over
	// excelize's default of 16 MiB for parts kept in memory.
	big := rezip(t, v260401, nil, map[string][]byte{"xl/worksheets/sheet12.xml": bytes.Repeat([]byte(" "), 20<<20)})
	basic, detail := sampleRows(5)
	filled := fill(t, mustDefault(t), basic, detail)
	inputs := [][]byte{v260401, big, bomb(t, 30_000_000), []byte("junk"), v260401[:1000], filled, lyingZip(t)}
	t.Setenv("TMPDIR", dir)
	if os.TempDir() != dir {
		t.Fatalf("TempDir = %s", os.TempDir())
	}
	empty := func(when string) {
		t.Helper()
		if ents, _ := os.ReadDir(dir); len(ents) > 0 {
			t.Errorf("%s: %d files left in the temporary directory, e.g. %s", when, len(ents), ents[0].Name())
		}
	}
	for i, b := range inputs {
		_, err := Open(bytes.NewReader(b), int64(len(b)), "in")
		empty("Open " + string(rune('0'+i)) + ": " + errString(err))
		_, _, _, err = ReadBack(bytes.NewReader(b), int64(len(b)), "in")
		empty("ReadBack " + string(rune('0'+i)) + ": " + errString(err))
	}
	// The control: excelize's defaults spill the big part to a file.
	f, err := excelize.OpenReader(bytes.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) == 0 {
		t.Error("control: excelize's defaults left no temporary file; the test proves nothing")
	}
	f.Close()
	empty("excelize Close")
}

func errString(err error) string {
	if err == nil {
		return "ok"
	}
	return strings.SplitN(err.Error(), ":", 3)[len(strings.SplitN(err.Error(), ":", 3))-1]
}
