package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// openTerminal opens a pseudo-terminal of the width given: the file a
// program writes to, as a terminal, and the one its text is read from.
func openTerminal(t *testing.T, width int) (tty, reader *os.File) {
	t.Helper()
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() { ptmx.Close() })
	if err := unix.IoctlSetPointerInt(int(ptmx.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlockpt: %v", err)
	}
	n, err := unix.IoctlGetInt(int(ptmx.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skipf("ptsname: %v", err)
	}
	if err := unix.IoctlSetWinsize(int(ptmx.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 50, Col: uint16(width)}); err != nil {
		t.Fatal(err)
	}
	tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open the terminal: %v", err)
	}
	t.Cleanup(func() { tty.Close() })
	// The terminal echoes nothing back and keeps line ends as written.
	if tio, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS); err == nil {
		tio.Oflag &^= unix.OPOST
		tio.Lflag &^= unix.ECHO
		unix.IoctlSetTermios(int(tty.Fd()), unix.TCSETS, tio)
	}
	return tty, ptmx
}

// runOnTerminal runs alprice with its stdout a terminal width columns wide,
// and returns what it showed there.
func runOnTerminal(t *testing.T, width int, args ...string) (string, int) {
	t.Helper()
	tty, reader := openTerminal(t, width)
	var got bytes.Buffer
	done := make(chan struct{})
	go func() { io.Copy(&got, reader); close(done) }()
	var errOut bytes.Buffer
	status := run(args, strings.NewReader(""), tty, &errOut, env)
	tty.Close()
	<-done
	return got.String(), status
}

// settle and check fit a terminal's width (#27 item 24): no row wider than
// it, the columns left out named with --wide; --wide, and a pipe, get
// every column.
func TestTablesFitTheTerminal(t *testing.T) {
	t.Chdir("../..")
	settle := []string{"settle", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes, "--deliveries", "testdata/deliveries-2026-03.csv"}
	check := []string{"check", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes, "--deliveries", "testdata/deliveries-2026-03.csv",
		"--invoices", "testdata/invoices/transport-left-out.csv"}
	widest := func(s string) int {
		w := 0
		for _, line := range strings.Split(s, "\n") {
			if strings.HasPrefix(line, "│") {
				w = max(w, displayWidth(line))
			}
		}
		return w
	}
	for _, c := range []struct {
		args []string
		want []string // in the output
	}{
		{settle, []string{"Not shown, to fit the terminal: Buyer, Tapped t, Loss t (not billed), Days, A00 average, Excl. VAT, Invoice unit price, Amount excl. VAT, VAT; --wide shows every column"}},
		{check, []string{"1. transport deduction of 600.00/t not applied — rule 2.2", "│ # │ Invoice"}},
	} {
		out, status := runOnTerminal(t, 120, c.args...)
		if status > 1 {
			t.Fatalf("%v: exit %d:\n%s", c.args[0], status, out)
		}
		if w := widest(out); w > 120 {
			t.Errorf("%s: a row %d columns wide on a terminal of 120:\n%s", c.args[0], w, out)
		}
		if os.Getenv("ALPRICE_SHOW") != "" {
			t.Log("\n" + out)
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: the terminal lacks %q:\n%s", c.args[0], w, out)
			}
		}
		wide, _ := runOnTerminal(t, 120, append(c.args, "--wide")...)
		piped, _, _ := runAlprice(t, "", c.args...)
		if wide != piped || strings.Contains(piped, "Not shown") || widest(piped) <= 120 {
			t.Errorf("%s: --wide on a terminal is not every column as a pipe gets:\n%s\n---\n%s", c.args[0], wide, piped)
		}
	}
	// In Chinese, on 80 columns, with rows rejected: their reasons below.
	out, _ := runOnTerminal(t, 80, "settle", "--agreements", "testdata/agreements.yaml", "--quotes", h1Quotes,
		"--deliveries", "testdata/deliveries/bad-rows.csv", "--skip-invalid", "--lang", "zh")
	if w := widest(out); w > 80 {
		t.Errorf("zh: a row %d columns wide on a terminal of 80:\n%s", w, out)
	}
	for _, want := range []string{"为适应终端宽度未显示:需方、", "* 1. 不是日历上的日子"} {
		if !strings.Contains(out, want) {
			t.Errorf("zh: the terminal lacks %q:\n%s", want, out)
		}
	}
	if os.Getenv("ALPRICE_SHOW") != "" {
		t.Log("\n" + out)
	}
	// A terminal wide enough changes nothing.
	if out, _ := runOnTerminal(t, 1000, settle...); out != mustRun(t, settle) {
		t.Errorf("a terminal of 1000 columns differs from a pipe:\n%s", out)
	}
}

func mustRun(t *testing.T, args []string) string {
	out, _, _ := runAlprice(t, "", args...)
	return out
}

// displayWidth is how many terminal columns a line takes: East Asian wide
// characters two.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		switch {
		case r >= 0x1100 && (r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf || r >= 0xac00 && r <= 0xd7a3 || r >= 0xf900 && r <= 0xfaff || r >= 0xfe30 && r <= 0xfe4f || r >= 0xff00 && r <= 0xff60 || r >= 0xffe0 && r <= 0xffe6):
			w += 2
		default:
			w++
		}
	}
	return w
}
