package read

import (
	"strings"
	"testing"
	"time"
)

func TestReadPastedQuotes(t *testing.T) {
	date := month("2026-03").Day(4)
	sq, err := ReadPastedQuotes(strings.NewReader("A00铝 24370-24410 24390 +440\n\n沪铝 1 2 3\nA00铝24370-2441024390-10\n"), "p.txt", &date)
	if err != nil {
		t.Fatal(err)
	}
	if len(sq.Quotes) != 2 || sq.NotA00 != 1 || !sq.Quotes[1].Change.Equal(d("-10")) || !sq.Quotes[1].High.Equal(d("24410")) || !sq.Quotes[1].Average.Equal(d("24390")) {
		t.Errorf("%+v", sq)
	}
	for text, want := range map[string]string{
		"A00铝1-5511+1\n":               `p.txt:1: "1-5511+1": splits into high and average more than one way (55 / 11, 551 / 1)`,
		"A00铝 23660-23700 23680 +80\n": "p.txt:1: \"A00铝 23660-23700 23680 +80\": has no date",
		"A00铝23700-2366023680+80\n":    "cannot be split into high and average",
		"2026-02-30 A00铝 1-3 2 +1\n":   `p.txt:1: "2026-02-30": is not a day of the calendar`,
		"A00铝 23660-23700 23800 +80\n": "average 23800 is outside the range 23660-23700",
	} {
		var at *time.Time
		if !strings.Contains(want, "no date") {
			at = &date
		}
		_, err := ReadPastedQuotes(strings.NewReader(text), "p.txt", at)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v; want %q", text, err, want)
		}
	}
}

func TestDetectQuoteSource(t *testing.T) {
	for text, want := range map[string]QuoteSource{
		`{"body":{}}`:                        SourceJSON,
		"<!DOCTYPE html><html>":              SourceHTML,
		"<div><TABLE>":                       SourceHTML,
		"date,average\n2026-03-02,1\n":       SourceCSV,
		"\uFEFF日期,均价\n":                      SourceCSV,
		"A00铝 23660-23700 23680 +80\n":       SourceText,
		"2026-03-02 A00铝23660-2370023680+80": SourceText,
	} {
		if got := DetectQuoteSource([]byte(text)); got != want {
			t.Errorf("%q: %s, want %s", text, got, want)
		}
	}
}

// Pasted figures in comma groups, and low and high apart by an em dash or
// any dash the CSV reader's ranges take, are read as the CSV reader reads
// them (#27 item 12).
func TestReadPastedQuotesFormsOfFigures(t *testing.T) {
	date := month("2026-03").Day(4)
	for _, text := range []string{
		"A00铝 24,370-24,410 24,390 +80",
		"A00铝 24370—24410 24390 +80",
		"A00铝 24,370—24,410 24,390 +80",
		"A00铝 24,370 — 24,410 24,390 +80",
		"A00铝 24370～24410 24390 +80",
		"A00铝 24,370.00-24,410.00 24,390.00 +80.00",
		"A00铝 24370–24410 24,390 +80",
	} {
		sq, err := ReadPastedQuotes(strings.NewReader(text+"\n"), "p.txt", &date)
		if err != nil {
			t.Errorf("%q: %v", text, err)
			continue
		}
		q := sq.Quotes[0]
		if !q.Low.Equal(d("24370")) || !q.High.Equal(d("24410")) || !q.Average.Equal(d("24390")) || !q.Change.Equal(d("80")) {
			t.Errorf("%q: %s-%s %s %s", text, q.Low, q.High, q.Average, q.Change)
		}
	}
	for _, bad := range []string{"A00铝 24,37-24,410 24,390", "A00铝 2,4370-24410 24390", "A00铝 24370-24410 24390.123"} {
		if _, err := ReadPastedQuotes(strings.NewReader(bad+"\n"), "p.txt", &date); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}
}
