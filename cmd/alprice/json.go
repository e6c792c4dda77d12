package main

import (
	"github.com/shopspring/decimal"

	"alprice/pricing"
)

// The JSON values every command shares: money and weights as strings with
// a fixed number of decimals, notes and problems on input rows.

// money is a JSON amount: a string with exactly 2 decimals.
type money decimal.Decimal

func (m money) MarshalJSON() ([]byte, error) {
	return []byte(`"` + decimal.Decimal(m).StringFixed(2) + `"`), nil
}

// tonnes is a JSON weight: a string with exactly 3 decimals.
type tonnes pricing.Weight

func (w tonnes) MarshalJSON() ([]byte, error) {
	return []byte(`"` + pricing.Weight(w).String() + `"`), nil
}

// noteJSON is a remark on an input row.
type noteJSON struct {
	Date   string `json:"date"`
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

// notesJSON writes remarks on rows, said in l; never null.
func notesJSON(l lang, notes []pricing.Note) []noteJSON {
	out := []noteJSON{}
	for _, n := range notes {
		out = append(out, noteJSON{Date: pricing.FormatDate(n.Date), Line: n.Line, Reason: l.say(n.Why)})
	}
	return out
}

// problemJSON is a bad value of a rejected row.
type problemJSON struct {
	Line   int    `json:"line"`
	Field  string `json:"field"`
	Value  string `json:"value"`
	Reason string `json:"reason"`
}

// problemsJSON writes bad values; never null.
func problemsJSON(list pricing.ErrorList) []problemJSON {
	out := []problemJSON{}
	for _, e := range list {
		out = append(out, problemJSON{Line: e.Line, Field: e.Field, Value: e.Value, Reason: e.Err.Error()})
	}
	return out
}
