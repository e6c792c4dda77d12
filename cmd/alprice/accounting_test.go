package main

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// dataLines counts the non-empty lines of a CSV file after its header (the
// sample files have no quoted line breaks).
func dataLines(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := -1
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) != "" {
			n++
		}
	}
	return n
}

func runJSON(t *testing.T, v any, args ...string) {
	t.Helper()
	stdout, stderr, status := runAlprice(t, "", append(args, "--format", "json")...)
	if status == 2 {
		t.Fatalf("%v: %s", args, stderr)
	}
	if err := json.Unmarshal([]byte(stdout), v); err != nil {
		t.Fatalf("%v: %v", args, err)
	}
}

// Nothing is lost: for every sample file, the output accounts for every
// data line — used, excluded with a reason, or rejected with a reason.
func TestEveryRowIsAccountedFor(t *testing.T) {
	t.Chdir("../..")
	for _, path := range []string{h1Quotes, "testdata/quotes/gbk-chinese-headers.csv", "testdata/quotes/utf8-bom.csv"} {
		var months []struct {
			Days     int `json:"days"`
			Excluded []struct {
				Reason string `json:"reason"`
			} `json:"excluded"`
			Declared []struct{ Reason string } `json:"declared"`
		}
		runJSON(t, &months, "average", "--quotes", path)
		got := 0
		for _, m := range months {
			got += m.Days + len(m.Excluded) + len(m.Declared)
			for _, e := range m.Excluded {
				if e.Reason == "" {
					t.Errorf("%s: a row excluded without a reason", path)
				}
			}
		}
		if want := dataLines(t, path); got != want {
			t.Errorf("average %s: %d rows accounted for, %d in the file", path, got, want)
		}
	}
	for _, path := range []string{"testdata/deliveries-2026-03.csv", "testdata/deliveries/kg-chinese-headers-gbk.csv", "testdata/deliveries/bad-rows.csv"} {
		var s struct {
			Rows       struct{ Read, Settled, Rejected, Other int } `json:"rows"`
			Statements []struct {
				Tickets int `json:"tickets"`
			} `json:"statements"`
			Rejected []struct {
				Line   int    `json:"line"`
				Reason string `json:"reason"`
			} `json:"rejected"`
		}
		runJSON(t, &s, "settle", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes, "--deliveries", path, "--skip-invalid")
		tickets := 0
		for _, st := range s.Statements {
			tickets += st.Tickets
		}
		lines := map[int]bool{}
		for _, r := range s.Rejected {
			lines[r.Line] = r.Reason != ""
		}
		if want := dataLines(t, path); s.Rows.Read != want || tickets != s.Rows.Settled || len(lines) != s.Rows.Rejected ||
			s.Rows.Settled+s.Rows.Rejected+s.Rows.Other != want {
			t.Errorf("settle %s: %+v, %d tickets in statements, %d rejected lines; %d rows in the file", path, s.Rows, tickets, len(lines), want)
		}
	}
	for _, path := range []string{"testdata/invoices/clean-2026-03.csv", "testdata/invoices/invoice-vat-sum.csv"} {
		var c struct {
			Months []struct {
				Lines int `json:"lines"`
			} `json:"months"`
		}
		runJSON(t, &c, "check", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes,
			"--deliveries", "testdata/deliveries-2026-03.csv", "--invoices", path)
		got := 0
		for _, m := range c.Months {
			got += m.Lines
		}
		if want := dataLines(t, path); got != want {
			t.Errorf("check %s: %d lines accounted for, %d in the file", path, got, want)
		}
	}
}
