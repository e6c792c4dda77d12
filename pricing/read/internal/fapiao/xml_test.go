package fapiao

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// baseXML is a clean fixture the cases below vary.
func baseXML(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, "clean/26652000000026030001.xml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReadXMLVariants(t *testing.T) {
	base := baseXML(t)
	red := strings.Replace(base, "<InIssuType><LabelCode>Y</LabelCode>", "<InIssuType><LabelCode>N</LabelCode>", 1)
	general := strings.Replace(base, "<GeneralOrSpecialVAT><LabelCode>01</LabelCode>", "<GeneralOrSpecialVAT><LabelCode>02</LabelCode>", 1)
	tests := []struct {
		name     string
		from, to string // replaced once in base (or in red / general, see doc)
		doc      string // when set, the document instead of base
		kind     Kind   // 0: it reads
		path     string
		check    func(t *testing.T, inv *Invoice)
	}{
		{name: "time part", from: "<IssueTime>2026-04-02</IssueTime>", to: "<IssueTime>2026-04-02 10:15:32</IssueTime>",
			check: func(t *testing.T, inv *Invoice) {
				if inv.IssueDate != "2026-04-02" || inv.IssueTime != "10:15:32" {
					t.Errorf("issued %q %q", inv.IssueDate, inv.IssueTime)
				}
			}},
		{name: "ISO time part", from: "<IssueTime>2026-04-02</IssueTime>", to: "<IssueTime>2026-04-02T23:59:59</IssueTime>"},
		{name: "bad time", from: "<IssueTime>2026-04-02</IssueTime>", to: "<IssueTime>2026-04-02 24:00:00</IssueTime>", kind: KindBadDate, path: PathIssueTime},
		{name: "short date", from: "<IssueTime>2026-04-02</IssueTime>", to: "<IssueTime>2026-4-2</IssueTime>", kind: KindBadDate, path: PathIssueTime},
		{name: "byte order mark", from: "<?xml", to: "\uFEFF<?xml"},
		{name: "namespace", from: "<EInvoice>", to: `<EInvoice xmlns="urn:example">`},
		{name: "CDATA and escapes", from: "<BuyerName>准东示例铝材有限公司</BuyerName>", to: "<BuyerName><![CDATA[A&B]]> &amp; &#x4E2D;</BuyerName>",
			check: func(t *testing.T, inv *Invoice) {
				if inv.Buyer.Name != "A&B & 中" {
					t.Errorf("buyer %q", inv.Buyer.Name)
				}
			}},
		{name: "value whitespace", from: "<Amount>999998.16</Amount>", to: "<Amount>\n  999998.16\t</Amount>"},
		{name: "inner space", from: "<Amount>999998.16</Amount>", to: "<Amount>999 998.16</Amount>", kind: KindBadNumber, path: PathLine + "[1]/Amount"},
		{name: "plus sign", from: "<ComTaxAm>129999.76</ComTaxAm>", to: "<ComTaxAm>+129999.76</ComTaxAm>", kind: KindBadNumber, path: PathLine + "[1]/ComTaxAm"},
		{name: "empty amount", from: "<Amount>999998.16</Amount>", to: "<Amount></Amount>", kind: KindMissing, path: PathLine + "[1]/Amount"},
		{name: "quantity empty", from: "<Quantity>48.285</Quantity>", to: "<Quantity/>",
			check: func(t *testing.T, inv *Invoice) {
				if inv.Lines[0].Quantity.Present || !inv.Lines[0].UnitPrice.Present {
					t.Errorf("quantity %+v, price %+v", inv.Lines[0].Quantity, inv.Lines[0].UnitPrice)
				}
			}},
		{name: "price absent", from: "<UnPrice>20710.32743088</UnPrice>", to: "",
			check: func(t *testing.T, inv *Invoice) {
				if inv.Lines[0].UnitPrice.Present {
					t.Errorf("price %+v", inv.Lines[0].UnitPrice)
				}
			}},
		{name: "duplicate line value", from: "<Amount>999998.16</Amount>", to: "<Amount>999998.16</Amount><Amount>1.00</Amount>",
			kind: KindDuplicate, path: PathLine + "[1]/Amount[2]"},
		{name: "duplicate container", from: "<TaxSupervisionInfo>", to: "<TaxSupervisionInfo></TaxSupervisionInfo><TaxSupervisionInfo>",
			kind: KindDuplicate, path: "EInvoice/TaxSupervisionInfo[2]"},
		{name: "second line", from: "</IssuItemInformation>", to: "</IssuItemInformation><IssuItemInformation><ItemName>x</ItemName>" +
			"<Amount>-1.5</Amount><TaxRate>0.09</TaxRate><ComTaxAm>0</ComTaxAm><TaxClassificationCode>3010102020100000000</TaxClassificationCode></IssuItemInformation>",
			check: func(t *testing.T, inv *Invoice) {
				if len(inv.Lines) != 2 || inv.Lines[1].Path != PathLine+"[2]" || written(inv.Lines[1].Amount) != "-1.5" {
					t.Errorf("lines %+v", inv.Lines)
				}
			}},
		{name: "missing in second line", from: "</IssuItemInformation>", to: "</IssuItemInformation>\n<IssuItemInformation><ItemName>x</ItemName></IssuItemInformation>",
			kind: KindMissing, path: PathLine + "[2]/Amount"},
		{name: "no lines", doc: cutElement(base, "IssuItemInformation"), kind: KindMissing, path: PathLine},
		{name: "no number", doc: cutElement(base, "InvoiceNumber"), kind: KindMissing, path: PathInvoiceNumber},
		{name: "no totals", doc: cutElement(base, "BasicInformation"), kind: KindMissing, path: PathTotalExclVAT},
		{name: "tax code short", from: "<TaxClassificationCode>1080306020000000000", to: "<TaxClassificationCode>108030602000000000", kind: KindBadCode, path: PathLine + "[1]/TaxClassificationCode"},
		{name: "lowercase tax id", from: "<SellerIdNum>91652300MA7AL0001X", to: "<SellerIdNum>91652300ma7al0001x", kind: KindBadCode, path: PathSellerTaxID},
		{name: "issue type", from: "<InIssuType><LabelCode>Y", to: "<InIssuType><LabelCode>B", kind: KindBadCode, path: PathIssueType},
		{name: "special without buyer id", doc: cutElement(base, "BuyerIdNum"), kind: KindMissing, path: PathBuyerTaxID},
		{name: "general without buyer id", doc: cutElement(general, "BuyerIdNum"),
			check: func(t *testing.T, inv *Invoice) {
				if inv.Type != General || inv.Buyer.TaxID != "" {
					t.Errorf("type %q, buyer id %q", inv.Type, inv.Buyer.TaxID)
				}
			}},
		{name: "red without original", doc: red, kind: KindMissing, path: PathOriginalNumber},
		{name: "red original short", doc: strings.Replace(red, "</EInvoiceData>", "<SpecificInformation><RedEInvoice><OriginalInvoiceCode>123</OriginalInvoiceCode></RedEInvoice></SpecificInformation></EInvoiceData>", 1),
			kind: KindBadCode, path: PathOriginalNumber},
		{name: "unknown entity", from: "<Drawer>示例开票员</Drawer>", to: "<Drawer>&nbsp;</Drawer>", kind: KindNotXML},
		{name: "lone entity declaration", from: "<EInvoice>", to: "<!ENTITY x \"y\"><EInvoice>", kind: KindEntity},
		{name: "plain doctype", from: "<EInvoice>", to: "<!DOCTYPE EInvoice><EInvoice>"},
		{name: "GBK declared", from: `encoding="UTF-8"`, to: `encoding="GBK"`, kind: KindNotXML},
		{name: "invalid UTF-8", from: "准东示例铝材", to: "\xff\xfe", kind: KindNotXML},
		{name: "second root", doc: base + "<EInvoice/>", kind: KindNotXML},
		{name: "text after root", doc: base + "x", kind: KindNotXML},
		{name: "unclosed", doc: strings.TrimSuffix(base, "</EInvoice>\n"), kind: KindNotXML},
		{name: "empty", doc: "", kind: KindNotXML},
		{name: "deep unknown", from: "<EInvoiceData>", to: "<EInvoiceData>" + strings.Repeat("<a>", 70) + strings.Repeat("</a>", 70), kind: KindTooLarge},
		{name: "values inside unknown", from: "<EInvoiceData>", to: "<EInvoiceData><X><Amount>1e9</Amount></X>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := tt.doc
			if doc == "" && tt.from != "" {
				if !strings.Contains(base, tt.from) {
					t.Fatalf("%q is not in the base document", tt.from)
				}
				doc = strings.Replace(base, tt.from, tt.to, 1)
			}
			inv, err := ReadXML(strings.NewReader(doc), "t.xml")
			if tt.kind == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if tt.check != nil {
					tt.check(t, inv)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, %v; want an *Error of kind %s", inv, err, tt.kind)
			}
			if e.Kind != tt.kind || (tt.path != "" && e.Path != tt.path) || e.File != "t.xml" {
				t.Errorf("got %s at %q (%v), want %s at %q", e.Kind, e.Path, e, tt.kind, tt.path)
			}
		})
	}
}

// cutElement removes every <name>…</name> from doc.
func cutElement(doc, name string) string {
	for {
		i := strings.Index(doc, "<"+name+">")
		if i < 0 {
			return doc
		}
		end := "</" + name + ">"
		j := strings.Index(doc[i:], end)
		doc = doc[:i] + doc[i+j+len(end):]
	}
}

func TestReadXMLSize(t *testing.T) {
	base := baseXML(t)
	pad := func(n int) string { // base, made n bytes long by a comment before the root
		fill := n - len(base) - len("<!---->")
		return strings.Replace(base, "<EInvoice>", "<!--"+strings.Repeat("x", fill)+"--><EInvoice>", 1)
	}
	if _, err := ReadXML(strings.NewReader(pad(MaxXMLSize)), "max.xml"); err != nil {
		t.Errorf("at MaxXMLSize: %v", err)
	}
	_, err := ReadXML(strings.NewReader(pad(MaxXMLSize+1)), "big.xml")
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindTooLarge {
		t.Errorf("over MaxXMLSize: %v", err)
	}
	// An endless input is refused after MaxXMLSize+1 bytes, not read to its end.
	r := &countingReader{}
	if _, err := ReadXML(r, "endless.xml"); !errors.As(err, &e) || e.Kind != KindTooLarge || r.n > MaxXMLSize+1 {
		t.Errorf("endless input: %v after %d bytes", err, r.n)
	}
}

type countingReader struct{ n int }

func (r *countingReader) Read(b []byte) (int, error) {
	for i := range b {
		b[i] = ' '
	}
	r.n += len(b)
	return len(b), nil
}

func TestReadXMLReadError(t *testing.T) {
	boom := errors.New("boom")
	_, err := ReadXML(io.MultiReader(strings.NewReader("<EIn"), errReader{boom}), "x.xml")
	var e *Error
	if !errors.Is(err, boom) || errors.As(err, &e) {
		t.Errorf("got %v, want boom, not an *Error", err)
	}
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

func TestErrorText(t *testing.T) {
	e := &Error{File: "a.xml", Path: PathLine + "[3]/Amount", Line: 40, Value: "1e9999", Kind: KindBadNumber}
	want := `a.xml:40: EInvoice/EInvoiceData/IssuItemInformation[3]/Amount is not a plain decimal number ("1e9999")`
	if e.Error() != want {
		t.Errorf("got  %s\nwant %s", e.Error(), want)
	}
	for k := KindNotXML; k <= KindConflict; k++ {
		if strings.HasPrefix(k.String(), "Kind(") || kindText[k] == "" {
			t.Errorf("kind %d has no name or text", k)
		}
	}
}

func TestSupplyMonth(t *testing.T) {
	tests := []struct{ remark, month string }{
		{"供货月份:2026-03", "2026-03"}, {"x 供货月份：2026-12 y", "2026-12"}, {"供货月份 : 2026-01", "2026-01"},
		{"供货月份:2026-13", ""}, {"供货月份:2026-031", ""}, {"供货月份2026-03", ""}, {"", ""}, {"供货月份:26-03", ""},
	}
	for _, tt := range tests {
		inv := Invoice{Remark: tt.remark}
		m, ok := inv.SupplyMonth()
		if m != tt.month || ok != (tt.month != "") {
			t.Errorf("SupplyMonth(%q) = %q, %v; want %q", tt.remark, m, ok, tt.month)
		}
	}
}
