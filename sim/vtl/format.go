package vtl

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/apigw-playground/playground/sim/jv"
)

// javaFormat is String.format for the conversions templates use: %s %S %d %x %X %o %f
// %e %E %g %b %B %n %% with flags (- 0 + space), width and precision. A conversion that
// does not fit its argument fails as Java's IllegalFormatConversionException does.
func (s *state) javaFormat(format string, args []any) (string, string) {
	var b strings.Builder
	next := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("-0+ #,", format[j]) >= 0 {
			j++
		}
		for j < len(format) && (isDigit(format[j]) || format[j] == '.') {
			j++
		}
		if j >= len(format) {
			return "", "java.util.UnknownFormatConversionException: Conversion = '%'"
		}
		spec, conv := format[i+1:j], format[j]
		i = j
		grouped := strings.Contains(spec, ",")
		spec = strings.ReplaceAll(spec, ",", "")
		if hugeWidth(spec) {
			return "", "java.util.IllegalFormatWidthException: " + spec
		}
		switch conv {
		case '%':
			b.WriteByte('%')
			continue
		case 'n':
			b.WriteByte('\n')
			continue
		}
		if next >= len(args) {
			return "", "java.util.MissingFormatArgumentException: Format specifier '%" + spec + string(conv) + "'"
		}
		arg := args[next]
		next++
		bad := "java.util.IllegalFormatConversionException: " + string(conv) + " != " + javaClass(arg)
		switch conv {
		case 's', 'S':
			str := s.str(arg)
			if conv == 'S' {
				str = javaUpper(str)
			}
			b.WriteString(fmt.Sprintf("%"+spec+"s", str))
		case 'b', 'B':
			v := arg != nil
			if x, ok := arg.(bool); ok {
				v = x
			}
			str := fmt.Sprintf("%"+spec+"t", v)
			if conv == 'B' {
				str = strings.ToUpper(str)
			}
			b.WriteString(str)
		case 'd', 'x', 'X', 'o':
			var n any
			switch x := arg.(type) {
			case int32:
				n = int64(x)
			case int64:
				n = x
			case *big.Int:
				n = x
			default:
				return "", bad
			}
			if x, ok := n.(int64); ok && x < 0 && conv != 'd' {
				// Java prints negative Integer/Long in hex and octal as two's complement.
				if _, isInt := arg.(int32); isInt {
					n = uint64(uint32(x))
				} else {
					n = uint64(x)
				}
			}
			str := fmt.Sprintf("%"+spec+string(conv), n)
			if grouped && conv == 'd' {
				str = groupThousands(str, spec)
			}
			b.WriteString(str)
		case 'f', 'e', 'E', 'g', 'G':
			var f float64
			switch x := arg.(type) {
			case float64:
				f = x
			case *jv.BigDecimal:
				f = x.Float64()
			default:
				return "", bad
			}
			if conv == 'g' || conv == 'G' {
				if !strings.Contains(spec, ".") {
					spec += ".6"
				}
				b.WriteString(fmt.Sprintf("%"+spec+string(conv), f))
				break
			}
			str := formatJavaFloat(spec, conv, f)
			if grouped && conv == 'f' {
				str = groupThousands(str, spec)
			}
			b.WriteString(str)
		default:
			if conv == 'c' {
				return "", bad
			}
			return "", "java.util.UnknownFormatConversionException: Conversion = '" + string(conv) + "'"
		}
	}
	return b.String(), ""
}

// hugeWidth reports a width or precision past 10,000: a template cannot make one format
// call allocate gigabytes.
func hugeWidth(spec string) bool {
	n := 0
	for i := 0; i < len(spec); i++ {
		if !isDigit(spec[i]) {
			n = 0
			continue
		}
		n = n*10 + int(spec[i]-'0')
		if n > 10000 {
			return true
		}
	}
	return false
}

// formatJavaFloat is %f, %e and %E as java.util.Formatter writes them: the double's
// shortest decimal digits (those of Double.toString) rounded half up at the precision,
// so %.1f of 0.15 is 0.2 and %.2f of 1.005 is 1.01 (C's printf gives 0.1 and 1.00).
func formatJavaFloat(spec string, conv byte, f float64) string {
	flags, width, prec := parseSpec(spec)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return pad(flags, width, jv.FormatDouble(f))
	}
	neg := math.Signbit(f)
	digits, exp := shortestDigits(math.Abs(f))
	var body string
	if conv == 'f' {
		body = fixedDigits(digits, exp, prec)
	} else {
		body = sciDigits(digits, exp, prec, conv == 'E')
	}
	sign := ""
	switch {
	case neg:
		sign = "-"
	case strings.Contains(flags, "+"):
		sign = "+"
	case strings.Contains(flags, " "):
		sign = " "
	}
	if strings.Contains(flags, "0") && !strings.Contains(flags, "-") && len(sign)+len(body) < width {
		body = strings.Repeat("0", width-len(sign)-len(body)) + body
	}
	return pad(flags, width, sign+body)
}

// parseSpec splits a conversion's flags, width and precision (default 6).
func parseSpec(spec string) (flags string, width, prec int) {
	i := 0
	for i < len(spec) && strings.IndexByte("-0+ #,", spec[i]) >= 0 {
		i++
	}
	flags = spec[:i]
	for i < len(spec) && isDigit(spec[i]) {
		width = width*10 + int(spec[i]-'0')
		i++
	}
	prec = 6
	if i < len(spec) && spec[i] == '.' {
		prec = 0
		for i++; i < len(spec) && isDigit(spec[i]); i++ {
			prec = prec*10 + int(spec[i]-'0')
		}
	}
	return flags, width, prec
}

// pad widens s to width with spaces, on the right with the "-" flag.
func pad(flags string, width int, s string) string {
	if len(s) >= width {
		return s
	}
	if strings.Contains(flags, "-") {
		return s + strings.Repeat(" ", width-len(s))
	}
	return strings.Repeat(" ", width-len(s)) + s
}

// shortestDigits returns the shortest decimal digits of f > 0 and the exponent of the
// first: f = 0.d1d2… × 10^(exp+1).
func shortestDigits(f float64) (string, int) {
	if f == 0 {
		return "0", 0
	}
	s := strconv.FormatFloat(f, 'e', -1, 64)
	mant, e, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(e)
	return strings.Replace(mant, ".", "", 1), exp
}

// roundHalfUp keeps the first n digits, rounding half up; carry reports a new leading 1.
func roundHalfUp(digits string, n int) (kept string, carry bool) {
	if n < 0 {
		return "", false
	}
	if n >= len(digits) {
		return digits + strings.Repeat("0", n-len(digits)), false
	}
	b := []byte(digits[:n])
	if digits[n] >= '5' {
		i := len(b) - 1
		for ; i >= 0 && b[i] == '9'; i-- {
			b[i] = '0'
		}
		if i < 0 {
			return "1" + string(b), true
		}
		b[i]++
	}
	return string(b), false
}

func fixedDigits(digits string, exp, prec int) string {
	// Digits kept: those left of the point (exp+1) and prec after it.
	n := exp + 1 + prec
	kept, carry := roundHalfUp(digits, n)
	intLen := exp + 1
	if carry {
		intLen++
	}
	all := kept
	if intLen <= 0 {
		all = strings.Repeat("0", 1-intLen) + all
		intLen = 1
	}
	for len(all) < intLen+prec {
		all += "0"
	}
	if prec == 0 {
		return all[:intLen]
	}
	return all[:intLen] + "." + all[intLen:intLen+prec]
}

func sciDigits(digits string, exp, prec int, upper bool) string {
	kept, carry := roundHalfUp(digits, prec+1)
	if carry {
		kept = kept[:prec+1]
		exp++
	}
	mant := kept[:1]
	if prec > 0 {
		mant += "." + kept[1:]
	}
	e := "e"
	if upper {
		e = "E"
	}
	sign := "+"
	if exp < 0 {
		sign, exp = "-", -exp
	}
	return mant + e + sign + fmt.Sprintf("%02d", exp)
}

// groupThousands inserts the "," flag's separators into the integer digits of a
// formatted number and re-pads it to the width in spec.
func groupThousands(s, spec string) string {
	flags, width, _ := parseSpec(spec)
	t := strings.TrimSpace(s)
	start := strings.IndexAny(t, "0123456789")
	if start < 0 {
		return s
	}
	end := start
	for end < len(t) && isDigit(t[end]) {
		end++
	}
	digits := strings.TrimLeft(t[start:end], "0")
	if digits == "" {
		digits = "0"
	}
	var b strings.Builder
	for i := range len(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(digits[i])
	}
	return pad(flags, width, t[:start]+b.String()+t[end:])
}
