package pricing

import (
	"errors"
	"strings"

	"github.com/shopspring/decimal"
)

// The errors of finding an agreement or its terms, for errors.Is.
var (
	// ErrNoAgreement: no agreement has the id or buyer name asked for.
	ErrNoAgreement = Errorf("no agreement")
	// ErrAmbiguousBuyer: a buyer name names several agreements.
	ErrAmbiguousBuyer = Errorf("name one by its id")
	// ErrSeveralVersions: an agreement has several terms versions, and no
	// month was named to choose one. The error's text lists them.
	ErrSeveralVersions = Errorf("several terms versions")
)

// versionsError is [Agreement.OnlyTerms]'s error: it lists the versions.
type versionsError struct{ error }

func (e *versionsError) Template() *Error     { return e.error.(*Error) }
func (e *versionsError) Is(target error) bool { return target == ErrSeveralVersions }

// Agreement is one supply agreement between the smelter and a buyer.
type Agreement struct {
	ID      string
	Buyer   Party       // its name, with the invoicing details the file gives
	Invoice InvoiceItem // what its invoices name, over the file's
	Terms   []Terms     // as in the file; versions do not overlap
	Line    int
}

// TermsFor returns the terms version that prices month m: the latest one
// starting on or before m, if it still covers m.
func (a *Agreement) TermsFor(m Month) (Terms, error) {
	best := -1
	for i, t := range a.Terms {
		if t.From <= m && (best < 0 || t.From > a.Terms[best].From) {
			best = i
		}
	}
	if best < 0 || !a.Terms[best].Covers(m) {
		return Terms{}, Errorf("agreement %s has no terms for %s (its versions: %s)", a.ID, m, a.versionList())
	}
	t, err := a.Terms[best].ForMonth(m)
	if err != nil {
		return Terms{}, Errorf("agreement %s: %w", a.ID, err)
	}
	return t, nil
}

// versionList describes the terms versions of a, such as "from 2026-01, from 2026-04 to 2026-06".
func (a *Agreement) versionList() error {
	parts := make(phrases, len(a.Terms))
	for i, t := range a.Terms {
		parts[i] = Errorf("from %s", t.From)
		if t.To != 0 {
			parts[i] = Errorf("from %s to %s", t.From, t.To)
		}
	}
	return parts
}

// OnlyTerms returns the terms of an agreement that has a single version;
// with more, it is an error that lists them, for which errors.Is
// ErrSeveralVersions holds: the caller asks for a month.
func (a *Agreement) OnlyTerms() (Terms, error) {
	if len(a.Terms) != 1 {
		return Terms{}, &versionsError{Errorf("agreement %s has %d terms versions (%s)", a.ID, len(a.Terms), a.versionList())}
	}
	return a.Terms[0].ForMonth(a.Terms[0].From)
}

// Agreements is the content of an agreements file.
type Agreements struct {
	Seller   Party // its name, with the invoicing details the file gives
	Invoice  InvoiceItem
	List     []Agreement
	Holidays []Holiday // public holidays to add to the trading calendar
	// CoalDiscounts are the smelter's coal discount versions (clause 2,
	// coal), by month.
	CoalDiscounts []CoalDiscount
}

// InvoiceItem returns what the invoices of agreement a name: the file's
// invoice: fields, with a's own over them, the item [defaultItem] and the
// unit 吨 unless stated.
func (s *Agreements) InvoiceItem(a *Agreement) InvoiceItem {
	it := s.Invoice.over(a.Invoice)
	if it.Unit == "" {
		it.Unit = "吨"
	}
	if it.Item == "" {
		it.Item = defaultItem
	}
	if it.Kind == "" {
		it.Kind = SpecialInvoice
	}
	return it
}

// SplitCap returns the cap the statements of agreement a are split into
// invoices under: override when it is positive (--invoice-cap), else the
// agreement's invoice: cap; zero for one invoice a statement.
func (s *Agreements) SplitCap(a *Agreement, override decimal.Decimal) decimal.Decimal {
	if override.IsPositive() {
		return override
	}
	if c := s.InvoiceItem(a).Cap; c.IsPositive() {
		return c
	}
	return decimal.Zero
}

// Find returns the agreement with the given id, or else the only agreement
// with the given buyer name.
func (s *Agreements) Find(idOrBuyer string) (*Agreement, error) {
	for i := range s.List {
		if s.List[i].ID == idOrBuyer {
			return &s.List[i], nil
		}
	}
	var found []string
	at := -1
	for i := range s.List {
		if s.List[i].Buyer.Name == idOrBuyer {
			found = append(found, s.List[i].ID)
			at = i
		}
	}
	switch len(found) {
	case 0:
		return nil, Errorf("%w has the id or buyer %q (ids: %s)", ErrNoAgreement, idOrBuyer, strings.Join(s.IDs(), ", "))
	case 1:
		return &s.List[at], nil
	}
	return nil, Errorf("buyer %q has %d agreements (%s): %w", idOrBuyer, len(found), strings.Join(found, ", "), ErrAmbiguousBuyer)
}

// Choose returns the agreement a person names, as typed on a command line:
// its id or buyer name exactly, else the one whose id matches regardless
// of case, else the only one whose id or buyer name starts with name
// (regardless of case). More than one is an error listing them; none, an
// error listing every id and buyer.
func (s *Agreements) Choose(name string) (*Agreement, error) {
	if a, err := s.Find(name); !errors.Is(err, ErrNoAgreement) {
		return a, err
	}
	lower := strings.ToLower(strings.TrimSpace(name))
	var candidates []int
	for i, a := range s.List {
		if strings.ToLower(a.ID) == lower {
			return &s.List[i], nil
		}
		if lower != "" && (strings.HasPrefix(strings.ToLower(a.ID), lower) || strings.HasPrefix(strings.ToLower(a.Buyer.Name), lower)) {
			candidates = append(candidates, i)
		}
	}
	describe := func(idx []int) string {
		parts := make([]string, len(idx))
		for k, i := range idx {
			parts[k] = s.List[i].ID + " (" + s.List[i].Buyer.Name + ")"
		}
		return strings.Join(parts, ", ")
	}
	switch len(candidates) {
	case 1:
		return &s.List[candidates[0]], nil
	case 0:
		all := make([]int, len(s.List))
		for i := range all {
			all[i] = i
		}
		return nil, Errorf("%w has the id or buyer %q: the agreements are %s", ErrNoAgreement, name, describe(all))
	}
	return nil, Errorf("%q names %d agreements, %s: %w", name, len(candidates), describe(candidates), ErrAmbiguousBuyer)
}

// IDs returns the agreement ids in file order.
func (s *Agreements) IDs() []string {
	ids := make([]string, len(s.List))
	for i, a := range s.List {
		ids[i] = a.ID
	}
	return ids
}
