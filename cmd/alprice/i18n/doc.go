// Package i18n is the language alprice speaks to people: English or
// Chinese, chosen by --lang or the locale, and every catalogue of it.
//
// The domain (package pricing and its rooms) knows no language: its errors
// are templates and their figures ([pricing.Errorf]), its findings codes
// and their figures ([pricing.Message]). This package says them:
//
//   - lang.go: [Lang], how a run's language is chosen ([LangOfRun],
//     [LangFromEnv], [ParseLang]), [Lang.T] for the inline pairs of the
//     command line, [Lang.SayError] and [Lang.Count]; uilang_windows.go
//     asks Windows for the user's UI language where no locale variable
//     is set ([LangOfLANGID] maps its LANGID), uilang_other.go says
//     nothing elsewhere.
//   - errors_zh.go: [ChineseErrors], the one catalogue: the Chinese of
//     every error template of the source and of every message, keyed by
//     its English (gettext's way), merged from the files of each area
//     (errors_einvoice_zh.go, errors_invoices_in_zh.go, errors_serve_zh.go,
//     errors_quotes_fetch_zh.go, errors_files_zh.go,
//     errors_documents_zh.go, errors_messages_zh.go — the findings and
//     notes of [pricing.Message], each under its code), and the system
//     errors of the standard library the tool passes on.
//   - messages.go: [Lang.Say], which says a [pricing.Message] through the
//     same catalogue.
//   - lines.go: [LineLabel], the names of the lines of a price build-up,
//     and [RuleName], the policy rules as they are cited.
//   - titles.go: [ColumnTitles], the headers of every table by column key.
//
// The command help in Chinese sits with the commands (each beside its
// English, carried as cmd/alprice/help_zh.go says); tests there hold every catalogue to the source.
package i18n
