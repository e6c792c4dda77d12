package changjiang

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultMaxBody is the size limit of an answer when [Options].MaxBody is
// zero: a day's price list is a few kilobytes and a history page some tens,
// so 4 MiB is far above any real answer and far below harm.
const DefaultMaxBody = 4 << 20

// defaultPauses are the waits before the two retries when [Options].Pauses
// is nil: growing, so that a site that is briefly down gets time to recover.
var defaultPauses = []time.Duration{1 * time.Second, 2 * time.Second}

// maxRedirects bounds a chain of same-origin redirects, as net/http does.
const maxRedirects = 10

// Options configure a [Client]; [New] checks them.
type Options struct {
	// BaseURL is the site's root, "https://www.ccmn.cn/" in use: an http or
	// https URL with a host, no query and no fragment. A path is kept, for a
	// mirror that serves the site under one. User info is sent (as basic
	// authentication, for a proxy or mirror) but never shown in an error.
	BaseURL string
	// Timeout bounds each request, the reading of its answer included. It
	// must be more than zero: zero would mean waiting for ever.
	Timeout time.Duration
	// Version is alprice's version; the User-Agent names it, as
	// "alprice/VERSION (molten-aluminium pricing; quotes fetch)". Required.
	Version string
	// Transport sends the requests; nil is [http.DefaultTransport].
	Transport http.RoundTripper
	// Pauses are the waits before each retry, so len(Pauses) is the number
	// of retries: nil is 1 s then 2 s, an empty non-nil slice is none.
	Pauses []time.Duration
	// Sleep waits d or until ctx is done, returning ctx's error then; it is
	// used for the pauses between retries and between history pages. Nil
	// sleeps for real; tests inject one that records and returns at once.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock that gives the day asked for; nil is [time.Now].
	Now func() time.Time
	// MaxBody is the size limit of an answer in bytes, after gzip decoding;
	// a larger answer is refused, never cut short. Zero is [DefaultMaxBody].
	MaxBody int64
}

// Client fetches from Changjiang's site. Build one with [New]; it is safe
// for concurrent use, and each call starts its own cookie session.
type Client struct {
	base      *url.URL
	origin    string
	timeout   time.Duration
	userAgent string
	transport http.RoundTripper
	pauses    []time.Duration
	sleep     func(context.Context, time.Duration) error
	now       func() time.Time
	maxBody   int64
}

// New checks o and returns a Client, or an [*Error] of [KindOptions] whose
// Field names the option at fault.
func New(o Options) (*Client, error) {
	bad := func(field, value string, err error) error {
		return &Error{Kind: KindOptions, Field: field, Value: clip(value), Err: err}
	}
	u, err := url.Parse(o.BaseURL)
	if err != nil {
		// url.Parse's own error repeats the whole text, password included:
		// keep only what it says is wrong.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, bad("BaseURL", "", err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, bad("BaseURL", redact(u), errors.New("scheme must be http or https"))
	case u.Host == "" || u.Hostname() == "":
		return nil, bad("BaseURL", redact(u), errors.New("has no host"))
	case u.Opaque != "" || u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return nil, bad("BaseURL", redact(u), errors.New("must have no query and no fragment"))
	case o.Timeout <= 0:
		return nil, bad("Timeout", o.Timeout.String(), errors.New("must be more than zero"))
	case strings.TrimSpace(o.Version) == "" || strings.ContainsAny(o.Version, " \t\r\n()"):
		return nil, bad("Version", o.Version, errors.New("must be one word, such as v1.4.0"))
	case o.MaxBody < 0:
		return nil, bad("MaxBody", "", errors.New("must not be negative"))
	}
	for _, p := range o.Pauses {
		if p < 0 {
			return nil, bad("Pauses", p.String(), errors.New("must not be negative"))
		}
	}
	c := &Client{
		base:      u,
		origin:    origin(u),
		timeout:   o.Timeout,
		userAgent: "alprice/" + o.Version + " (molten-aluminium pricing; quotes fetch)",
		transport: o.Transport,
		pauses:    o.Pauses,
		sleep:     o.Sleep,
		now:       o.Now,
		maxBody:   o.MaxBody,
	}
	if c.pauses == nil {
		c.pauses = defaultPauses
	}
	if c.sleep == nil {
		c.sleep = sleep
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.maxBody == 0 {
		c.maxBody = DefaultMaxBody
	}
	return c, nil
}

// sleep waits d, or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// redact returns u as text without its user info: Redacted would keep the
// user name, and that too is nobody's business in a log.
func redact(u *url.URL) string {
	if u == nil {
		return ""
	}
	v := *u
	v.User = nil
	return v.String()
}

// origin is u's scheme, host and port, the port made explicit so that
// https://h and https://h:443 are the same origin.
func origin(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[strings.ToLower(u.Scheme)]
	}
	return strings.ToLower(u.Scheme) + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// httpClient returns an http.Client for one call, with its own cookie jar
// (nil for none). Its Timeout stays zero: each attempt has a context
// deadline instead, which also bounds reading the answer and lets a
// timeout be told from the caller's own cancellation.
func (c *Client) httpClient(jar http.CookieJar) *http.Client {
	return &http.Client{Transport: c.transport, Jar: jar, CheckRedirect: c.checkRedirect}
}

// checkRedirect follows a redirect of a GET within the base URL's origin
// only. A redirect of the form POST is always refused: 307 and 308 would
// send the form again, and 301, 302 and 303 would turn it into a GET of
// some other page that is not the answer asked for.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	switch {
	case via[0].Method != http.MethodGet:
		return &Error{Kind: KindRedirect, Value: clip(redact(req.URL)), Err: errors.New("a form POST is never redirected")}
	case origin(req.URL) != c.origin:
		return &Error{Kind: KindRedirect, Value: clip(redact(req.URL)), Err: errors.New("to another origin than " + c.origin)}
	case len(via) >= maxRedirects:
		return &Error{Kind: KindRedirect, Value: clip(redact(req.URL)), Err: errors.New("too many redirects")}
	}
	return nil
}

// request is one request to make, and to make again on a transient failure.
type request struct {
	method string
	url    *url.URL
	form   url.Values // the POST body; nil for a GET
	header http.Header
}

// do makes r, retrying after c.pauses on a network error, a timeout or a
// 5xx, and returns the whole body of a 200 answer.
func (c *Client) do(ctx context.Context, hc *http.Client, r request) ([]byte, error) {
	for attempt := 1; ; attempt++ {
		body, err := c.once(ctx, hc, r)
		if err == nil {
			return body, nil
		}
		err.Op, err.URL, err.Attempts = r.method, redact(r.url), attempt
		if !retryable(err) || attempt > len(c.pauses) {
			return nil, err
		}
		if serr := c.sleep(ctx, c.pauses[attempt-1]); serr != nil {
			return nil, &Error{Kind: KindCanceled, Op: r.method, URL: redact(r.url), Attempts: attempt, Err: serr}
		}
	}
}

// retryable tells a failure that asking again may cure: a 4xx, a refused
// redirect or an oversized answer would only come again.
func retryable(e *Error) bool {
	switch e.Kind {
	case KindNetwork, KindTimeout:
		return true
	case KindStatus:
		return e.Status >= 500
	}
	return false
}

// once makes one attempt of r within c.timeout.
func (c *Client) once(ctx context.Context, hc *http.Client, r request) ([]byte, *Error) {
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var body io.Reader
	if r.form != nil {
		body = strings.NewReader(r.form.Encode())
	}
	req, err := http.NewRequestWithContext(actx, r.method, r.url.String(), body)
	if err != nil {
		return nil, &Error{Kind: KindOptions, Field: "request", Err: err}
	}
	for k, v := range r.header {
		req.Header[k] = v
	}
	req.Header.Set("User-Agent", c.userAgent)
	resp, err := hc.Do(req)
	if err != nil {
		return nil, c.failure(ctx, actx, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		// The start of an error page helps a developer; the rest is drained
		// (within limits) so that the connection can serve the retry.
		head, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, &Error{Kind: KindStatus, Status: resp.StatusCode, Value: clip(string(bytes.TrimSpace(head)))}
	}
	tooLarge := &Error{Kind: KindTooLarge, Status: resp.StatusCode, Limit: c.maxBody}
	rd := io.Reader(resp.Body)
	// net/http decodes gzip itself when it asked for it (resp.Uncompressed);
	// a custom Transport may not, and then it is decoded here, so that the
	// limit always applies to the decoded answer.
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); {
	case resp.Uncompressed || enc == "" || enc == "identity":
		if resp.ContentLength > c.maxBody {
			return nil, tooLarge
		}
	case enc == "gzip" || enc == "x-gzip":
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, c.failure(ctx, actx, err)
		}
		defer zr.Close()
		rd = zr
	default:
		return nil, &Error{Kind: KindEncoding, Status: resp.StatusCode, Value: clip(enc)}
	}
	data, err := io.ReadAll(io.LimitReader(rd, c.maxBody+1))
	if err != nil {
		return nil, c.failure(ctx, actx, err) // an answer cut short is no answer
	}
	if int64(len(data)) > c.maxBody {
		return nil, tooLarge
	}
	return data, nil
}

// failure classifies the error of an attempt: the caller's context ending
// is KindCanceled, this attempt's deadline KindTimeout, a refused redirect
// keeps its own Error, anything else is KindNetwork. The url.Error layer
// is dropped: its text repeats the URL, which this package's Error gives
// redacted.
func (c *Client) failure(ctx, attempt context.Context, err error) *Error {
	var own *Error
	if errors.As(err, &own) {
		return &Error{Kind: own.Kind, Value: own.Value, Err: own.Err}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if ctx.Err() != nil {
		return &Error{Kind: KindCanceled, Err: context.Cause(ctx)}
	}
	var ne net.Error
	if errors.Is(attempt.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return &Error{Kind: KindTimeout, Err: err}
	}
	return &Error{Kind: KindNetwork, Err: err}
}
