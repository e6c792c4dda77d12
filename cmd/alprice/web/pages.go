package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"

	"alprice/cmd/alprice/i18n"
	"alprice/pricing"
)

// page is what every template gets: the language, the CSRF token of the
// forms, the command's messages, and the page's own data.
type page struct {
	L       i18n.Lang
	Lang    string // "en" or "zh", carried in every link and form
	Nav     string // the page, for the menu
	CSRF    string
	Query   template.URL // the page's query without lang, for the language switch (encoded, so safe in a link)
	Failed  string       // a command's error (stderr of exit 2), shown instead of results
	Notes   string       // a command's other stderr: why exit 1, warnings
	Message string       // what a write did

	YAML       []string // the agreements files of the folder, to choose from
	Agreements string   // the one chosen, else the configured one
	Data       any
}

var templateFuncs = template.FuncMap{
	"join": strings.Join,
}

// statusWords are the words of the status codes the commands print.
var statusWords = map[string][2]string{
	"complete": {"complete", "完整"}, "final": {"final", "最终"}, "gaps": {"gaps", "有缺漏"},
	"partial": {"in progress", "未完"}, "provisional": {"provisional", "暂定"},
}

// Status says a status code of the commands in the page's language,
// marked good (complete, final) or not.
func (p *page) Status(code string) template.HTML {
	class, words := "warn", [2]string{code, code}
	if w, ok := statusWords[code]; ok {
		words = w
	}
	if code == "complete" || code == "final" {
		class = "ok"
	}
	return template.HTML(`<span class="` + class + `" data-status="` + template.HTMLEscapeString(code) + `">` + template.HTMLEscapeString(p.L.T(words[0], words[1])) + `</span>`)
}

// Rule cites the policy rule of a build-up line of kind.
func (p *page) Rule(kind string) string { return p.Cite(pricing.Kind(kind).Rule()) }

// Cite cites a policy rule as the commands' tables do.
func (p *page) Cite(rule string) string { return i18n.RuleName(p.L, rule) }

// Field names an invoice field as check's table does: in English by its
// key, in Chinese as its column is titled.
func (p *page) Field(key string) string {
	if title, ok := i18n.ColumnTitles[key]; ok && p.L == i18n.Chinese {
		return title[1]
	}
	return key
}

// Term names a term a what-if changed ("transport", "fee 检测费",
// "vat_rate") as the build-up names its line.
func (p *page) Term(field string) string {
	kind, label, _ := strings.Cut(field, " ")
	switch kind {
	case "vat_rate":
		return p.L.T("VAT rate", "增值税税率")
	case "unit_price_rounding":
		return p.L.T("Unit price rounding", "单价取整")
	}
	return i18n.LineLabel(p.L, pricing.Kind(kind), label)
}

// Value says a term's value, "none" for one the agreement does not state.
func (p *page) Value(v string) string {
	if v == "none" {
		return p.L.T("none", "无")
	}
	return v
}

// lang is the request's language: ?lang=, else Accept-Language, else the
// server's.
func (s *server) lang(r *http.Request) i18n.Lang {
	if l, ok := i18n.ParseLang(r.URL.Query().Get("lang")); ok {
		return l
	}
	if tags, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language")); err == nil {
		// By the browser's preference, q=0 meaning never.
		if _, i, confidence := pageLanguages.Match(tags...); confidence != language.No {
			return []i18n.Lang{i18n.English, i18n.Chinese}[i]
		}
	}
	l, _ := i18n.ParseLang(s.cfg.Lang)
	return l
}

// pageLanguages are the languages of the pages, in the order lang takes
// them.
var pageLanguages = language.NewMatcher([]language.Tag{language.English, language.Chinese})

func langCode(l i18n.Lang) string { return l.T("en", "zh") }

// newPage starts the page of a request.
func (s *server) newPage(w http.ResponseWriter, r *http.Request, nav string) *page {
	l := s.lang(r)
	q := r.URL.Query()
	q.Del("lang")
	q.Del("token")
	return &page{L: l, Lang: langCode(l), Nav: nav, CSRF: s.csrfToken(w, r), Query: template.URL(q.Encode()), YAML: s.files(".yaml", ".yml"), Agreements: s.cfg.Agreements}
}

// chose records the agreements file a form chose, for the page to show it
// chosen again.
func (p *page) chose(values url.Values) {
	if a := values.Get("agreements"); a != "" {
		p.Agreements = a
	}
}

// render writes a page with its template.
func (s *server) render(w http.ResponseWriter, status int, name string, p *page) {
	var b bytes.Buffer
	if err := s.pages.ExecuteTemplate(&b, name, p); err != nil {
		http.Error(w, "alprice: "+p.L.SayError(err), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// refuse answers a request the guard or a handler will not serve, with
// why, in the request's language.
func (s *server) refuse(w http.ResponseWriter, r *http.Request, status int, why string) {
	l := s.lang(r)
	p := &page{L: l, Lang: langCode(l), Nav: "", Failed: why}
	s.render(w, status, "refused", p)
}

// run runs a command in the request's language.
// What it prints names the folder's files by their own names, as the
// pages do: the folder's path is left out.
func (s *server) run(ctx context.Context, l i18n.Lang, args []string, uploads map[string][]byte, outputs map[string]string) Result {
	res := s.cfg.Exec(ctx, Run{Args: args, Lang: langCode(l), Uploads: uploads, Outputs: outputs})
	prefix := s.cfg.Data + string(os.PathSeparator)
	quoted, _ := json.Marshal(prefix)
	res.Stdout = bytes.ReplaceAll(res.Stdout, quoted[1:len(quoted)-1], nil)
	res.Stdout = bytes.ReplaceAll(res.Stdout, []byte(template.HTMLEscapeString(prefix)), nil)
	res.Stderr = strings.ReplaceAll(res.Stderr, prefix, "")
	return res
}

// runJSON runs a command with --format json and decodes its output into v;
// it returns the stderr to show: as the failure when the command failed
// (exit 2 or more) or printed no JSON, else as notes.
func (s *server) runJSON(ctx context.Context, l i18n.Lang, args []string, uploads map[string][]byte, v any) (failed, notes string) {
	_, failed, notes = s.runJSONResult(ctx, l, args, uploads, v)
	return failed, notes
}

// runJSONResult is runJSON, returning the command's result too.
func (s *server) runJSONResult(ctx context.Context, l i18n.Lang, args []string, uploads map[string][]byte, v any) (res Result, failed, notes string) {
	res = s.run(ctx, l, append(slices.Clip(args), "--format", "json"), uploads, nil)
	if res.Status >= 2 {
		return res, nonEmpty(res.Stderr, fmt.Sprintf("exit status %d", res.Status)), ""
	}
	if err := json.Unmarshal(res.Stdout, v); err != nil {
		return res, nonEmpty(res.Stderr, l.SayError(err)), ""
	}
	return res, "", res.Stderr
}

func nonEmpty(s, otherwise string) string {
	if strings.TrimSpace(s) == "" {
		return otherwise
	}
	return s
}

func (s *server) dataPath(name string) string { return s.cfg.Data + string(os.PathSeparator) + name }

// files returns the files of the folder whose names end with one of exts.
func (s *server) files(exts ...string) []string {
	names, _ := s.listing()
	var out []string
	for _, n := range names {
		for _, e := range exts {
			if strings.HasSuffix(strings.ToLower(n), e) {
				out = append(out, n)
				break
			}
		}
	}
	return out
}

// deliveriesFiles are the CSV files of the folder but the quotes store and
// the production file: the deliveries files to choose from.
func (s *server) deliveriesFiles() []string { return s.inputFiles(".csv") }

// invoiceFiles are the files of the folder an --invoices may be.
func (s *server) invoiceFiles() []string { return s.inputFiles(".xml", ".xlsx", ".csv") }

// inputFiles are the files of the folder with one of exts, but the quotes
// store and the production file.
func (s *server) inputFiles(exts ...string) []string {
	return slices.DeleteFunc(s.files(exts...), func(n string) bool { return n == s.cfg.Quotes || n == s.cfg.Production })
}

// agreementsOf returns the path of the agreements file a request chose
// (a .yaml file of the folder), else the configured one.
func (s *server) agreementsOf(values url.Values) (string, string, error) {
	name := values.Get("agreements")
	if name == "" {
		name = s.cfg.Agreements
	}
	if !strings.HasSuffix(name, ".yaml") && !strings.HasSuffix(name, ".yml") {
		return "", name, errNotListed
	}
	p, err := s.inData(name)
	return p, name, err
}

// notListed says that a name is not a file of the folder served.
func notListed(l i18n.Lang, name string) string {
	return fmt.Sprintf(l.T("%q is not a file of the folder served: choose one from the list.", "%q 不是所服务文件夹中的文件:请从列表中选择。"), name)
}

// --- Overview ---

type overviewMonth struct {
	Month   string
	Current bool
	Quotes  *avgMonth
	Prices  []price
}

type overviewData struct {
	Today  string
	Months []overviewMonth
	Chart  template.HTML
}

func (s *server) overview(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "overview")
	today := s.cfg.Today()
	cur := pricing.MonthOf(today)
	prev := cur - 1
	quotes, agreements := s.dataPath(s.cfg.Quotes), s.dataPath(s.cfg.Agreements)
	// Every month of the store first, where the chart starts.
	var avgs []avgMonth
	if failed, _ := s.runJSON(r.Context(), p.L, []string{"average", "--quotes", quotes}, nil, &avgs); failed != "" {
		p.Failed = failed
		s.render(w, http.StatusOK, "overview", p)
		return
	}
	d := overviewData{Today: today.Format(time.DateOnly)}
	// The last 12 months, from the store's first: the prices of this month
	// and the last among them, and the chart table draws of them. This
	// month is asked for even before its first quote is in: an agreement
	// priced on the previous month has its price, the others say why not.
	var prices []price
	if from, to, ok := window(avgs, cur-11, cur); ok {
		args := []string{"table", "--agreements", agreements, "--quotes", quotes, "--from", from, "--to", to}
		var failed string
		if failed, _ = s.runJSON(r.Context(), p.L, args, nil, &prices); failed != "" {
			p.Failed = failed
		}
		if res := s.run(r.Context(), p.L, append(args, "--format", "html"), nil, nil); res.Status < 2 {
			d.Chart = chartOf(res.Stdout)
		}
	}
	for _, m := range []pricing.Month{cur, prev} {
		om := overviewMonth{Month: m.String(), Current: m == cur}
		for i := range avgs {
			if avgs[i].Month == om.Month {
				om.Quotes = &avgs[i]
			}
		}
		for _, pr := range prices {
			if pr.Month == om.Month {
				om.Prices = append(om.Prices, pr)
			}
		}
		d.Months = append(d.Months, om)
	}
	p.Data = d
	s.render(w, http.StatusOK, "overview", p)
}

// window returns the months from..to, from kept to the store's first (its
// months as average lists them, in order); false when the store has no
// month up to to.
func window(avgs []avgMonth, from, to pricing.Month) (string, string, bool) {
	if len(avgs) == 0 {
		return "", "", false
	}
	first, err := pricing.ParseMonth(avgs[0].Month)
	from = max(from, first)
	return from.String(), to.String(), err == nil && from <= to
}

// chartOf is the chart of a document a command printed as HTML: the
// inline SVG report draws, shown on the page as the printed document
// shows it; "" when the document has none (one month only).
func chartOf(doc []byte) template.HTML {
	start := bytes.Index(doc, []byte(`<svg class="chart"`))
	if start < 0 {
		return ""
	}
	end := bytes.Index(doc[start:], []byte("</svg>"))
	if end < 0 {
		return ""
	}
	return template.HTML(doc[start : start+end+len("</svg>")])
}

// --- Quote ---

// whatIfFlags are the terms the quote form may override, by field name:
// the flags of `quote`.
var whatIfFlags = []string{"transport", "casting", "burn-loss", "coal", "vat", "unit-price-rounding", "fee", "premium"}

type quoteData struct {
	Form       url.Values
	Agreements []price // one price of each agreement, for the choice
	Quote      *price
	Notice     string // the notice's URL
}

func (s *server) quoteArgs(values url.Values) ([]string, error) {
	agreements, _, err := s.agreementsOf(values)
	if err != nil {
		return nil, err
	}
	args := []string{"quote", "--agreements", agreements, "--quotes", s.dataPath(s.cfg.Quotes), "--agreement", values.Get("agreement"), "--month", values.Get("month"), "--weight", values.Get("weight")}
	for _, f := range whatIfFlags {
		for _, v := range values[f] {
			if strings.TrimSpace(v) != "" {
				args = append(args, "--"+f, strings.TrimSpace(v))
			}
		}
	}
	if values.Get("provisional") != "" {
		args = append(args, "--provisional")
	}
	return args, nil
}

func (s *server) quote(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "quote")
	values := r.URL.Query()
	if values.Get("month") == "" {
		values.Set("month", (pricing.MonthOf(s.cfg.Today()) - 1).String())
	}
	if values.Get("weight") == "" {
		values.Set("weight", "1")
	}
	p.chose(values)
	d := quoteData{Form: values}
	agreements, name, err := s.agreementsOf(values)
	if err != nil {
		p.Failed = notListed(p.L, name)
		p.Data = d
		s.render(w, http.StatusBadRequest, "quote", p)
		return
	}
	// The agreements to choose from, as table lists them over every month
	// of the store (one month alone may have no quotes yet).
	var prices []price
	s.runJSON(r.Context(), p.L, []string{"table", "--agreements", agreements, "--quotes", s.dataPath(s.cfg.Quotes)}, nil, &prices)
	for _, pr := range prices {
		if !slices.ContainsFunc(d.Agreements, func(x price) bool { return x.Agreement == pr.Agreement }) {
			d.Agreements = append(d.Agreements, pr)
		}
	}
	if values.Get("agreement") != "" {
		args, _ := s.quoteArgs(values)
		var q price
		if p.Failed, p.Notes = s.runJSON(r.Context(), p.L, args, nil, &q); p.Failed == "" {
			d.Quote = &q
			d.Notice = "/quote/notice?" + values.Encode()
		}
	}
	p.Data = d
	s.render(w, http.StatusOK, "quote", p)
}

// quoteNotice passes the quote's printable notice through: the document
// `quote --format html` prints.
func (s *server) quoteNotice(w http.ResponseWriter, r *http.Request) {
	l := s.lang(r)
	args, err := s.quoteArgs(r.URL.Query())
	if err != nil {
		s.refuse(w, r, http.StatusBadRequest, notListed(l, r.URL.Query().Get("agreements")))
		return
	}
	res := s.run(r.Context(), l, append(args, "--format", "html"), nil, nil)
	if res.Status >= 2 {
		s.refuse(w, r, http.StatusBadRequest, res.Stderr)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(res.Stdout)
}

// --- Quotes ---

type quotesData struct {
	Months []avgMonth
	Form   url.Values
	Today  string
}

func (s *server) quotesPage(w http.ResponseWriter, r *http.Request, p *page, form url.Values, status int) {
	d := quotesData{Form: form, Today: s.cfg.Today().Format(time.DateOnly)}
	var failed string
	if failed, _ = s.runJSON(r.Context(), p.L, []string{"average", "--quotes", s.dataPath(s.cfg.Quotes)}, nil, &d.Months); failed != "" && p.Failed == "" {
		p.Failed = failed
	}
	slices.Reverse(d.Months)
	p.Data = d
	s.render(w, status, "quotes", p)
}

func (s *server) quotes(w http.ResponseWriter, r *http.Request) {
	s.quotesPage(w, r, s.newPage(w, r, "quotes"), url.Values{}, http.StatusOK)
}

// postForm reads a POST and checks its CSRF token; false when it has
// answered the request itself.
func (s *server) postForm(w http.ResponseWriter, r *http.Request) (*form, bool) {
	l := s.lang(r)
	f, err := readForm(w, r, s.cfg.MaxRequest)
	switch {
	case errors.Is(err, errTooLarge):
		s.refuse(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf(l.T("Refused: the upload is larger than %d MiB, the limit of one request; nothing was read.", "已拒绝:上传超过单次请求的上限 %d MiB;未读取任何内容。"), s.cfg.MaxRequest>>20))
		return nil, false
	case errors.Is(err, errTooMany):
		s.refuse(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf(l.T("Refused: more than %d files in one request; nothing was read.", "已拒绝:单次请求超过 %d 个文件;未读取任何内容。"), MaxUploadFiles))
		return nil, false
	case errors.Is(err, errBadName):
		s.refuse(w, r, http.StatusBadRequest, l.T("Refused: an uploaded file's name has a folder, a control character or a leading dot; rename it.", "已拒绝:上传文件的名称含有文件夹、控制字符或以点开头;请改名。"))
		return nil, false
	case err != nil:
		s.refuse(w, r, http.StatusBadRequest, l.T("Refused: the form could not be read: ", "已拒绝:无法读取表单:")+l.SayError(err))
		return nil, false
	}
	if !s.csrfValid(r, f.values.Get("csrf")) {
		s.refuse(w, r, http.StatusForbidden, l.T("Refused: the form's security token is missing or out of date; reload the page and send it again.", "已拒绝:表单的安全令牌缺失或已过期;请刷新页面后重新提交。"))
		return nil, false
	}
	return f, true
}

func (s *server) quotesAdd(w http.ResponseWriter, r *http.Request) {
	f, ok := s.postForm(w, r)
	if !ok {
		return
	}
	p := s.newPage(w, r, "quotes")
	v := f.values
	// Each value a flag's own argument, and the date and average after
	// "--": what a form sends is never taken for a flag.
	args := []string{"quotes", "add", "--into", s.dataPath(s.cfg.Quotes)}
	for _, flag := range []string{"low", "high", "change", "none"} {
		if x := strings.TrimSpace(v.Get(flag)); x != "" {
			args = append(args, "--"+flag, x)
		}
	}
	if v.Get("replace") != "" {
		args = append(args, "--replace")
	}
	args = append(args, "--", strings.TrimSpace(v.Get("date")))
	if a := strings.TrimSpace(v.Get("average")); a != "" {
		args = append(args, a)
	}
	s.write(w, r, p, args, v)
}

func (s *server) quotesFetch(w http.ResponseWriter, r *http.Request) {
	f, ok := s.postForm(w, r)
	if !ok {
		return
	}
	p := s.newPage(w, r, "quotes")
	args := []string{"quotes", "fetch", "--into", s.dataPath(s.cfg.Quotes)}
	if m := strings.TrimSpace(f.values.Get("month")); m != "" {
		args = append(args, "--month", m)
	}
	if f.values.Get("replace") != "" {
		args = append(args, "--replace")
	}
	s.write(w, r, p, args, f.values)
}

// write runs a command that updates the store (under its lock, as on the
// command line) and shows the store as it then is, with what it said.
func (s *server) write(w http.ResponseWriter, r *http.Request, p *page, args []string, form url.Values) {
	res := s.run(r.Context(), p.L, args, nil, nil)
	status := http.StatusOK
	if res.Status >= 2 {
		p.Failed = res.Stderr
		status = http.StatusUnprocessableEntity
	} else {
		p.Message = strings.TrimSpace(string(res.Stdout) + "\n" + res.Stderr)
		form = url.Values{}
	}
	s.quotesPage(w, r, p, form, status)
}

// --- Settle ---

type settleData struct {
	CSV       []string
	Form      url.Values
	Result    *settlement
	Downloads []download
	BatchNote string
}

func (s *server) settleForm(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "settle")
	p.Data = settleData{CSV: s.deliveriesFiles(), Form: url.Values{}}
	s.render(w, http.StatusOK, "settle", p)
}

// inputs returns the files a POST names: the folder's files it chose (by
// name, from the listing) and those uploaded in field, held in memory
// under their own names, each name once.
func (s *server) inputs(f *form, chosen, field string, uploads map[string][]byte) ([]string, string, error) {
	var paths []string
	for _, name := range f.values[chosen] {
		p, err := s.inData(name)
		if err != nil {
			return nil, name, err
		}
		paths = append(paths, p)
	}
	for _, u := range f.files {
		if u.field != field {
			continue
		}
		name := u.name
		for i := 2; uploads[name] != nil; i++ {
			name = fmt.Sprintf("%d-%s", i, u.name)
		}
		uploads[name] = u.data
		paths = append(paths, name)
	}
	return paths, "", nil
}

func repeat(flag string, paths []string) []string {
	var out []string
	for _, p := range paths {
		out = append(out, "--"+flag, p)
	}
	return out
}

func (s *server) settle(w http.ResponseWriter, r *http.Request) {
	d := &settleData{CSV: s.deliveriesFiles()}
	pr, ok := s.readPosted(w, r, "settle", d, &d.Form, inputField{"file", "deliveries"})
	if !ok {
		return
	}
	args := pr.args("settle", "skip-invalid", "provisional")
	var st settlement
	got, ok := s.runPosted(w, r, pr, args, &st, "statement")
	if !ok {
		return
	}
	d.Result = &st
	if res := s.run(r.Context(), pr.p.L, append(slices.Clip(args), "--format", "xlsx"), pr.uploads, map[string]string{"out": "statement.xlsx"}); res.Status < 2 {
		for n, b := range res.Files {
			got[n] = blob{xlsxType, b}
		}
	}
	// The batch file needs the agreements' invoicing details: without them
	// the statements stand, and the page says what the file lacks.
	if res := s.run(r.Context(), pr.p.L, append(slices.Clip(args), "--format", "json"), pr.uploads, map[string]string{"einvoice": "einvoice.xlsx"}); res.Status < 2 {
		for n, b := range res.Files {
			got[n] = blob{xlsxType, b}
		}
	} else {
		d.BatchNote = res.Stderr
	}
	d.Downloads = s.downloads.keep(got)
	s.render(w, http.StatusOK, "settle", pr.p)
}

// inputField names the files of a form: those chosen from the folder's
// listing under chosen, and those uploaded under flag, the command's flag
// that takes each.
type inputField struct{ chosen, flag string }

// noInput says, by the flag of a page's first field, that the form gave
// none of its files: the command would have nothing to read.
var noInput = map[string][2]string{
	"deliveries": {"Choose a deliveries file or upload one.", "请选择或上传送货文件。"},
	"invoices":   {"Choose invoice files or upload them.", "请选择或上传发票文件。"},
}

// posted is a POST of the settle or check page, read: its page, its
// values, the files each of its fields names (uploads held in memory by
// the names the command is given), the agreements file chosen and the
// store.
type posted struct {
	p                  *page
	values             url.Values
	uploads            map[string][]byte
	fields             []inputField
	files              [][]string // by field
	agreements, quotes string
}

// readPosted reads a POST of page nav, whose data is data (form its Form,
// set to the values sent): the files of each field, and the agreements.
// A name that is not a file of the folder, or no file under the first
// field, is said on the page (400), and ok is false.
func (s *server) readPosted(w http.ResponseWriter, r *http.Request, nav string, data any, form *url.Values, fields ...inputField) (*posted, bool) {
	f, ok := s.postForm(w, r)
	if !ok {
		return nil, false
	}
	p := s.newPage(w, r, nav)
	p.chose(f.values)
	p.Data, *form = data, f.values
	pr := &posted{p: p, values: f.values, uploads: map[string][]byte{}, fields: fields, quotes: s.dataPath(s.cfg.Quotes)}
	for _, field := range fields {
		paths, bad, err := s.inputs(f, field.chosen, field.flag, pr.uploads)
		if err != nil {
			p.Failed = notListed(p.L, bad)
			break
		}
		pr.files = append(pr.files, paths)
	}
	if p.Failed == "" {
		agreements, name, err := s.agreementsOf(f.values)
		switch {
		case err != nil:
			p.Failed = notListed(p.L, name)
		case len(pr.files[0]) == 0:
			none := noInput[fields[0].flag]
			p.Failed = p.L.T(none[0], none[1])
		}
		pr.agreements = agreements
	}
	if p.Failed != "" {
		s.render(w, http.StatusBadRequest, nav, p)
		return nil, false
	}
	return pr, true
}

// args is the command line of command over the posted files: the
// agreements, the store, each field's files under its flag, the month
// asked for, and each of switches the form ticked.
func (pr *posted) args(command string, switches ...string) []string {
	args := []string{command, "--agreements", pr.agreements, "--quotes", pr.quotes}
	for i, field := range pr.fields {
		args = append(args, repeat(field.flag, pr.files[i])...)
	}
	if m := strings.TrimSpace(pr.values.Get("month")); m != "" {
		args = append(args, "--month", m)
	}
	for _, flag := range switches {
		if pr.values.Get(flag) != "" {
			args = append(args, "--"+flag)
		}
	}
	return args
}

// runPosted runs args as JSON into v and again as the HTML document, and
// returns both as downloads named after document. A command that failed
// is said on the page (422), and ok is false.
func (s *server) runPosted(w http.ResponseWriter, r *http.Request, pr *posted, args []string, v any, document string) (map[string]blob, bool) {
	p := pr.p
	res, failed, notes := s.runJSONResult(r.Context(), p.L, args, pr.uploads, v)
	if p.Failed, p.Notes = failed, notes; failed != "" {
		s.render(w, http.StatusUnprocessableEntity, p.Nav, p)
		return nil, false
	}
	got := map[string]blob{document + ".json": {"application/json", res.Stdout}}
	if res := s.run(r.Context(), p.L, append(slices.Clip(args), "--format", "html"), pr.uploads, nil); res.Status < 2 {
		got[document+".html"] = blob{"text/html; charset=utf-8", res.Stdout}
	}
	return got, true
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// --- Check ---

type checkData struct {
	Invoices, CSV []string
	Form          url.Values
	Result        *verdict
	Downloads     []download
}

func (s *server) checkForm(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "check")
	p.Data = checkData{Invoices: s.invoiceFiles(), CSV: s.deliveriesFiles(), Form: url.Values{}}
	s.render(w, http.StatusOK, "check", p)
}

func (s *server) check(w http.ResponseWriter, r *http.Request) {
	d := &checkData{Invoices: s.invoiceFiles(), CSV: s.deliveriesFiles()}
	pr, ok := s.readPosted(w, r, "check", d, &d.Form, inputField{"file", "invoices"}, inputField{"deliveries_file", "deliveries"})
	if !ok {
		return
	}
	var v verdict
	got, ok := s.runPosted(w, r, pr, pr.args("check", "provisional"), &v, "verdict")
	if !ok {
		return
	}
	d.Result = &v
	d.Downloads = s.downloads.keep(got)
	s.render(w, http.StatusOK, "check", pr.p)
}

// --- Report ---

type reportData struct {
	CSV       []string // the deliveries files to choose from
	Outputs   []string // the CSV files a production file may be
	Form      url.Values
	Result    *policyReport
	Chart     template.HTML
	Downloads []download
}

func (s *server) report(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "report")
	values := r.URL.Query()
	p.chose(values)
	d := reportData{CSV: s.deliveriesFiles(), Outputs: s.files(".csv"), Form: values}
	p.Data = &d
	if values.Get("run") == "" {
		if s.cfg.Production != "" && values.Get("production") == "" {
			values.Set("production", s.cfg.Production)
		}
		s.render(w, http.StatusOK, "report", p)
		return
	}
	var deliveries []string
	for _, name := range values["file"] {
		path, err := s.inData(name)
		if err != nil {
			p.Failed = notListed(p.L, name)
			s.render(w, http.StatusBadRequest, "report", p)
			return
		}
		deliveries = append(deliveries, path)
	}
	agreements, name, err := s.agreementsOf(values)
	if err != nil {
		p.Failed = notListed(p.L, name)
		s.render(w, http.StatusBadRequest, "report", p)
		return
	}
	if len(deliveries) == 0 {
		p.Failed = p.L.T("Choose the deliveries files of the period.", "请选择该期间的送货文件。")
		s.render(w, http.StatusBadRequest, "report", p)
		return
	}
	args := append([]string{"report", "--agreements", agreements, "--quotes", s.dataPath(s.cfg.Quotes)}, repeat("deliveries", deliveries)...)
	if prod := values.Get("production"); prod != "" {
		path, err := s.inData(prod)
		if err != nil {
			p.Failed = notListed(p.L, prod)
			s.render(w, http.StatusBadRequest, "report", p)
			return
		}
		args = append(args, "--production", path)
	}
	for _, flag := range []string{"from", "to"} {
		if v := strings.TrimSpace(values.Get(flag)); v != "" {
			args = append(args, "--"+flag, v)
		}
	}
	var rep policyReport
	res, failed, notes := s.runJSONResult(r.Context(), p.L, args, nil, &rep)
	if p.Failed, p.Notes = failed, notes; failed != "" {
		s.render(w, http.StatusUnprocessableEntity, "report", p)
		return
	}
	d.Result = &rep
	got := map[string]blob{"report.json": {"application/json", res.Stdout}}
	if res := s.run(r.Context(), p.L, append(slices.Clip(args), "--format", "html"), nil, nil); res.Status < 2 {
		got["report.html"] = blob{"text/html; charset=utf-8", res.Stdout}
		d.Chart = chartOf(res.Stdout)
	}
	d.Downloads = s.downloads.keep(got)
	s.render(w, http.StatusOK, "report", p)
}

// --- Downloads ---

// blob is a file to download.
type blob struct {
	contentType string
	data        []byte
}

// download is a link to one.
type download struct{ URL, Name string }

// downloads holds the files of the last results, each set under a random
// id, for a while: a GET fetches them without running anything again.
type downloads struct {
	mu    sync.Mutex
	sets  map[string]downloadSet
	order []string
}

type downloadSet struct {
	files map[string]blob
	made  time.Time
}

const (
	keptSets = 32
	keptFor  = time.Hour
)

func newDownloads() *downloads { return &downloads{sets: map[string]downloadSet{}} }

func (d *downloads) keep(files map[string]blob) []download {
	if len(files) == 0 {
		return nil
	}
	b := make([]byte, 16)
	rand.Read(b)
	id := hex.EncodeToString(b)
	d.mu.Lock()
	d.sets[id] = downloadSet{files: files, made: time.Now()}
	d.order = append(d.order, id)
	for len(d.order) > keptSets {
		delete(d.sets, d.order[0])
		d.order = d.order[1:]
	}
	d.mu.Unlock()
	var out []download
	for _, name := range slices.Sorted(maps.Keys(files)) {
		out = append(out, download{URL: "/download/" + id + "/" + url.PathEscape(name), Name: name})
	}
	return out
}

func (d *downloads) get(id, name string) (blob, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	set, ok := d.sets[id]
	if !ok || time.Since(set.made) > keptFor {
		return blob{}, false
	}
	b, ok := set.files[name]
	return b, ok
}

func (s *server) download(w http.ResponseWriter, r *http.Request) {
	b, ok := s.downloads.get(r.PathValue("id"), r.PathValue("name"))
	if !ok {
		s.refuse(w, r, http.StatusNotFound, s.lang(r).T("This download is no longer kept: run it again.", "该下载已不再保留:请重新运行。"))
		return
	}
	name := path.Base(r.PathValue("name"))
	w.Header().Set("Content-Type", b.contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	w.Write(b.data)
}

func (s *server) style(w http.ResponseWriter, r *http.Request) {
	css, _ := assets.ReadFile("templates/style.css")
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "max-age=3600")
	w.Write(css)
}
