// Command hello is the start-up baseline of bench/startup.sh: the smallest
// Go program that prints a line.
package main

import "fmt"

func main() { fmt.Println("hello") }
