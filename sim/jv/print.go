package jv

import (
	"math"
	"math/big"
	"strconv"
)

// Entry is one element of a map's entrySet(): Velocity templates read it as $e.key and
// $e.value (getKey/getValue), and it prints as key=value like a Java Map.Entry.
type Entry struct {
	Key, Value any
	// Map is the map the entry belongs to (entrySet() entries write setValue through to
	// it), or nil.
	Map *Map
}

// JavaStringer is implemented by host objects that know how Java would print them.
// A host object without it prints as the empty string.
type JavaStringer interface {
	JavaString() string
}

// ToString returns v as Java's String.valueOf(v) writes it.
func ToString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return "null"
	case bool:
		if x {
			return "true"
		}
		return "false"
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case int64:
		return strconv.FormatInt(x, 10)
	}
	return string(AppendString(nil, v))
}

// AppendString appends ToString(v) to dst without building an intermediate string.
func AppendString(dst []byte, v any) []byte {
	return appendJava(dst, v, 0, -1)
}

// AppendStringLimit is AppendString that stops once dst is longer than limit bytes
// (ok is then false): values can share sub-values, so their text can be far larger
// than their memory.
func AppendStringLimit(dst []byte, v any, limit int) (_ []byte, ok bool) {
	dst = appendJava(dst, v, 0, limit)
	return dst, len(dst) <= limit
}

// maxPrintDepth stops runaway printing of deeply nested values; Java would overflow its
// stack instead, which API Gateway reports as an internal error.
const maxPrintDepth = 2000

func appendJava(dst []byte, v any, depth, limit int) []byte {
	if depth > maxPrintDepth || limit >= 0 && len(dst) > limit {
		return append(dst, "..."...)
	}
	switch x := v.(type) {
	case string:
		return append(dst, x...)
	case nil:
		return append(dst, "null"...)
	case bool:
		return strconv.AppendBool(dst, x)
	case int32:
		return strconv.AppendInt(dst, int64(x), 10)
	case int64:
		return strconv.AppendInt(dst, x, 10)
	case float64:
		return AppendDouble(dst, x)
	case *big.Int:
		return x.Append(dst, 10)
	case *Map:
		return appendMap(dst, x, depth, limit)
	case *List:
		if x.JSON {
			return appendJSON(dst, x, depth, limit)
		}
		return appendList(dst, x, depth, limit)
	case *Entry:
		dst = appendJava(dst, x.Key, depth+1, limit)
		dst = append(dst, '=')
		return appendJava(dst, x.Value, depth+1, limit)
	case JavaStringer:
		return append(dst, x.JavaString()...)
	}
	return dst
}

// appendMap writes {k=v, k2=v2} as AbstractMap.toString does, including its guard
// against a map that contains itself.
func appendMap(dst []byte, m *Map, depth, limit int) []byte {
	dst = append(dst, '{')
	for i, k := range m.keys {
		if limit >= 0 && len(dst) > limit {
			break
		}
		if i > 0 {
			dst = append(dst, ", "...)
		}
		if k == any(m) {
			dst = append(dst, "(this Map)"...)
		} else {
			dst = appendJava(dst, k, depth+1, limit)
		}
		dst = append(dst, '=')
		if v := m.vals[i]; v == any(m) {
			dst = append(dst, "(this Map)"...)
		} else {
			dst = appendJava(dst, v, depth+1, limit)
		}
	}
	return append(dst, '}')
}

// appendList writes [a, b] as AbstractCollection.toString does.
func appendList(dst []byte, l *List, depth, limit int) []byte {
	dst = append(dst, '[')
	for i, v := range l.Items {
		if limit >= 0 && len(dst) > limit {
			break
		}
		if i > 0 {
			dst = append(dst, ", "...)
		}
		if v == any(l) {
			dst = append(dst, "(this Collection)"...)
		} else {
			dst = appendJava(dst, v, depth+1, limit)
		}
	}
	return append(dst, ']')
}

// FormatDouble returns f as Java's Double.toString prints it: at least one digit after
// the point (1.0), plain notation for magnitudes in [10^-3, 10^7), otherwise computerized
// scientific notation (1.0E10, 1.5E-5), and the shortest digits that read back as f.
func FormatDouble(f float64) string {
	return string(AppendDouble(nil, f))
}

// AppendDouble appends FormatDouble(f) to dst.
func AppendDouble(dst []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, "NaN"...)
	case math.IsInf(f, 1):
		return append(dst, "Infinity"...)
	case math.IsInf(f, -1):
		return append(dst, "-Infinity"...)
	case f == 0:
		if math.Signbit(f) {
			return append(dst, "-0.0"...)
		}
		return append(dst, "0.0"...)
	}
	if f < 0 {
		dst = append(dst, '-')
		f = -f
	}
	var buf [32]byte
	if s, ok := appendLongDigits(buf[:0], f); ok {
		return appendJavaLayout(dst, f, s)
	}
	// Shortest digits in scientific form: d.dddde±x.
	s := strconv.AppendFloat(buf[:0], f, 'e', -1, 64)
	if f == math.SmallestNonzeroFloat64 {
		// Java's FloatingDecimal prints Double.MIN_VALUE with two digits.
		s = append(buf[:0], "4.9e-324"...)
	}
	return appendJavaLayout(dst, f, s)
}

// appendLongDigits handles whole numbers from 2^53 to 2^63 the way JDK 8–18's
// FloatingDecimal does (the oracle's JDK 17; AWS presumably runs one of them): it prints
// the exact integer, dropping (with rounding) only floor((e-54)·log10 2) low digits for a
// double of binary exponent e, so 5081561545527386112.0 prints as 5.0815615455273861E18
// where the shortest form is 5.081561545527386E18. It writes d.dddde+x as strconv does.
func appendLongDigits(dst []byte, f float64) ([]byte, bool) {
	if f < 1<<53 || f >= 1<<63 || f != math.Trunc(f) {
		return dst, false
	}
	binExp := int(math.Float64bits(f)>>52&0x7ff) - 1023
	drop := 0
	if p2 := binExp - 54; p2 > 1 { // 2^p2 is the spacing of doubles this large, in units past 2 ulp
		drop = int(float64(p2) * math.Log10(2)) // the decimal digits 2^p2 spans
	}
	v := uint64(f)
	if drop > 0 {
		pow := uint64(1)
		for i := 0; i < drop; i++ {
			pow *= 10
		}
		rest := v % pow
		v /= pow
		if rest >= pow/2 {
			v++
		}
	}
	digits := strconv.AppendUint(nil, v, 10)
	exp := len(digits) - 1 + drop
	for len(digits) > 1 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
	}
	dst = append(dst, digits[0], '.')
	dst = append(dst, digits[1:]...)
	dst = append(dst, 'e', '+')
	return strconv.AppendInt(dst, int64(exp), 10), true
}

// appendJavaLayout writes the digits of s (strconv's d.dddde±x) in Java's layout.
func appendJavaLayout(dst []byte, f float64, s []byte) []byte {
	e := 0
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == 'e' {
			exp, _ := strconv.Atoi(string(s[i+1:]))
			e = exp
			s = s[:i]
			break
		}
	}
	digits := make([]byte, 0, 20)
	for _, c := range s {
		if c != '.' {
			digits = append(digits, c)
		}
	}
	if f >= 1e-3 && f < 1e7 {
		if e >= 0 {
			for len(digits) < e+1 {
				digits = append(digits, '0')
			}
			dst = append(dst, digits[:e+1]...)
			dst = append(dst, '.')
			if len(digits) > e+1 {
				return append(dst, digits[e+1:]...)
			}
			return append(dst, '0')
		}
		dst = append(dst, "0."...)
		for i := 0; i < -e-1; i++ {
			dst = append(dst, '0')
		}
		return append(dst, digits...)
	}
	dst = append(dst, digits[0], '.')
	if len(digits) > 1 {
		dst = append(dst, digits[1:]...)
	} else {
		dst = append(dst, '0')
	}
	dst = append(dst, 'E')
	return strconv.AppendInt(dst, int64(e), 10)
}
