package web

// The JSON the commands print (--format json), as far as the pages show
// it: docs/json.md is the reference. Figures stay the strings the commands
// wrote.

// avgMonth is a month of `average`.
type avgMonth struct {
	Month           string   `json:"month"`
	Days            int      `json:"days"`
	ExpectedDays    int      `json:"expected_days"`
	Status          string   `json:"status"`
	NotYetQuoted    int      `json:"not_yet_quoted"`
	Average         string   `json:"average"`
	MissingWeekdays []string `json:"missing_weekdays"`
	Declared        []struct {
		Date   string `json:"date"`
		Reason string `json:"reason"`
	} `json:"declared"`
}

// line is a line of a price build-up.
type line struct {
	Kind   string `json:"kind"`
	Label  string `json:"label"`
	Basis  string `json:"basis"`
	Amount string `json:"amount"`
}

// override is a term a what-if changed.
type override struct {
	Field  string `json:"field"`
	Agreed string `json:"agreed"`
	Used   string `json:"used"`
}

// price is a price of `table` or `quote`.
type price struct {
	Agreement             string     `json:"agreement"`
	Buyer                 string     `json:"buyer"`
	Month                 string     `json:"month"`
	BenchmarkMonth        string     `json:"benchmark_month"`
	BenchmarkDays         int        `json:"benchmark_days"`
	BenchmarkExpectedDays int        `json:"benchmark_expected_days"`
	BenchmarkStatus       string     `json:"benchmark_status"`
	Benchmark             string     `json:"benchmark"`
	Lines                 []line     `json:"lines"`
	UnitPrice             string     `json:"unit_price"`
	UnitPriceExclVAT      string     `json:"unit_price_excl_vat"`
	VATRate               string     `json:"vat_rate"`
	Unavailable           string     `json:"unavailable"`
	WeightT               string     `json:"weight_t"`
	Amount                string     `json:"amount"`
	AmountInWords         string     `json:"amount_in_words"`
	AmountExclVAT         string     `json:"amount_excl_vat"`
	VAT                   string     `json:"vat"`
	Overrides             []override `json:"overrides"`
}

// Overridden tells whether the what-if changed the term of the line of
// kind and label (a fee's, a premium's or the agreement's own label: the
// override names it "fee 检测费").
func (p price) Overridden(kind, label string) bool {
	for _, o := range p.Overrides {
		if o.Field == kind || o.Field == kind+" "+label {
			return true
		}
	}
	return false
}

// rows is the accounting of the input rows of settle and report.
type rows struct {
	Read     int `json:"read"`
	Settled  int `json:"settled"`
	Rejected int `json:"rejected"`
	Other    int `json:"other"`
	Unpriced int `json:"unpriced"`
	Blank    int `json:"blank"`
}

// settlement is `settle`'s output.
type settlement struct {
	Statements []struct {
		Agreement       string `json:"agreement"`
		Buyer           string `json:"buyer"`
		Month           string `json:"month"`
		BenchmarkMonth  string `json:"benchmark_month"`
		Benchmark       string `json:"benchmark"`
		BenchmarkStatus string `json:"benchmark_status"`
		Tickets         int    `json:"tickets"`
		DeliveredT      string `json:"delivered_t"`
		UnitPrice       string `json:"unit_price"`
		Amount          string `json:"amount"`
		AmountExclVAT   string `json:"amount_excl_vat"`
		VAT             string `json:"vat"`
	} `json:"statements"`
	Total struct {
		Tickets       int    `json:"tickets"`
		DeliveredT    string `json:"delivered_t"`
		Amount        string `json:"amount"`
		AmountExclVAT string `json:"amount_excl_vat"`
		VAT           string `json:"vat"`
	} `json:"total"`
	Rows     rows `json:"rows"`
	Rejected []struct {
		Source string `json:"source"`
		Line   int    `json:"line"`
		Field  string `json:"field"`
		Value  string `json:"value"`
		Reason string `json:"reason"`
	} `json:"rejected"`
}

// verdict is `check`'s output.
type verdict struct {
	OK             bool `json:"ok"`
	WeightsChecked bool `json:"weights_checked"`
	Findings       []struct {
		InvoiceNo   string `json:"invoice_no"`
		Line        int    `json:"line"`
		Buyer       string `json:"buyer"`
		Month       string `json:"month"`
		Field       string `json:"field"`
		Invoiced    string `json:"invoiced"`
		Expected    string `json:"expected"`
		Difference  string `json:"difference"`
		Rule        string `json:"rule"`
		Explanation string `json:"explanation"`
	} `json:"findings"`
	Months []struct {
		Agreement  string   `json:"agreement"`
		Buyer      string   `json:"buyer"`
		Month      string   `json:"month"`
		Invoices   []string `json:"invoices"`
		QuantityT  string   `json:"quantity_t"`
		DeliveredT string   `json:"delivered_t"`
		UnitPrice  string   `json:"unit_price"`
		Billed     string   `json:"billed"`
		Settled    string   `json:"settled"`
		Findings   int      `json:"findings"`
	} `json:"months"`
}

// policyReport is `report`'s output.
type policyReport struct {
	Rows   rows `json:"rows"`
	Months []struct {
		Month           string `json:"month"`
		Agreement       string `json:"agreement"`
		Buyer           string `json:"buyer"`
		BenchmarkStatus string `json:"benchmark_status"`
		DeliveredT      string `json:"delivered_t"`
		Benchmark       string `json:"benchmark"`
		UnitPrice       string `json:"unit_price"`
		Released        string `json:"released"`
		CoalShortfall   string `json:"coal_shortfall"`
	} `json:"months"`
	MonthTotals []struct {
		Month           string  `json:"month"`
		BenchmarkStatus string  `json:"benchmark_status"`
		DeliveredT      string  `json:"delivered_t"`
		Released        string  `json:"released"`
		CoalShortfall   string  `json:"coal_shortfall"`
		OutputT         *string `json:"output_t"`
		ConversionRate  *string `json:"conversion_rate"`
	} `json:"month_totals"`
	Totals struct {
		DeliveredT     string  `json:"delivered_t"`
		Released       string  `json:"released"`
		CoalShortfall  string  `json:"coal_shortfall"`
		OutputT        *string `json:"output_t"`
		ConversionRate *string `json:"conversion_rate"`
	} `json:"totals"`
}
