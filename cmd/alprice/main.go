package main

import "os"

// exitProcess ends the process; only main and the interrupt handler of run
// call it.
var exitProcess = os.Exit

// interruptsHandled is called once run's interrupt handler is installed:
// a test that interrupts alprice as a process waits for it, since a
// signal before it ends the process the system's way, with nothing said
// and nothing cleaned.
var interruptsHandled = func() {}

func main() {
	stop := startProfiles(os.Getenv)
	code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	exitProcess(code)
}
