package pricing

import (
	"slices"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// Holiday is a mainland public holiday that falls on a weekday: a day
// Changjiang publishes no quote.
type Holiday struct {
	Date time.Time
	Name string // such as 春节
}

// HolidaySchedule tells the mainland public holidays as the State Council
// schedules them each year.
type HolidaySchedule interface {
	// Knows reports whether the schedule has year y.
	Knows(y int) bool
	// Holiday returns the name of the public holiday on day d, or "" when
	// d is a working day (make-up working days, 调休, included).
	Holiday(d time.Time) string
}

// StateCouncilSchedule is the State Council's holiday schedule from 2001
// on, as github.com/6tail/lunar-go carries it; newer years come with
// updates of that library.
type StateCouncilSchedule struct{}

// Knows implements [HolidaySchedule].
func (StateCouncilSchedule) Knows(y int) bool { return HolidayUtil.GetHolidaysByYear(y).Len() > 0 }

// Holiday implements [HolidaySchedule].
func (StateCouncilSchedule) Holiday(d time.Time) string {
	h := HolidayUtil.GetHolidayByYmd(d.Year(), int(d.Month()), d.Day())
	if h == nil || h.IsWork() {
		return ""
	}
	return h.GetName()
}

// Calendar is Changjiang's trading calendar: it quotes A00 on trading days,
// Monday to Friday except mainland public holidays. It does not quote on
// weekends, make-up working weekends (调休) included.
type Calendar struct {
	schedule   HolidaySchedule
	added      map[time.Time]string // holidays from a file or the agreements, by date
	addedYears map[int]bool
	known      map[int]bool // whether a schedule covers a year, by year asked about
	months     map[Month]calendarMonth
	today      time.Time // zero: the day of the clock, in Beijing
}

// beijing is China Standard Time, UTC+8 all year: the day Changjiang
// quotes by, whatever the zone of the machine.
var beijing = time.FixedZone("CST", 8*60*60)

// Today returns the date today in Beijing, or the day set with SetToday: a
// quote dated after it is in the future.
func (c *Calendar) Today() time.Time {
	if !c.today.IsZero() {
		return c.today
	}
	y, m, d := time.Now().In(beijing).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// SetToday makes d today, for a run that must not depend on the clock (a
// test, a run replayed later).
func (c *Calendar) SetToday(d time.Time) { c.today = d }

type calendarMonth struct {
	trading  []time.Time
	holidays []Holiday
}

// NewCalendar returns the trading calendar of schedule, with the holidays
// of added on top (a file's, or the agreements'): they add days off, or
// rename them.
func NewCalendar(schedule HolidaySchedule, added ...Holiday) *Calendar {
	c := &Calendar{schedule: schedule, added: map[time.Time]string{}, addedYears: map[int]bool{}, known: map[int]bool{}, months: map[Month]calendarMonth{}}
	for _, h := range added {
		c.added[h.Date] = h.Name
		c.addedYears[h.Date.Year()] = true
	}
	return c
}

// DefaultCalendar returns the calendar of the State Council's schedule.
func DefaultCalendar() *Calendar { return NewCalendar(StateCouncilSchedule{}) }

// holiday returns the name of the public holiday on weekday d, or "".
func (c *Calendar) holiday(d time.Time) string {
	if name, ok := c.added[d]; ok {
		return name
	}
	y := d.Year()
	known, asked := c.known[y]
	if !asked {
		known = c.schedule.Knows(y)
		c.known[y] = known
	}
	if !known {
		return ""
	}
	return c.schedule.Holiday(d)
}

// IsWeekend reports whether d is a Saturday or a Sunday.
func IsWeekend(d time.Time) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// TradingDay reports whether Changjiang quotes on d; when it does not on
// a weekday, holiday names the public holiday.
func (c *Calendar) TradingDay(d time.Time) (trading bool, holiday string) {
	if IsWeekend(d) {
		return false, ""
	}
	if name := c.holiday(d); name != "" {
		return false, name
	}
	return true, ""
}

// Month returns the trading days of m, and its public holidays that fall
// on weekdays.
// The slices are shared: callers must not change them.
func (c *Calendar) Month(m Month) (trading []time.Time, holidays []Holiday) {
	if cm, ok := c.months[m]; ok {
		return cm.trading, cm.holidays
	}
	defer func() { c.months[m] = calendarMonth{trading, holidays} }()
	for day := 1; day <= m.Days(); day++ {
		d := m.Day(day)
		if ok, name := c.TradingDay(d); ok {
			trading = append(trading, d)
		} else if name != "" {
			holidays = append(holidays, Holiday{Date: d, Name: name})
		}
	}
	return trading, holidays
}

// Unscheduled returns the years asked about for which no holiday schedule
// is known, in order: every weekday of them was taken for a trading day.
func (c *Calendar) Unscheduled() []int {
	var years []int
	for y, known := range c.known {
		if !known && !c.addedYears[y] {
			years = append(years, y)
		}
	}
	slices.Sort(years)
	return years
}
