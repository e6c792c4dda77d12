package read

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"alprice/pricing"

	"go.yaml.in/yaml/v3"
)

// MaxAgreementsSize is the largest agreements file read: a real one is a
// few kilobytes.
const MaxAgreementsSize = 1 << 20

// maxAliases bounds how many YAML aliases one file may follow, so that a
// crafted file cannot expand into an exhausted machine.
const maxAliases = 100

// ReadAgreements reads an agreements file (YAML) from r; name is used in
// messages. Every value is read from its source text with the value syntax,
// never through a float. The reader is strict: an unknown key, a missing or
// duplicate id, two versions from the same month, overlapping versions, a
// fee or premium without a label and any bad value are errors; all of them
// are returned together as an [ErrorList], each with its line and key.
//
// The shape:
//
//	seller: 准东示例电解铝有限公司        # optional
//	agreements:
//	  - id: ZD-2026-001
//	    buyer: 准东示例铝材有限公司
//	    terms:
//	      - from: 2026-01                  # this version prices from 2026-01 on
//	        to: 2026-06                    # optional last month
//	        pricing_month: delivery        # delivery (当月均价) | previous (上月均价)
//	        provisional_basis: previous    # previous | month_to_date: what a month in progress is invoiced on
//	        average_rounding: yuan         # yuan | fen
//	        unit_price_rounding: fen       # fen | yuan
//	        vat_rate: 13%
//	        deductions:
//	          - {kind: transport, value: 600}
//	          - {kind: burn_loss, value: 0.6%}
//	          - {kind: fee, label: 检测费, value: 10}
//	        premiums:
//	          - {label: 合金化加价, value: 200}
func ReadAgreements(r io.Reader, name string) (*pricing.Agreements, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxAgreementsSize+1))
	if err != nil {
		return nil, &pricing.InputError{Source: name, Err: err}
	}
	if len(data) > MaxAgreementsSize {
		return nil, &pricing.InputError{Source: name, Err: pricing.Errorf("is larger than %d bytes; an agreements file is a few kilobytes", MaxAgreementsSize)}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		return nil, yamlSyntaxError(name, data, err)
	}
	if len(doc.Content) == 0 {
		return nil, &pricing.InputError{Source: name, Err: pricing.Errorf("is empty: it needs an agreements: list")}
	}
	var more yaml.Node
	if err := dec.Decode(&more); err != io.EOF {
		// A second document would be dropped without a word.
		return nil, &pricing.InputError{Source: name, Line: secondDocumentLine(data, doc.Content[0].Line),
			Err: pricing.Errorf("starts a second YAML document (---): an agreements file is one document; list every agreement under the agreements key")}
	}
	y := &yamlReader{name: name}
	s := y.agreements(doc.Content[0])
	if y.flood != nil {
		// Past the alias bound the rest of the tree was not read: the
		// other errors would be noise.
		return nil, y.flood
	}
	if err := y.errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// secondDocumentLine returns the line of the "---" that ends the first
// document, whose content starts on line first.
func secondDocumentLine(data []byte, first int) int {
	for i, l := range strings.Split(string(data), "\n") {
		if i+1 > first && (strings.TrimRight(l, " \r") == "---" || strings.HasPrefix(l, "--- ")) {
			return i + 1
		}
	}
	return first
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlSyntaxError turns the YAML library's message into an InputError with
// the line, and a hint for the commonest mistake: a tab in the indentation,
// which the library may report against the line before. Some messages name
// no line; then the line is found from what they say.
func yamlSyntaxError(name string, data []byte, err error) error {
	msg := err.Error()
	e := &pricing.InputError{Source: name}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	lines := strings.Split(string(data), "\n")
	if e.Line == 0 {
		e.Line = lineOfYAMLError(lines, msg)
	}
	e.Err = pricing.Errorf("not valid YAML: %s", msg)
	for _, n := range []int{e.Line, e.Line + 1} {
		if n > 0 && n <= len(lines) && strings.HasPrefix(strings.TrimLeft(lines[n-1], " "), "\t") {
			e.Line = n
			e.Err = pricing.Errorf("not valid YAML: %s (the line is indented with a tab: YAML indents with spaces only)", msg)
			break
		}
	}
	return e
}

var unknownAnchor = regexp.MustCompile(`unknown anchor '(.*)' referenced`)

// lineOfYAMLError finds the line a YAML message without one is about: the
// alias of an unknown anchor, the first line with text that is not UTF-8
// or has a control character, or else the last line (the end of the
// stream).
func lineOfYAMLError(lines []string, msg string) int {
	if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		for i, l := range lines {
			if strings.Contains(l, "*"+m[1]) {
				return i + 1
			}
		}
	}
	for i, l := range lines {
		if !utf8.ValidString(l) || strings.ContainsFunc(l, func(r rune) bool { return r < ' ' && r != '\t' && r != '\r' }) {
			return i + 1
		}
	}
	last := len(lines)
	for last > 1 && strings.TrimSpace(lines[last-1]) == "" {
		last--
	}
	return last
}

// yamlReader walks a YAML tree, collecting every error with its line.
type yamlReader struct {
	name    string
	errs    pricing.ErrorList
	aliases int
	flood   *pricing.InputError // the alias that went past maxAliases, if any
}

func (y *yamlReader) fail(n *yaml.Node, field, value string, err error) {
	y.errs = append(y.errs, &pricing.InputError{Source: y.name, Line: n.Line, Column: n.Column, Field: field, Value: value, Err: err})
}

// resolve follows an alias, within the alias budget.
func (y *yamlReader) resolve(n *yaml.Node, field string) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		y.aliases++
		if y.aliases > maxAliases {
			if y.flood == nil {
				y.flood = &pricing.InputError{Source: y.name, Line: n.Line, Column: n.Column, Field: field,
					Err: pricing.Errorf("is one alias too many: a file may use at most %d; write the values out", maxAliases)}
			}
			return nil
		}
		n = n.Alias
	}
	return n
}

// mapping calls each for every key of the mapping n, in file order, after
// checking that n is a mapping whose keys are known and unique; it returns
// the keys present.
func (y *yamlReader) mapping(n *yaml.Node, field string, known []string, each func(key string, v *yaml.Node)) map[string]bool {
	seen := map[string]bool{}
	if n = y.resolve(n, field); n == nil {
		return seen
	}
	if n.Kind != yaml.MappingNode {
		y.fail(n, field, "", pricing.Errorf("must be a mapping of key: value"))
		return seen
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		path := joinField(field, key)
		if j := y.cutAtComma(n, i, field); j > i {
			seen[key] = true // said, as one figure: not missing, nor its pieces unknown keys
			i = j - 2
			continue
		}
		switch {
		case k.Kind != yaml.ScalarNode:
			y.fail(k, field, "", pricing.Errorf("has a key that is not a name"))
		case key == "<<":
			y.fail(k, path, "", pricing.Errorf("merge keys are not supported: write the keys out"))
		case !slices.Contains(known, key):
			y.fail(k, path, "", pricing.Errorf("is not a known key: expected one of %s", strings.Join(known, ", ")))
		case seen[key]:
			y.fail(k, path, "", pricing.Errorf("is given twice"))
		default:
			seen[key] = true
			each(key, v)
		}
	}
	return seen
}

// figureStart and figurePiece are the parts of a figure in comma groups:
// one to three digits, then three digits and maybe decimals after each
// comma.
var (
	figureStart = regexp.MustCompile(`^\d{1,3}$`)
	figurePiece = regexp.MustCompile(`^\d{3}(\.\d+)?$`)
)

// cutAtComma finds, in a flow mapping ({kind: coal, value: 1,200}), a
// figure that its commas cut into a value and keys with no value: the
// pair at i whose value is digits, followed by keys such as 200 with
// nothing after them. It says so once, at the value, showing the figure
// quoted, and returns the index of the pair after the pieces; i when the
// pair at i is no such figure.
func (y *yamlReader) cutAtComma(n *yaml.Node, i int, field string) int {
	if n.Style&yaml.FlowStyle == 0 {
		return i
	}
	k, v := n.Content[i], n.Content[i+1]
	if v.Kind != yaml.ScalarNode || v.Style != 0 || !figureStart.MatchString(v.Value) {
		return i
	}
	figure, j := v.Value, i+2
	for ; j+1 < len(n.Content); j += 2 {
		piece, empty := n.Content[j], n.Content[j+1]
		if piece.Kind != yaml.ScalarNode || piece.Style != 0 || !figurePiece.MatchString(piece.Value) || empty.Tag != "!!null" || empty.Value != "" {
			break
		}
		figure += "," + piece.Value
	}
	if j == i+2 {
		return i
	}
	y.fail(v, joinField(field, k.Value), figure, pricing.Errorf("is cut at its comma: in a {…} list a comma ends a value; quote it, %s: %q", k.Value, figure))
	return j
}

// require reports the keys of known that are missing from seen.
func (y *yamlReader) require(n *yaml.Node, field string, seen map[string]bool, keys ...string) {
	for _, k := range keys {
		if !seen[k] {
			y.fail(n, joinField(field, k), "", pricing.Errorf("is missing"))
		}
	}
}

// sequence returns the items of the sequence n; with nonEmpty, an empty
// list is an error that says why.
func (y *yamlReader) sequence(n *yaml.Node, field string, nonEmpty error) []*yaml.Node {
	if n = y.resolve(n, field); n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		y.fail(n, field, "", pricing.Errorf("must be a list (items starting with -)"))
		return nil
	}
	if len(n.Content) == 0 && nonEmpty != nil {
		y.fail(n, field, "", nonEmpty)
	}
	return n.Content
}

// scalar returns the source text of the scalar n; ok is false (and an error
// recorded) when n is not a scalar or is empty.
func (y *yamlReader) scalar(n *yaml.Node, field string) (text string, ok bool) {
	if n = y.resolve(n, field); n == nil {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		y.fail(n, field, "", pricing.Errorf("must be a single value"))
		return "", false
	}
	if n.Tag == "!!null" || strings.TrimSpace(n.Value) == "" {
		y.fail(n, field, "", pricing.Errorf("is empty"))
		return "", false
	}
	return n.Value, true
}

// parse reads the scalar n with parse, recording any error.
func parse[T any](y *yamlReader, n *yaml.Node, field string, parse func(string) (T, error)) (T, bool) {
	var zero T
	text, ok := y.scalar(n, field)
	if !ok {
		return zero, false
	}
	v, err := parse(text)
	if err != nil {
		y.fail(n, field, text, err)
		return zero, false
	}
	return v, true
}

func joinField(field, key string) string {
	if field == "" {
		return key
	}
	return field + "." + key
}

func (y *yamlReader) agreements(root *yaml.Node) *pricing.Agreements {
	s := &pricing.Agreements{}
	seen := y.mapping(root, "", []string{"seller", "invoice", "coal_discount", "holidays", "agreements"}, func(key string, v *yaml.Node) {
		switch key {
		case "coal_discount":
			s.CoalDiscounts = y.coalDiscounts(v, key)
		case "seller":
			s.Seller = y.seller(v, key)
		case "invoice":
			s.Invoice = y.invoiceItem(v, key)
		case "holidays":
			for i, item := range y.sequence(v, key, nil) {
				if h, ok := y.holiday(item, fmt.Sprintf("holidays[%d]", i)); ok {
					s.Holidays = append(s.Holidays, h)
				}
			}
		case "agreements":
			for i, item := range y.sequence(v, key, pricing.Errorf("is an empty list: the file needs at least one agreement")) {
				s.List = append(s.List, y.agreement(item, fmt.Sprintf("agreements[%d]", i)))
			}
		}
	})
	y.require(root, "", seen, "agreements")
	pricing.SortCoalDiscounts(s.CoalDiscounts)
	for i := range s.List {
		for j := range s.List[i].Terms {
			t := &s.List[i].Terms[j]
			t.CoalDiscounts = s.CoalDiscounts
			for _, a := range t.Adjustments {
				if a.Full && len(s.CoalDiscounts) == 0 {
					y.errs = append(y.errs, &pricing.InputError{Source: y.name, Line: a.Line, Field: "value", Value: "full",
						Err: pricing.Errorf("passes the coal discount through in full, but the file states no coal_discount: add one at the top level")})
				}
			}
		}
	}
	ids := map[string]int{}
	for _, a := range s.List {
		if a.ID == "" {
			continue
		}
		if first, dup := ids[a.ID]; dup {
			y.errs = append(y.errs, &pricing.InputError{Source: y.name, Line: a.Line, Field: "id", Value: a.ID,
				Err: pricing.Errorf("is used by two agreements (the first at line %d)", first)})
			continue
		}
		ids[a.ID] = a.Line
	}
	for _, a := range s.List {
		if first, clash := ids[a.Buyer.Name]; clash && a.Buyer.Name != a.ID {
			y.errs = append(y.errs, &pricing.InputError{Source: y.name, Line: a.Line, Field: "buyer", Value: a.Buyer.Name,
				Err: pricing.Errorf("is the id of the agreement at line %d: a deliveries or invoices row naming it would be ambiguous; rename one", first)})
		}
	}
	return s
}

// nameOf returns the scalar n as a name (an id, a buyer, a label), which
// may hold no invisible or control character.
func (y *yamlReader) nameOf(n *yaml.Node, field string) (string, bool) {
	text, ok := y.scalar(n, field)
	if !ok {
		return "", false
	}
	if err := checkName([]byte(text)); err != nil {
		y.fail(n, field, text, err)
		return "", false
	}
	return text, true
}

// holiday reads one {date, name} of the holidays list.
func (y *yamlReader) holiday(n *yaml.Node, field string) (pricing.Holiday, bool) {
	var date, name string
	var dateNode, nameNode *yaml.Node
	seen := y.mapping(n, field, []string{"date", "name"}, func(key string, v *yaml.Node) {
		switch key {
		case "date":
			date, _ = y.scalar(v, joinField(field, key))
			dateNode = v
		case "name":
			name, _ = y.scalar(v, joinField(field, key))
			nameNode = v
		}
	})
	y.require(n, field, seen, "date", "name")
	if date == "" || name == "" {
		return pricing.Holiday{}, false
	}
	h, err := holidayOf(date, name)
	if err != nil {
		at := dateNode
		if err.field == "name" {
			at = nameNode
		}
		y.fail(at, joinField(field, err.field), err.value, err.err)
		return pricing.Holiday{}, false
	}
	return h, true
}

func (y *yamlReader) agreement(n *yaml.Node, field string) pricing.Agreement {
	a := pricing.Agreement{Line: n.Line}
	known := []string{"id", "buyer", "buyer_tax_id", "buyer_address", "buyer_phone", "buyer_bank", "buyer_account", "buyer_email", "invoice", "terms"}
	seen := y.mapping(n, field, known, func(key string, v *yaml.Node) {
		path := joinField(field, key)
		switch key {
		case "id":
			a.ID, _ = y.nameOf(v, path)
		case "buyer":
			a.Buyer.Name, _ = y.nameOf(v, path)
		case "buyer_tax_id":
			a.Buyer.TaxID, _ = parse(y, v, path, pricing.ParseTaxID)
		case "buyer_address":
			a.Buyer.Address, _ = y.nameOf(v, path)
		case "buyer_phone":
			a.Buyer.Phone, _ = y.nameOf(v, path)
		case "buyer_bank":
			a.Buyer.Bank, _ = y.nameOf(v, path)
		case "buyer_account":
			a.Buyer.Account, _ = y.nameOf(v, path)
		case "buyer_email":
			a.Buyer.Email, _ = y.nameOf(v, path)
		case "invoice":
			a.Invoice = y.invoiceItem(v, path)
		case "terms":
			path := joinField(field, key)
			for i, item := range y.sequence(v, path, pricing.Errorf("is an empty list: an agreement needs at least one terms version")) {
				a.Terms = append(a.Terms, y.terms(item, fmt.Sprintf("%s[%d]", path, i)))
			}
		}
	})
	y.require(n, field, seen, "id", "buyer", "terms")
	y.checkVersions(&a, field)
	return a
}

// coalDiscounts reads coal_discount: one mapping, or a list of them, each
// {per_tonne_coal, coal_per_tonne_aluminium, from}.
func (y *yamlReader) coalDiscounts(n *yaml.Node, field string) []pricing.CoalDiscount {
	if n = y.resolve(n, field); n == nil {
		return nil
	}
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = y.sequence(n, field, pricing.Errorf("is an empty list: state a coal discount, or leave the key out"))
	}
	var out []pricing.CoalDiscount
	seen := map[pricing.Month]int{}
	for i, item := range items {
		path := field
		if n.Kind == yaml.SequenceNode {
			path = fmt.Sprintf("%s[%d]", field, i)
		}
		c := pricing.CoalDiscount{Line: item.Line}
		keys := y.mapping(item, path, []string{"per_tonne_coal", "coal_per_tonne_aluminium", "from"}, func(key string, v *yaml.Node) {
			p := joinField(path, key)
			switch key {
			case "per_tonne_coal":
				c.PerTonneCoal, _ = parse(y, v, p, pricing.ParseMoney)
			case "coal_per_tonne_aluminium":
				c.CoalPerTonneAluminium, _ = parse(y, v, p, pricing.ParseCoalPerTonne)
			case "from":
				c.From, _ = parse(y, v, p, pricing.ParseMonth)
			}
		})
		y.require(item, path, keys, "per_tonne_coal", "coal_per_tonne_aluminium", "from")
		if first, dup := seen[c.From]; dup && c.From != 0 {
			y.fail(item, joinField(path, "from"), c.From.String(), pricing.Errorf("is the start of two coal discounts (the other at line %d)", first))
		}
		seen[c.From] = item.Line
		out = append(out, c)
	}
	return out
}

// invoiceItem reads an invoice: mapping of what invoices name.
func (y *yamlReader) invoiceItem(n *yaml.Node, field string) pricing.InvoiceItem {
	var it pricing.InvoiceItem
	y.mapping(n, field, []string{"kind", "item", "tax_code", "spec", "unit", "show_buyer", "show_seller", "cap"}, func(key string, v *yaml.Node) {
		path := joinField(field, key)
		switch key {
		case "kind":
			it.Kind, _ = parse(y, v, path, pricing.ParseInvoiceKind)
		case "item":
			it.Item, _ = y.nameOf(v, path)
		case "tax_code":
			it.TaxCode, _ = parse(y, v, path, pricing.ParseTaxCode)
		case "spec":
			it.Spec, _ = y.nameOf(v, path)
		case "unit":
			it.Unit, _ = y.nameOf(v, path)
		case "show_buyer":
			it.ShowBuyer, _ = parse(y, v, path, pricing.ParseShow)
		case "show_seller":
			it.ShowSeller, _ = parse(y, v, path, pricing.ParseShow)
		case "cap":
			if c, ok := parse(y, v, path, pricing.ParseMoney); ok {
				if !c.IsPositive() {
					y.fail(v, path, v.Value, pricing.Errorf("is zero; the cap must be more than zero, or left out for one invoice a statement"))
				}
				it.Cap = c
			}
		}
	})
	return it
}

// seller reads the seller: a name, or a mapping of the seller's invoicing
// details.
func (y *yamlReader) seller(n *yaml.Node, field string) pricing.Party {
	if n = y.resolve(n, field); n == nil {
		return pricing.Party{}
	}
	if n.Kind == yaml.ScalarNode {
		name, _ := y.nameOf(n, field)
		return pricing.Party{Name: name}
	}
	var p pricing.Party
	seen := y.mapping(n, field, []string{"name", "tax_id", "address", "phone", "bank", "account"}, func(key string, v *yaml.Node) {
		path := joinField(field, key)
		switch key {
		case "name":
			p.Name, _ = y.nameOf(v, path)
		case "tax_id":
			p.TaxID, _ = parse(y, v, path, pricing.ParseTaxID)
		case "address":
			p.Address, _ = y.nameOf(v, path)
		case "phone":
			p.Phone, _ = y.nameOf(v, path)
		case "bank":
			p.Bank, _ = y.nameOf(v, path)
		case "account":
			p.Account, _ = y.nameOf(v, path)
		}
	})
	y.require(n, field, seen, "name")
	return p
}

// checkVersions rejects versions that start in the same month or overlap.
func (y *yamlReader) checkVersions(a *pricing.Agreement, field string) {
	byFrom := slices.Clone(a.Terms)
	slices.SortStableFunc(byFrom, func(p, q pricing.Terms) int { return int(p.From - q.From) })
	for i := 1; i < len(byFrom); i++ {
		prev, t := byFrom[i-1], byFrom[i]
		if prev.From == 0 || t.From == 0 {
			continue // already reported
		}
		switch {
		case t.From == prev.From:
			y.errs = append(y.errs, &pricing.InputError{Source: y.name, Line: t.Line, Field: field + ".terms.from", Value: t.From.String(),
				Err: pricing.Errorf("is the start of two versions (the other at line %d)", prev.Line)})
		case prev.To != 0 && prev.To >= t.From:
			y.errs = append(y.errs, &pricing.InputError{Source: y.name, Line: prev.Line, Field: field + ".terms.to", Value: prev.To.String(),
				Err: pricing.Errorf("overlaps the version from %s (line %d)", t.From, t.Line)})
		}
	}
}

func (y *yamlReader) terms(n *yaml.Node, field string) pricing.Terms {
	t := pricing.DefaultTerms()
	t.Line = n.Line
	known := []string{"from", "to", "pricing_month", "provisional_basis", "average_rounding", "unit_price_rounding", "vat_rate", "deductions", "premiums"}
	var premiums []pricing.Adjustment
	seen := y.mapping(n, field, known, func(key string, v *yaml.Node) {
		path := joinField(field, key)
		switch key {
		case "from":
			t.From, _ = parse(y, v, path, pricing.ParseMonth)
		case "to":
			t.To, _ = parse(y, v, path, pricing.ParseMonth)
		case "pricing_month":
			t.PricingMonth, _ = parse(y, v, path, pricing.ParsePricingMonth)
		case "provisional_basis":
			t.ProvisionalBasis, _ = parse(y, v, path, pricing.ParseProvisionalBasis)
		case "average_rounding":
			t.AverageRounding, _ = parse(y, v, path, pricing.ParseRounding)
		case "unit_price_rounding":
			t.UnitPriceRounding, _ = parse(y, v, path, pricing.ParseRounding)
		case "vat_rate":
			if r, ok := parse(y, v, path, pricing.ParseVATRate); ok {
				t.VATRate = r
			}
		case "deductions":
			for i, item := range y.sequence(v, path, nil) {
				t.Adjustments = append(t.Adjustments, y.adjustment(item, fmt.Sprintf("%s[%d]", path, i), false))
			}
		case "premiums":
			for i, item := range y.sequence(v, path, nil) {
				premiums = append(premiums, y.adjustment(item, fmt.Sprintf("%s[%d]", path, i), true))
			}
		}
	})
	y.require(n, field, seen, "from")
	if t.To != 0 && t.From != 0 && t.To < t.From {
		y.fail(n, joinField(field, "to"), t.To.String(), pricing.Errorf("is before from (%s)", t.From))
	}
	t.Adjustments = append(t.Adjustments, premiums...)
	for i, a := range t.Adjustments {
		if a.Kind == "" {
			continue
		}
		if j := slices.IndexFunc(t.Adjustments[:i], a.SameLine); j >= 0 {
			what := string(a.Kind)
			if a.Kind.NeedsLabel() {
				what += " " + strconv.Quote(a.Label)
			}
			y.errs = append(y.errs, &pricing.InputError{Source: y.name, Line: a.Line, Field: field,
				Err: pricing.Errorf("states %s twice (also at line %d)", what, t.Adjustments[j].Line)})
		}
	}
	return t
}

func (y *yamlReader) adjustment(n *yaml.Node, field string, premium bool) pricing.Adjustment {
	a := pricing.Adjustment{Line: n.Line}
	var valueNode *yaml.Node
	if premium {
		a.Kind = pricing.Premium
	}
	known := []string{"kind", "label", "value"}
	if premium {
		known = []string{"label", "value"}
	}
	seen := y.mapping(n, field, known, func(key string, v *yaml.Node) {
		path := joinField(field, key)
		switch key {
		case "kind":
			a.Kind, _ = parse(y, v, path, pricing.ParseDeductionKind)
		case "label":
			a.Label, _ = y.nameOf(v, path)
		case "value":
			text, ok := y.scalar(v, path)
			if !ok {
				return // said once, by scalar: parse would say it again
			}
			if text == "full" {
				a.Full = true
				valueNode = v
				return
			}
			a.Value, _ = parse(y, v, path, pricing.ParseValue)
		}
	})
	if a.Full && a.Kind != pricing.Coal {
		y.fail(valueNode, joinField(field, "value"), "full", pricing.Errorf("is for a coal deduction only: the coal discount passed through in full"))
	}
	if premium {
		y.require(n, field, seen, "label", "value")
		return a
	}
	y.require(n, field, seen, "kind", "value")
	if a.Kind == pricing.Fee && !seen["label"] {
		y.fail(n, joinField(field, "label"), "", pricing.Errorf("is missing: a fee needs a label naming what it is for"))
	}
	return a
}
