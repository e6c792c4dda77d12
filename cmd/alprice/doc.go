// Command alprice prices molten aluminium (铝液) supplied by an
// electrolytic-aluminium smelter to downstream processors, the way the
// Changji Prefecture policy requires: the Changjiang A00 spot monthly
// average less the agreed deductions, billed on the delivered weight.
//
// Run "alprice --help" for the commands.
//
// This package is the command line, flat as restic's: it reads flags and
// files, calls the domain (alprice/pricing and its children) and lays out
// what it returns through report/; it never prices anything itself.
//
// The process and what every command shares:
//   - main.go: the process; profile.go: the profiles bench/ asks for.
//   - root.go: the command tree, run, the interrupt handler and the one
//     mapping of errors to exit codes; exitstatus.go: each command's own
//     EXIT STATUS section.
//   - app.go: the state and global flags every command shares.
//   - guard.go: package files wired in (the plan of a run's files, inputs
//     within their limits, outputs and the store written atomically, the
//     store's lock).
//   - inputs.go: the input flags with their encodings, reading each input
//     (the invoices beside the deliveries' settling), month flags; amountflags.go: --invoice-cap and --tax-tolerance;
//     flagwords.go: what an input lacks, in the flags' words;
//     suggest.go: mistyped flags and their nearest match.
//   - output.go: rendering a result in its format to stdout or --out;
//     format_flags.go: the output flags held to one another;
//     termwidth*.go: the width of a terminal on stdout, by system (none
//     for a pipe or a file), that settle and check fit their tables to.
//   - format.go, json.go, columns.go, labels.go, words.go: the texts, JSON
//     values (and the writing of a document too large to hold, piece by
//     piece), column titles, rule labels and amounts in capitals every
//     command writes alike.
//   - documents.go: the printed documents of --format html.
//   - help_zh.go: how the Chinese help is carried (each command's own sits
//     beside its English), the flags' Chinese, cobra's own commands.
//
// One file per command: quote.go (and quoteview.go, the build-up quote and
// table show), average.go, table.go, settle.go, check.go, trueup.go,
// einvoice.go (the 数电 batch flags settle and trueup share), reportcmd.go,
// lint.go, quotes.go and quotes_fetch.go, docs.go, serve.go (the web
// pages' command, and the executor that runs each page's commands
// in-process on a fresh app).
//
// Beside it: web/ (alprice serve's pages), i18n/ (the language and every
// catalogue), report/ (documents
// laid out), changjiang/ (Changjiang's site as a quote source),
// internal/files and internal/browser.
package main
