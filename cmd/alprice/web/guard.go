package web

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"
	"unicode"
)

// The checks in front of every page: the token, the host, the same-origin
// and CSRF checks of a POST, the names of files a request may name, and
// the uploads read within their caps.

const (
	tokenCookie = "alprice_token"
	csrfCookie  = "alprice_csrf"
)

// guard checks every request before h sees it: the token when one is
// required (else a Host naming this computer, against DNS rebinding); for a
// POST, an Origin (or Referer) of this server; and it sets the headers
// that keep pages from being framed or fetching from elsewhere.
func (s *server) guard(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("Cache-Control", "no-store") // prices, bills and invoices: never kept by a browser or a proxy
		hd.Set("Content-Security-Policy", "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		l := s.lang(r)
		if s.cfg.Token != "" {
			if !s.tokenGiven(w, r) {
				s.refuse(w, r, http.StatusUnauthorized, l.T("This server needs its token: open the address it printed, with ?token=…", "此服务需要令牌:请打开启动时给出的地址(带 ?token=…)"))
				return
			}
			if q := r.URL.Query(); q.Has("token") && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
				// The cookie now holds it: the address shown, bookmarked
				// or copied loses it.
				q.Del("token")
				// The path with one leading slash: "//host/" or "/\host/"
				// would send the browser to another site.
				target := "/" + strings.TrimLeft(r.URL.EscapedPath(), "/\\")
				if enc := q.Encode(); enc != "" {
					target += "?" + enc
				}
				http.Redirect(w, r, target, http.StatusSeeOther)
				return
			}
		} else if !loopbackHost(r.Host) {
			s.refuse(w, r, http.StatusForbidden, l.T("This server answers only to this computer's own address (localhost, 127.0.0.1).", "此服务只响应本机地址(localhost、127.0.0.1)。"))
			return
		}
		switch r.Method {
		case http.MethodGet, http.MethodHead:
		case http.MethodPost:
			if !sameOrigin(r) {
				s.refuse(w, r, http.StatusForbidden, l.T("Refused: the form was not sent from this server's own pages.", "已拒绝:表单不是从本服务自己的页面提交的。"))
				return
			}
		default:
			w.Header().Set("Allow", "GET, HEAD, POST")
			s.refuse(w, r, http.StatusMethodNotAllowed, l.T("Only GET and POST are served.", "只接受 GET 和 POST。"))
			return
		}
		h.ServeHTTP(w, r)
	})
}

// tokenGiven tells whether the request carries the token, in ?token=, the
// cookie a first visit with it set, or an Authorization: Bearer header.
func (s *server) tokenGiven(w http.ResponseWriter, r *http.Request) bool {
	want := []byte(s.cfg.Token)
	same := func(v string) bool { return v != "" && subtle.ConstantTimeCompare([]byte(v), want) == 1 }
	if same(r.URL.Query().Get("token")) {
		http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: s.cfg.Token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		return true
	}
	if c, err := r.Cookie(tokenCookie); err == nil && same(c.Value) {
		return true
	}
	auth, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && same(auth)
}

// loopbackHost tells whether a Host header names this computer.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// sameOrigin tells whether a POST came from this server's pages: its
// Origin, or without one its Referer, is this host. A request with
// neither is refused: every browser sends one of them with a form.
func sameOrigin(r *http.Request) bool {
	from := r.Header.Get("Origin")
	if from == "" {
		from = r.Header.Get("Referer")
	}
	u, err := url.Parse(from)
	if from == "" || err != nil {
		return false
	}
	// https too: behind a proxy that speaks HTTPS and passes the Host on.
	return (u.Scheme == "http" || u.Scheme == "https") && strings.EqualFold(u.Host, r.Host)
}

// csrfToken returns the CSRF token of the browser's cookie, setting the
// cookie on its first visit: the HMAC of the cookie under the server's
// key, so that a cookie planted by someone else gives no token they know.
func (s *server) csrfToken(w http.ResponseWriter, r *http.Request) string {
	id := ""
	if c, err := r.Cookie(csrfCookie); err == nil && validID(c.Value) {
		id = c.Value
	} else {
		b := make([]byte, 16)
		rand.Read(b)
		id = hex.EncodeToString(b)
		http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: id, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
	}
	return s.csrfOf(id)
}

func (s *server) csrfOf(id string) string {
	m := hmac.New(sha256.New, s.csrfKey)
	m.Write([]byte(id))
	return hex.EncodeToString(m.Sum(nil))
}

// csrfValid tells whether the form's token is the one of the browser's
// cookie.
func (s *server) csrfValid(r *http.Request, token string) bool {
	c, err := r.Cookie(csrfCookie)
	if err != nil || !validID(c.Value) || token == "" {
		return false
	}
	return hmac.Equal([]byte(token), []byte(s.csrfOf(c.Value)))
}

func validID(s string) bool {
	if len(s) != 32 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// PlainName tells whether name is a file's own name: no folder, no way up,
// nothing hidden, no control character; what a request names is then
// looked up in the folder's listing, never joined unchecked.
func PlainName(name string) bool {
	if name == "" || name == "." || name == ".." || name == "-" || strings.HasPrefix(name, ".") || len(name) > 255 {
		return false
	}
	return !strings.ContainsFunc(name, func(r rune) bool {
		return r == '/' || r == '\\' || r == ':' || unicode.IsControl(r) || r == unicode.ReplacementChar
	})
}

// listing is the regular files of the folder served, by name; links and
// folders are left out.
func (s *server) listing() ([]string, error) {
	entries, err := os.ReadDir(s.cfg.Data)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && PlainName(e.Name()) {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// errNotListed is a name a request gave that is not a file of the folder.
var errNotListed = errors.New("not a file of the folder served")

// inData returns the path of the file a request names, which must be a
// regular file in the folder's listing.
func (s *server) inData(name string) (string, error) {
	if !PlainName(name) {
		return "", errNotListed
	}
	names, err := s.listing()
	if err != nil {
		return "", err
	}
	if !slices.Contains(names, name) {
		return "", errNotListed
	}
	return s.cfg.Data + string(os.PathSeparator) + name, nil
}

// form is a POST's fields and files, read within the caps.
type form struct {
	values url.Values
	files  []upload
}

type upload struct {
	field, name string
	data        []byte
}

// errTooLarge and errTooMany are uploads beyond the caps.
var (
	errTooLarge = errors.New("too large")
	errTooMany  = errors.New("too many files")
	errBadName  = errors.New("bad file name")
)

// readForm reads a POST's body, multipart or not, within limit bytes
// and MaxUploadFiles, holding the files in memory (never on disk, as
// ParseMultipartForm would).
func readForm(w http.ResponseWriter, r *http.Request, limit int64) (*form, error) {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	f := &form{values: url.Values{}}
	mr, err := r.MultipartReader()
	if errors.Is(err, http.ErrNotMultipart) {
		if err := r.ParseForm(); err != nil {
			return nil, tooLarge(err)
		}
		f.values = r.PostForm
		return f, nil
	}
	if err != nil {
		return nil, err
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return f, nil
		}
		if err != nil {
			return nil, tooLarge(err)
		}
		if err := f.add(p); err != nil {
			return nil, err
		}
	}
}

func (f *form) add(p *multipart.Part) error {
	defer p.Close()
	if p.FileName() == "" {
		var b bytes.Buffer
		if _, err := io.Copy(&b, io.LimitReader(p, maxFieldBytes+1)); err != nil {
			return tooLarge(err)
		}
		if b.Len() > maxFieldBytes {
			return errTooLarge
		}
		f.values.Add(p.FormName(), b.String())
		return nil
	}
	name := p.FileName()
	data, err := io.ReadAll(p)
	if err != nil {
		return tooLarge(err)
	}
	if len(f.files) == MaxUploadFiles {
		return errTooMany
	}
	if !PlainName(name) {
		return errBadName
	}
	f.files = append(f.files, upload{field: p.FormName(), name: name, data: data})
	return nil
}

func tooLarge(err error) error {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return errTooLarge
	}
	return err
}

// inTurn runs h in one of the server's slots of requests running
// commands (Config.MaxRuns), waiting up to Config.BusyWait for one: a
// whole office uploading at once is served in turns, not all at once in
// memory. A request that waits longer is answered 503 with Retry-After,
// and nothing of it runs; one whose browser gave up is dropped.
func (s *server) inTurn(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		wait := time.NewTimer(s.cfg.BusyWait)
		defer wait.Stop()
		select {
		case s.running <- struct{}{}:
			defer func() { <-s.running }()
			h(w, r)
		case <-wait.C:
			w.Header().Set("Retry-After", "30")
			l := s.lang(r)
			s.refuse(w, r, http.StatusServiceUnavailable, fmt.Sprintf(l.T("Busy: as many requests as this server runs at once (--max-runs %d) are under way. Try again in a minute.", "繁忙:本服务同时处理的请求已满(--max-runs %d)。请一分钟后再试。"), cap(s.running)))
		case <-r.Context().Done():
		}
	}
}
