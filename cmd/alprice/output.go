package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"alprice/cmd/alprice/report"
)

// emit writes r in the chosen format to stdout, or to --out through a
// temporary file that is renamed into place only once complete.
func (a *app) emit(r result) error {
	var buf bytes.Buffer
	w := a.out
	if a.toFile() {
		w = &buf
	}
	var err error
	switch a.format {
	case "json":
		doc := r.json()
		if v, ok := doc.(jsonWriter); ok {
			bw := bufio.NewWriterSize(w, 64<<10)
			if err = v.writeJSON(bw); err == nil {
				_, err = bw.WriteString("\n") // as json.Encoder ends a document
			}
			if err == nil {
				err = bw.Flush()
			}
			break
		}
		indented := newIndentJSON(w)
		enc := json.NewEncoder(indented)
		enc.SetEscapeHTML(false)
		if err = enc.Encode(doc); err == nil {
			err = indented.Flush()
		}
	case "csv":
		if a.bom {
			_, err = io.WriteString(w, "\uFEFF")
		}
		if err == nil {
			err = report.WriteCSV(w, r.doc())
		}
	case "xlsx":
		err = report.WriteXLSXIn(w, r.doc(), a.work.get())
	case "markdown":
		err = report.WriteMarkdown(w, r.doc())
	case "html":
		var h report.HTML
		if h, err = a.htmlOf(r); err == nil {
			err = report.WriteHTML(w, h)
		}
	default:
		doc := r.doc()
		if width, ok := terminalWidth(w); ok && r.fit {
			doc.Fit = &report.Fit{Width: width, Number: "#", Hidden: func(titles []string) string {
				return fmt.Sprintf(a.lang.T("Not shown, to fit the terminal: %s; --wide shows every column, as --format json and csv do.",
					"为适应终端宽度未显示:%s;--wide 显示全部列,--format json 和 csv 亦然。"), strings.Join(titles, a.lang.T(", ", "、")))
			}}
		}
		err = report.WriteTable(w, doc)
	}
	if err != nil {
		return err
	}
	if a.toFile() {
		return a.output.write(a.outFile, buf.Bytes())
	}
	return nil
}

// toFile reports whether the output goes to a file: --out names one other
// than "-", which is stdout.
func (a *app) toFile() bool { return a.outFile != "" && a.outFile != "-" }
