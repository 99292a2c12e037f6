package vtl

import (
	"fmt"
	"math/big"
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
		for j < len(format) && strings.IndexByte("-0+ #", format[j]) >= 0 {
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
			b.WriteString(fmt.Sprintf("%"+spec+string(conv), n))
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
			if !strings.Contains(spec, ".") {
				spec += ".6"
			}
			b.WriteString(fmt.Sprintf("%"+spec+string(conv), f))
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
