package changjiang

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"
)

// MaxHistoryPages bounds [Client.HistoryWalk]: a month lies within the
// first few pages, and a walk must never turn into crawling the site.
const MaxHistoryPages = 50

// pagePause is the wait between two history pages of a walk, out of
// courtesy to a site that is not an API.
const pagePause = time.Second

// HistoryPage fetches history page n (1 the newest), GET
// {base}/historyprice/cjxh_{n}/, and returns its raw bytes, GBK as the site
// serves them: decoding and reading the table is the reader's job. The
// answer must look like HTML ([KindNotHTML] otherwise); n below 1 is
// [KindOptions].
func (c *Client) HistoryPage(ctx context.Context, n int) ([]byte, error) {
	if n < 1 {
		return nil, &Error{Kind: KindOptions, Field: "page", Value: strconv.Itoa(n), Err: errors.New("pages start at 1")}
	}
	// JoinPath drops a trailing slash of an element; the site's address
	// has one, and asking without it would cost a redirect.
	u := c.base.JoinPath("historyprice", "cjxh_"+strconv.Itoa(n))
	u.Path += "/"
	body, err := c.do(ctx, c.httpClient(nil), request{method: http.MethodGet, url: u, header: http.Header{
		"Accept": {"text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"},
	}})
	if err != nil {
		return nil, err
	}
	if !looksHTML(body) {
		return nil, &Error{Kind: KindNotHTML, Op: http.MethodGet, URL: redact(u), Status: http.StatusOK, Value: clip(string(bytes.TrimSpace(body)))}
	}
	return body, nil
}

// looksHTML is a loose check, whatever the Content-Type said: the markup
// names are ASCII in GBK too, so the raw bytes can be searched.
func looksHTML(body []byte) bool {
	lower := bytes.ToLower(body)
	for _, tag := range []string{"<html", "<table", "<!doctype html"} {
		if bytes.Contains(lower, []byte(tag)) {
			return true
		}
	}
	return false
}

// HistoryWalk reads history pages 1, 2, … in turn, handing each to read,
// until read says the month wanted is covered (its earliest trading day is
// on the pages read) or maxPages pages were read, with a pause between
// pages. It returns how many pages it read. An error of read is returned
// as it is; a walk that reads maxPages without read saying covered is
// [KindNotCovered] with Limit maxPages. maxPages must be 1 to
// [MaxHistoryPages].
func (c *Client) HistoryWalk(ctx context.Context, maxPages int, read func(page int, body []byte) (covered bool, err error)) (int, error) {
	if maxPages < 1 || maxPages > MaxHistoryPages {
		return 0, &Error{Kind: KindOptions, Field: "maxPages", Value: strconv.Itoa(maxPages),
			Err: errors.New("must be 1 to " + strconv.Itoa(MaxHistoryPages))}
	}
	for n := 1; n <= maxPages; n++ {
		if n > 1 {
			if err := c.sleep(ctx, pagePause); err != nil {
				return n - 1, &Error{Kind: KindCanceled, Err: err}
			}
		}
		body, err := c.HistoryPage(ctx, n)
		if err != nil {
			return n - 1, err
		}
		covered, err := read(n, body)
		if err != nil || covered {
			return n, err
		}
	}
	return maxPages, &Error{Kind: KindNotCovered, Limit: int64(maxPages)}
}
