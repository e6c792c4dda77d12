package web

import (
	"context"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"path/filepath"
	"runtime"
	"time"

	"alprice/pricing"
)

// Executor runs one alprice command line in-process and returns what it
// printed: every figure a page shows comes from a command, never from the
// page.
type Executor func(ctx context.Context, run Run) Result

// Run is one command line for the Executor.
type Run struct {
	Args    []string          // the command line after "alprice"
	Lang    string            // "en" or "zh", given to the command as --lang
	Uploads map[string][]byte // inputs held in memory, by the name Args give them
	Outputs map[string]string // output flag → file name: the executor gives the flag a path in a folder of its own, and returns the files written there in Result.Files
}

// Result is what a command printed and wrote.
type Result struct {
	Stdout []byte
	Stderr string
	Status int               // the exit status: 0 ok, 1 found, 2 usage or input error
	Files  map[string][]byte // the files Run.Outputs made, by name (--einvoice may add FILE-2.xlsx …)
}

// Config is what the server serves and how.
type Config struct {
	Data       string // the folder served, absolute
	Agreements string // the agreements file's name in Data
	Quotes     string // the quotes store's name in Data
	Production string // the smelter's output file's name in Data, for the report; "" when none
	Lang       string // the language when neither ?lang= nor Accept-Language says: "en" or "zh"
	Token      string // required on every request when not ""
	Exec       Executor
	Today      func() time.Time // the tool's today (ALPRICE_TODAY, else Beijing's)
	MaxRequest int64            // the most bytes of a POST; 0 for MaxRequestBytes
	MaxRuns    int              // the most requests running commands at once; 0 for defaultMaxRuns
	BusyWait   time.Duration    // how long a request waits for one of them before a 503; 0 for defaultBusyWait
}

// Limits of a request: the body of a POST and the files in it. Each file
// is then held by the command to its input's own limit, as on the command
// line.
const (
	MaxRequestBytes = 64 << 20
	MaxUploadFiles  = 200
	maxFieldBytes   = 64 << 10
)

// defaultBusyWait is how long a request waits, by default, for one of
// the requests running commands to finish: a settlement of a large file
// takes seconds, a queue of a minute means the office has outgrown one PC.
const defaultBusyWait = time.Minute

// defaultMaxRuns is how many requests run commands at once by default:
// one a core, and at least two, so that a quick page is not held behind
// one long settlement. Each holds its uploads (up to MaxRequestBytes) and
// what its commands hold, so the cap bounds the server's memory too.
func defaultMaxRuns() int { return max(2, runtime.NumCPU()) }

//go:embed templates/*.html templates/style.css
var assets embed.FS

// server is the handler: the configuration, the templates, the secret of
// the CSRF tokens, the slots of the requests running commands and the
// downloads made so far.
type server struct {
	cfg       Config
	pages     *template.Template
	csrfKey   []byte
	running   chan struct{}
	downloads *downloads
}

// New returns the handler of cfg: every page, with the checks of guard.go
// in front of them.
func New(cfg Config) (http.Handler, error) {
	for _, name := range []string{cfg.Agreements, cfg.Quotes, cfg.Production} {
		if name != "" && !PlainName(name) {
			return nil, pricing.Bugf("web.Config names %q, not a file's own name", name)
		}
	}
	if cfg.MaxRequest == 0 {
		cfg.MaxRequest = MaxRequestBytes
	}
	if cfg.MaxRuns == 0 {
		cfg.MaxRuns = defaultMaxRuns()
	}
	if cfg.BusyWait == 0 {
		cfg.BusyWait = defaultBusyWait
	}
	if !filepath.IsAbs(cfg.Data) {
		return nil, pricing.Bugf("web.Config.Data %q is not absolute", cfg.Data)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	pages, err := template.New("").Funcs(templateFuncs).ParseFS(assets, "templates/*.html")
	if err != nil {
		return nil, pricing.Bugf("the templates: %v", err)
	}
	s := &server{cfg: cfg, pages: pages, csrfKey: key, running: make(chan struct{}, cfg.MaxRuns), downloads: newDownloads()}
	return s.guard(s.routes()), nil
}

func (s *server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	// Every page that runs a command takes a slot first (guard.go).
	mux.HandleFunc("GET /{$}", s.inTurn(s.overview))
	mux.HandleFunc("GET /quote", s.inTurn(s.quote))
	mux.HandleFunc("GET /quote/notice", s.inTurn(s.quoteNotice))
	mux.HandleFunc("GET /quotes", s.inTurn(s.quotes))
	mux.HandleFunc("POST /quotes/add", s.inTurn(s.quotesAdd))
	mux.HandleFunc("POST /quotes/fetch", s.inTurn(s.quotesFetch))
	mux.HandleFunc("GET /settle", s.settleForm)
	mux.HandleFunc("POST /settle", s.inTurn(s.settle))
	mux.HandleFunc("GET /check", s.checkForm)
	mux.HandleFunc("POST /check", s.inTurn(s.check))
	mux.HandleFunc("GET /report", s.inTurn(s.report))
	mux.HandleFunc("GET /download/{id}/{name}", s.download)
	mux.HandleFunc("GET /style.css", s.style)
	return mux
}

// NewToken returns a token to require when serving beyond loopback and
// none was given: 128 random bits.
func NewToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// Loopback tells whether addr (host:port) binds to this computer only.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Serve serves h on ln until ctx is done, then shuts down gracefully:
// no new connection is taken and the requests under way are given
// shutdownWait to finish.
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	stop, cancel := context.WithTimeout(context.Background(), shutdownWait)
	defer cancel()
	err := srv.Shutdown(stop)
	if serr := <-done; !errors.Is(serr, http.ErrServerClosed) && serr != nil {
		return serr
	}
	if err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}

// shutdownWait is how long the requests under way may take once a
// shutdown is asked for: a settlement of a large file takes seconds.
const shutdownWait = 30 * time.Second
