package main

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"alprice/cmd/alprice/i18n"
	"alprice/cmd/alprice/web"
	"alprice/pricing"
)

// serveFlags are serve's own flags.
type serveFlags struct {
	data, addr, token              string
	agreements, quotes, production string
	maxRuns                        int
}

func newServeCmd(a *app) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve --data DIR",
		Short: "Serve the same tool as web pages, over the files of one folder",
		Long: `Serve alprice as a local web application over the files of DIR: the overview
of this month and the last (quote days, status, each agreement's price, the last
12 months' chart), a quote with any term overridden as a what-if and its printable
notice, the quotes store (add a day under the store's lock, fetch, backfill),
settle (statements, rejected rows, the HTML statement, the workbook, JSON and the
数电 batch file), check (uploaded invoices: the verdict and its findings) and the
policy report. Every page runs the commands themselves, in-process: the page and
the command line always give the same figures. Pages are in the browser's language
(Accept-Language), or ?lang=zh|en, else --lang.

DIR holds the agreements (agreements.yaml), the quotes store (quotes.csv), and the
deliveries, invoice and production files beside them. Only the store is written,
and only through quotes add and quotes fetch; no path outside DIR is read, and a
file a request names must be one of DIR's own files.

It binds to 127.0.0.1:8080 by default, this computer only. Any other address
needs --token (one is made and printed when not given), asked for on every
request. Every change is a POST with a CSRF token from this server's own pages;
uploads are held in memory, capped, and read by the same readers and limits as the
command line. At most --max-runs requests run commands at once (one a core, at
least two); the others wait their turn, a minute at most, then get 503 (busy).
Ctrl-C or SIGTERM stops it gracefully. See docs/serve.md.

EXIT STATUS
  0  stopped by SIGINT (Ctrl-C) or SIGTERM, once the requests under way finished
  2  usage error (DIR not a folder, the address taken or not allowed, a file name
     with a folder in it): nothing was served
  3  a bug in alprice itself: please report it`,
		Annotations: chinese("以网页提供同一个工具,服务一个文件夹中的文件", `以本机网页应用提供 alprice,服务 DIR 中的文件:本月和上月概览(报价天数、
状态、每份协议的价格、最近 12 个月的图表),报价(可把任一条款改作假设测算)
及其可打印的通知函,报价库(在库的锁下补录一天、获取、回补),结算(结算单、
剔除的行、HTML 结算单、工作簿、JSON 和数电批量开票文件),核对(上传的发票:
结论与问题)和政策报表。每个页面都在进程内运行这些命令本身:页面与命令行给出
的数字永远相同。页面语言按浏览器的语言设置,或地址中所选的语言(zh、en),否则按 --lang。

DIR 中有协议(agreements.yaml)、报价库(quotes.csv),以及旁边的送货、发票和产量
文件。只会写入报价库,且只通过 quotes add 和 quotes fetch;不读取 DIR 以外的任何
路径,请求所指的文件必须是 DIR 自己的文件之一。

默认绑定 127.0.0.1:8080,仅限本机。其他地址都需要 --token(未给出时生成并显示
一个),每个请求都要带上。每项改动都是带 CSRF 令牌、来自本服务自己页面的 POST;
上传只保存在内存中,有上限,并由与命令行相同的读取器和限制读取。同时运行命令的
请求至多 --max-runs 个(每个处理器核心一个,至少两个);其余的排队等候,至多一分钟,
之后得到 503(繁忙)。Ctrl-C 或 SIGTERM 会从容停止。详见 docs/serve.md。

退出状态
  0  被 SIGINT(Ctrl-C)或 SIGTERM 停止,进行中的请求均已完成
  2  用法错误(DIR 不是文件夹、地址被占用或不允许、文件名中带有文件夹):未提供服务
  3  alprice 自身的程序错误:请报告`),
		Example: `  alprice serve --data testdata/serve
  alprice serve --data D:\铝液结算 --addr 0.0.0.0:8080 --token 7f3c9a1e...`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return a.serve(cmd, &f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.data, "data", "", "the `DIR` served: the agreements, the quotes store and the other files beside them")
	fl.StringVar(&f.addr, "addr", "127.0.0.1:8080", "the `HOST:PORT` to listen on; beyond loopback it needs --token")
	fl.StringVar(&f.token, "token", "", "the `TOKEN` every request must carry (?token= once, then a cookie); made and printed when another address than loopback is given without it")
	fl.StringVar(&f.agreements, "agreements", "agreements.yaml", "the agreements `FILE` in DIR")
	fl.StringVar(&f.quotes, "quotes", "quotes.csv", "the quotes store `FILE` in DIR")
	fl.StringVar(&f.production, "production", "production.csv", "the smelter's output `FILE` in DIR, for the report (left out when DIR has none)")
	fl.IntVar(&f.maxRuns, "max-runs", 0, "at most `N` requests run commands at once, the others wait their turn (a minute at most, then 503); 0 for one a core, at least two")
	cmd.MarkFlagRequired("data")
	return cmd
}

// serve serves the pages until SIGINT or SIGTERM.
func (a *app) serve(cmd *cobra.Command, f *serveFlags) error {
	dir, err := filepath.Abs(f.data)
	if err != nil {
		return usageError{pricing.Errorf("--data %s: %w", f.data, err)}
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return usageError{pricing.Errorf("--data %s: is not a folder", f.data)}
	}
	for _, n := range []struct{ flag, name string }{{"agreements", f.agreements}, {"quotes", f.quotes}, {"production", f.production}} {
		if !web.PlainName(n.name) {
			return usageError{pricing.Errorf("--%s %s: name a file in DIR, without a folder", n.flag, n.name)}
		}
	}
	production := f.production
	if st, err := os.Stat(filepath.Join(dir, production)); err != nil || !st.Mode().IsRegular() {
		production = ""
	}
	token := f.token
	if f.maxRuns < 0 {
		return usageError{pricing.Errorf("--max-runs %d: give 1 or more, or 0 for one a core", f.maxRuns)}
	}
	if token == "" && !web.Loopback(f.addr) {
		if token, err = web.NewToken(); err != nil {
			return err
		}
	}
	h, err := web.New(web.Config{
		Data: dir, Agreements: f.agreements, Quotes: f.quotes, Production: production,
		Lang: a.lang.T("en", "zh"), Token: token, Exec: a.executor(), Today: a.today, MaxRuns: f.maxRuns,
	})
	if err != nil {
		return usageError{err}
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return usageError{pricing.Errorf("--addr %s: %w", f.addr, err)}
	}
	// The host as given (0.0.0.0 stays 0.0.0.0, not [::]), the port as
	// bound (:0 picks one).
	host, _, _ := net.SplitHostPort(f.addr)
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	url := "http://" + net.JoinHostPort(host, port) + "/"
	if token != "" {
		url += "?token=" + token
	}
	fmt.Fprintf(a.out, a.lang.T("alprice serve: serving %s at %s (Ctrl-C stops)\n", "alprice serve:正在提供 %s,地址 %s(Ctrl-C 停止)\n"), dir, url)
	// The pages run commands of their own: serve takes the signals from
	// run's handler, which would end the process at once, and shuts down
	// gracefully instead.
	if a.signals != nil {
		signal.Stop(a.signals)
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := web.Serve(ctx, ln, h); err != nil {
		return pricing.Errorf("serving: %w", err)
	}
	fmt.Fprintln(a.out, a.lang.T("alprice serve: stopped", "alprice serve:已停止"))
	return nil
}

// today is the tool's today, as the calendar has it: ALPRICE_TODAY when
// set, else the day in Beijing.
func (a *app) today() time.Time {
	cal, err := a.calendar("")
	if err != nil {
		return time.Now()
	}
	return cal.Today()
}

// executor runs each command of the pages with a fresh app on the real
// command tree, in-process: the uploads served from memory, the outputs
// written to a folder of the run's own, read back and removed.
func (a *app) executor() web.Executor {
	return func(ctx context.Context, run web.Run) web.Result {
		var out, errs bytes.Buffer
		r := &app{in: strings.NewReader(""), out: &out, err: &errs, getenv: a.getenv, lang: a.lang, memory: run.Uploads}
		// The flags added go before any "--", after which the page's
		// arguments are positional whatever they say.
		own := []string{"--lang", run.Lang}
		dir := ""
		if len(run.Outputs) > 0 {
			var err error
			if dir, err = os.MkdirTemp("", "alprice-serve-"); err != nil {
				l, _ := i18n.ParseLang(run.Lang)
				return web.Result{Stderr: l.SayError(err), Status: 2}
			}
			defer os.RemoveAll(dir)
			for _, flag := range slices.Sorted(maps.Keys(run.Outputs)) {
				own = append(own, "--"+flag, filepath.Join(dir, run.Outputs[flag]))
			}
		}
		// Right after the command's words, which never start with "-":
		// before any flag, and before the "--" after which the page's
		// arguments are positional — a form value of "--" itself is a
		// flag's value, not that one.
		at := slices.IndexFunc(run.Args, func(arg string) bool { return strings.HasPrefix(arg, "-") })
		if at < 0 {
			at = len(run.Args)
		}
		args := slices.Concat(run.Args[:at], own, run.Args[at:])
		res := web.Result{Status: r.execute(ctx, args, false)}
		res.Stdout, res.Stderr = out.Bytes(), errs.String()
		if dir != "" && res.Status < 2 {
			entries, _ := os.ReadDir(dir)
			res.Files = map[string][]byte{}
			for _, e := range entries {
				if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil && e.Type().IsRegular() {
					res.Files[e.Name()] = b
				}
			}
		}
		return res
	}
}
