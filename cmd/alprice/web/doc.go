// Package web is alprice serve's face: the same tool as web pages, beside
// the command line. It never computes a figure and never reads an input
// itself: every page runs the commands (package main injects an
// [Executor] that runs the real command tree in-process, uploads served
// from memory) and shows their JSON, or passes their HTML documents
// through as downloads.
//
//   - server.go: [Config], [Run], [Result], [Executor], [New] (the
//     handler and its routes), [Serve] (graceful shutdown), [Loopback],
//     [NewToken], the limits of a request.
//   - guard.go: what stands in front of every page: the token, the Host
//     of a loopback server (against DNS rebinding), the same-origin and
//     CSRF checks of a POST, the headers that keep pages unframed and
//     fetching nothing from elsewhere, the names of files a request may
//     give ([PlainName], the folder's listing), the uploads read within
//     their caps and held in memory, and the slots that let only so many
//     requests run commands at once (Config.MaxRuns).
//   - pages.go: the pages — overview, quote (with its printable notice),
//     quotes (add, fetch), settle, check, report — with the charts of the
//     commands' own HTML documents (table's, report's), and the downloads
//     kept for a while under random ids.
//   - views.go: the commands' JSON as far as the pages show it.
//   - templates/: the pages (html/template) and the one style sheet,
//     embedded; labels in English and Chinese side by side.
package web
