package arrow

import (
	"math/big"
	"strconv"
	"strings"
)

// Interval is an Arrow Interval(MONTH_DAY_NANO) value, BoyoDB's INTERVAL. The three parts are
// independent, as in PostgreSQL: a month is not a fixed number of days, nor a day (across a
// daylight saving change) a fixed number of nanoseconds.
type Interval struct {
	Months      int32
	Days        int32
	Nanoseconds int64
}

// String formats the interval as PostgreSQL's default IntervalStyle does, e.g.
// "1 year 2 mons 3 days 04:05:06.789" or "-1 years -2 mons +3 days -04:05:06.789"; the result
// is also valid input for an INTERVAL literal.
func (v Interval) String() string {
	var b strings.Builder
	negativeBefore := false
	part := func(n int64, unit string) {
		if n == 0 {
			return
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if negativeBefore && n > 0 {
			b.WriteByte('+')
		}
		b.WriteString(strconv.FormatInt(n, 10))
		b.WriteByte(' ')
		b.WriteString(unit)
		if n != 1 {
			b.WriteByte('s')
		}
		negativeBefore = n < 0
	}
	part(int64(v.Months/12), "year")
	part(int64(v.Months%12), "mon")
	part(int64(v.Days), "day")
	if b.Len() == 0 || v.Nanoseconds != 0 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if v.Nanoseconds < 0 {
			b.WriteByte('-')
		} else if negativeBefore {
			b.WriteByte('+')
		}
		writeClock(&b, absInt64(v.Nanoseconds), 1e9, 9)
	}
	return b.String()
}

// absInt64 is |n| as a uint64, which holds it even for the smallest int64.
func absInt64(n int64) uint64 {
	if n < 0 {
		return uint64(-(n + 1)) + 1
	}
	return uint64(n)
}

// writeClock writes v units as hh:mm:ss with the fraction of a second (digits wide, trailing
// zeros dropped) when it is not zero. Hours are not wrapped at 24.
func writeClock(b *strings.Builder, v, perSecond uint64, digits int) {
	seconds, fraction := v/perSecond, v%perSecond
	hours, minutes := seconds/3600, seconds/60%60
	seconds %= 60
	two := func(n uint64) {
		if n < 10 {
			b.WriteByte('0')
		}
		b.WriteString(strconv.FormatUint(n, 10))
	}
	two(hours)
	b.WriteByte(':')
	two(minutes)
	b.WriteByte(':')
	two(seconds)
	if fraction != 0 {
		s := strconv.FormatUint(fraction, 10)
		s = strings.Repeat("0", digits-len(s)) + s
		b.WriteByte('.')
		b.WriteString(strings.TrimRight(s, "0"))
	}
}

// formatTimeOfDay formats a Time value (v units since midnight) as "15:04:05.999999".
func formatTimeOfDay(v int64, unit TimeUnit) string {
	var b strings.Builder
	if v < 0 {
		b.WriteByte('-')
	}
	writeClock(&b, absInt64(v), uint64(unit.perSecond()), unit.digits())
	return b.String()
}

// KeyValue is one entry of a MAP value. Maps come back as a []KeyValue in the server's order,
// because keys need not be comparable in Go ([]byte) and order and duplicates are kept.
type KeyValue struct {
	Key   any
	Value any
}

// formatDecimal formats a little-endian two's complement 128-bit integer scaled by 10^-scale,
// e.g. "-12345678.91", "0.005", "42".
func formatDecimal(le16 []byte, scale int) string {
	be := make([]byte, 16)
	for i := range be {
		be[i] = le16[15-i]
	}
	n := new(big.Int).SetBytes(be)
	negative := be[0]&0x80 != 0
	if negative {
		n.Sub(n, new(big.Int).Lsh(big.NewInt(1), 128))
		n.Neg(n)
	}
	digits := n.String()
	if scale > 0 {
		if len(digits) <= scale {
			digits = strings.Repeat("0", scale-len(digits)+1) + digits
		}
		digits = digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
	}
	if negative {
		return "-" + digits
	}
	return digits
}
