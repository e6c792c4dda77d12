package main

import (
	"errors"

	"alprice/pricing"
	"alprice/pricing/read"
)

// flagWords says what an input lacks in the command line's words: the
// readers speak of a date, a year or a month for every row, the flags that
// give them are the commands' (--date, --year, --month).
func flagWords(err error) error {
	say := func(e *pricing.InputError) {
		switch {
		case errors.Is(e.Err, read.ErrNoSupplyMonth):
			e.Err = pricing.Errorf("states no supply month: give it in a month column (YYYY-MM) or a 备注 (供货月份:YYYY-MM), with --month, or give the issue_date, and the month before it is taken")
		case errors.Is(e.Err, read.ErrNoDate):
			e.Err = pricing.Errorf("has no date: start the line with YYYY-MM-DD, or give --date")
		case errors.Is(e.Err, read.ErrNoYear):
			e.Err = pricing.Errorf("gives its dates without a year: give --year")
		}
	}
	var list pricing.ErrorList
	var one *pricing.InputError
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			say(e)
		}
	case errors.As(err, &one):
		say(one)
	}
	return err
}
