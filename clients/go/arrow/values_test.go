package arrow

import (
	"math"
	"testing"
)

func TestIntervalString(t *testing.T) {
	for _, tc := range []struct {
		v    Interval
		want string
	}{
		{Interval{}, "00:00:00"},
		{Interval{Months: 14, Days: 3, Nanoseconds: 14706789000000}, "1 year 2 mons 3 days 04:05:06.789"},
		{Interval{Months: -14, Days: 3, Nanoseconds: -14706789000000}, "-1 years -2 mons +3 days -04:05:06.789"},
		{Interval{Months: 1}, "1 mon"},
		{Interval{Days: -1, Nanoseconds: 1}, "-1 days +00:00:00.000000001"},
		{Interval{Nanoseconds: 100 * 3600e9}, "100:00:00"},
		{Interval{Nanoseconds: math.MinInt64}, "-2562047:47:16.854775808"},
	} {
		if got := tc.v.String(); got != tc.want {
			t.Errorf("%+v: got %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestFormatDecimal(t *testing.T) {
	le16 := func(lo uint64, hi uint64) []byte {
		b := make([]byte, 16)
		le.PutUint64(b, lo)
		le.PutUint64(b[8:], hi)
		return b
	}
	for _, tc := range []struct {
		b     []byte
		scale int
		want  string
	}{
		{le16(0, 0), 2, "0.00"},
		{le16(5, 0), 3, "0.005"},
		{le16(42, 0), 0, "42"},
		{le16(uint64(math.MaxUint64-4), math.MaxUint64), 3, "-0.005"},
		{le16(0, 1<<63), 0, "-170141183460469231731687303715884105728"},
		{le16(math.MaxUint64, 1<<63-1), 38, "1.70141183460469231731687303715884105727"},
	} {
		if got := formatDecimal(tc.b, tc.scale); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

func TestFormatTimeOfDay(t *testing.T) {
	for _, tc := range []struct {
		v    int64
		unit TimeUnit
		want string
	}{
		{0, Microsecond, "00:00:00"},
		{86399999999, Microsecond, "23:59:59.999999"},
		{86400000000, Microsecond, "24:00:00"},
		{45296500, Millisecond, "12:34:56.5"},
		{45296, Second, "12:34:56"},
		{1, Nanosecond, "00:00:00.000000001"},
	} {
		if got := formatTimeOfDay(tc.v, tc.unit); got != tc.want {
			t.Errorf("%d %s: got %q, want %q", tc.v, tc.unit, got, tc.want)
		}
	}
}
