package read

import (
	"io"

	"alprice/pricing"
)

// ReadProduction reads the smelter's own production per month, CSV
// month,output_t (月份, 产量): the tonnes of aluminium tapped, all customers
// and casting included. Every bad row is listed; a month twice is one.
func ReadProduction(r io.Reader, name string, enc Encoding) (map[pricing.Month]pricing.Weight, error) {
	t, err := openCSV(r, name, enc, []column{
		{key: "month", names: []string{"month", "月份"}, required: true},
		{key: "output_t", names: []string{"output_t", "产量", "产量(吨)"}, required: true},
	})
	if err != nil {
		return nil, err
	}
	out := map[pricing.Month]pricing.Weight{}
	lines := map[pricing.Month]int{}
	errs := t.eachRow(func(rec []string, line int) pricing.ErrorList {
		var problems pricing.ErrorList
		m, err := pricing.ParseMonth(t.field(rec, "month"))
		if err != nil {
			problems = append(problems, t.fieldError("month", t.field(rec, "month"), err))
		}
		w, err := pricing.ParseWeight(t.field(rec, "output_t"))
		if err != nil {
			problems = append(problems, t.fieldError("output_t", t.field(rec, "output_t"), err))
		}
		if len(problems) > 0 {
			return problems
		}
		if first, dup := lines[m]; dup {
			return pricing.ErrorList{t.fieldError("month", m.String(), pricing.Errorf("is given twice (also at line %d)", first))}
		}
		lines[m], out[m] = line, w
		return nil
	})
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, &pricing.InputError{Source: name, Line: 1, Err: pricing.Errorf("has a header but no months")}
	}
	return out, nil
}
