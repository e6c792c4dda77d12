// Command barescan is the limit settle is measured against (bench/run.sh,
// #29): a Go program that only scans a deliveries file and sums its
// delivered_t column as int64 kilograms — no quoting, no checks, no
// duplicate tickets, no pricing. It prints the rows and the sum, which
// bench/run.sh holds to settle's, so that both did the same reading.
//
//	go run ./bench/barescan deliveries.csv
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: barescan FILE")
		os.Exit(2)
	}
	rows, kg, err := scan(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "barescan:", err)
		os.Exit(1)
	}
	fmt.Printf("%d rows, %d.%03d t delivered\n", rows, kg/1000, kg%1000)
}

// scan sums the delivered_t column of the file, whose fields hold no
// quotes or commas (the generator's files).
func scan(path string) (rows, kg int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	header, err := r.ReadSlice('\n')
	if err != nil {
		return 0, 0, err
	}
	col := -1
	for i, h := range bytes.Split(bytes.TrimRight(header, "\r\n"), []byte(",")) {
		if string(h) == "delivered_t" {
			col = i
		}
	}
	if col < 0 {
		return 0, 0, fmt.Errorf("%s: no column delivered_t", path)
	}
	for {
		line, err := r.ReadSlice('\n')
		if len(line) > 0 {
			rows++
			field := line
			for range col {
				field = field[bytes.IndexByte(field, ',')+1:]
			}
			// Tonnes with 3 decimals as whole kilograms.
			var n int64
			for _, c := range field {
				if c >= '0' && c <= '9' {
					n = n*10 + int64(c-'0')
				} else if c != '.' {
					break
				}
			}
			kg += n
		}
		if err == io.EOF {
			return rows, kg, nil
		}
		if err != nil {
			return 0, 0, err
		}
	}
}
