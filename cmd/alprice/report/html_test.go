package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"golang.org/x/net/html"
)

// hostile are texts an input may carry: markup, a script, an attribute
// breaking out, a spreadsheet formula, a CSS string breaking out.
var hostile = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`=HYPERLINK("http://example.com","x")`,
	`"; } body { display: none } x { content: "`,
}

// elements counts the elements of each name in a parsed document and
// collects its text, and the style sheet's apart.
func elements(t *testing.T, doc []byte) (count map[string]int, text, style string) {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	count = map[string]int{}
	var body, css strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.ElementNode:
			count[n.Data]++
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") || a.Key == "src" || a.Key == "href" {
					count["attr:"+a.Key]++
				}
			}
		case html.TextNode:
			if n.Parent != nil && n.Parent.Data == "style" {
				css.WriteString(n.Data)
			} else {
				body.WriteString(n.Data)
				body.WriteString("\n")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return count, body.String(), css.String()
}

// Everything from an input lands as text: in titles, facts, tables, the
// chart and the signature blocks; no element, attribute or style is made
// of it, and the document has no script and fetches nothing.
func TestHTMLEscapesInputs(t *testing.T) {
	for _, name := range hostile {
		tbl := Table{Title: name, Columns: []Column{{Key: "buyer", Title: name}, {Key: "amount", Title: "Amount"}},
			Rows: [][]Cell{{Str(name), CNY(decimal.RequireFromString("1234.5"))}}}
		chart := Chart{Title: name, Categories: []string{name, "2026-03"},
			Series: []Series{{Name: name, Values: []Cell{CNY(decimal.NewFromInt(1)), CNY(decimal.NewFromInt(2))}}}}
		h := HTML{Lang: "en", Title: name, Provisional: true, Verdict: &Verdict{Text: name},
			Papers: []Paper{{Kind: "statement", Title: name, Provisional: true, Running: name, To: name, From: name, Paragraphs: []string{name},
				Facts: []Fact{{Label: name, Value: Str(name)}}, Tables: []Table{tbl}, Chart: &chart,
				Amount:     &Amount{Facts: []Fact{{Label: name, Value: CNY(decimal.NewFromInt(1))}}, InWords: name},
				Signatures: []Signature{{Role: name, Name: name, TaxID: name}}, Notes: []string{name}}},
			Doc: &Doc{Title: name, Tables: []Table{tbl}, Notes: []string{name}, Charts: []Chart{chart}}}
		var buf bytes.Buffer
		if err := WriteHTML(&buf, h); err != nil {
			t.Fatal(err)
		}
		count, text, style := elements(t, buf.Bytes())
		for _, bad := range []string{"script", "img", "link", "iframe", "object", "attr:onerror", "attr:src", "attr:href"} {
			if count[bad] > 0 {
				t.Errorf("%q: %d %s in the document", name, count[bad], bad)
			}
		}
		if count["style"] != 1 {
			t.Errorf("%q: %d style elements, want the one of the layout", name, count["style"])
		}
		if n := strings.Count(text, name); n < 15 {
			t.Errorf("%q is shown as text %d times, want it everywhere it was put", name, n)
		}
		if strings.Contains(style, "display: none") {
			t.Errorf("%q reached the style sheet", name)
		}
	}
}

// The layout of a statement: its tables with headers repeated on every
// page, the amount in capitals beside the signatures, the mark of a
// provisional paper, the page numbers.
func TestHTMLStatementLayout(t *testing.T) {
	h := HTML{Lang: "zh", T: func(_, zh string) string { return zh }, Title: "结算",
		Papers: []Paper{{Kind: "statement", Title: "铝液结算单", Provisional: true,
			Tables: []Table{{Columns: []Column{{Key: "ticket", Title: "票号"}, {Key: "w", Title: "到位重量"}},
				Rows: [][]Cell{{Str("T1"), Tonnes(31180)}}, Footer: []Cell{Str("合计"), Tonnes(31180)}}},
			Amount:     &Amount{Facts: []Fact{{Label: "价税合计", Value: CNY(decimal.RequireFromString("10201388.1"))}}, InWords: "壹仟零贰拾万壹仟叁佰捌拾捌元壹角整"},
			Signatures: []Signature{{Role: "供方(盖章)"}, {Role: "需方(盖章)"}}}}}
	var buf bytes.Buffer
	if err := WriteHTML(&buf, h); err != nil {
		t.Fatal(err)
	}
	doc := buf.String()
	for _, want := range []string{`<html lang="zh-CN">`, `<thead><tr><th>票号</th><th class="num">到位重量</th></tr></thead>`,
		`<td class="num">31.180</td>`, `<tfoot>`, `10,201,388.10`, `人民币壹仟零贰拾万壹仟叁佰捌拾捌元壹角整`, `class="paper statement provisional"`,
		`暂定价`, `counter(page) " / " counter(pages)`, `thead { display: table-header-group; }`, `.closing { break-inside: avoid;`} {
		if !strings.Contains(doc, want) {
			t.Errorf("no %s in the statement", want)
		}
	}
	closing := strings.Index(doc, `class="closing"`)
	if closing < 0 || strings.Index(doc, "壹仟零贰拾万") < closing || strings.Index(doc, "需方(盖章)") < closing {
		t.Error("the amount in capitals and the signatures are not kept together")
	}
}
