// Package changjiang fetches A00 aluminium quotes from Changjiang Nonferrous
// (长江有色金属网, www.ccmn.cn): the day's price list as JSON and the history
// pages as GBK HTML. It does the HTTP only; the readers in alprice's pricing
// package parse what it returns, and alprice's message catalogue says its
// errors to people.
//
// The endpoints are the site's own, used by its pages, not an official API:
// they are unofficial and may change or disappear without notice. The newer
// /shop/historyData/getCjysAndCjysw endpoint answers with an encrypted body
// and is never used here.
//
// A [Client] is built by [New] from [Options], which are validated: an http
// or https base URL with a host, a timeout per request greater than zero, a
// version for the User-Agent. Every request is bounded in time and size,
// retried after a growing pause on a network error, a timeout or a 5xx, and
// never on a 4xx; redirects are followed only within the base URL's origin,
// and never for the form POST.
//
// [Client.DailyPriceList] first GETs cjxh.shtml for the session cookie,
// then POSTs the form the page itself posts. The site ignores the date asked
// for and answers with its latest day: store a quote under the answer's own
// publishDate, which [ParseDailyPriceList] returns. [Client.HistoryPage]
// GETs one history page, and [Client.HistoryWalk] reads pages 1, 2, … until
// the caller says the month wanted is covered, at most a given number.
//
// Every failure is an [*Error] whose [Kind] says what went wrong; its text is
// for developers and never holds the base URL's user info.
//
// Files:
//   - doc.go: this overview.
//   - client.go: [Options], [New], [Client] and the one request loop that
//     does timeouts, retries, redirects and size limits.
//   - pricelist.go: [Client.DailyPriceList] and [ParseDailyPriceList].
//   - history.go: [Client.HistoryPage] and [Client.HistoryWalk].
//   - errors.go: [Error] and its [Kind]s.
//   - testdata/: hand-written answers of the site (the history pages in
//     GBK) that the tests' loopback servers serve.
package changjiang
