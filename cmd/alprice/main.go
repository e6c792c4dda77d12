package main

import "os"

// exitProcess ends the process; only main and the interrupt handler of run
// call it.
var exitProcess = os.Exit

func main() {
	stop := startProfiles(os.Getenv)
	code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	exitProcess(code)
}
