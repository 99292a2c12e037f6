package vtl

import (
	"math/big"

	"github.com/apigw-playground/playground/sim/jv"
)

// BigDecimal arithmetic, for the json-smart decimals (*jv.BigDecimal) a body can hold.
// Velocity's MathUtils computes in BigDecimal as soon as one operand is one: +, - and *
// are exact, / keeps the scale of the left operand rounding half down, and % fails
// (Velocity 1.7 throws ArithmeticException; the evaluator reports it).

var bigTen = big.NewInt(10)

func pow10(n int) *big.Int { return new(big.Int).Exp(bigTen, big.NewInt(int64(n)), nil) }

// toDecimal converts a number to BigDecimal; a Double goes through its Java string
// form, like BigDecimal.valueOf.
func toDecimal(v any) *jv.BigDecimal {
	switch x := v.(type) {
	case *jv.BigDecimal:
		return x
	case float64:
		s := jv.FormatDouble(x)
		d, ok := parseDecimalText(s)
		if ok {
			return d
		}
		return &jv.BigDecimal{Unscaled: new(big.Int), Scale: 0}
	}
	return &jv.BigDecimal{Unscaled: toBig(v), Scale: 0}
}

// parseDecimalText reads [-]digits[.digits][E[-]digits].
func parseDecimalText(s string) (*jv.BigDecimal, bool) {
	mant, exp := s, 0
	for i := 0; i < len(s); i++ {
		if s[i] == 'E' || s[i] == 'e' {
			e, ok := new(big.Int).SetString(s[i+1:], 10)
			if !ok {
				return nil, false
			}
			mant, exp = s[:i], int(e.Int64())
			break
		}
	}
	scale := 0
	for i := 0; i < len(mant); i++ {
		if mant[i] == '.' {
			scale = len(mant) - i - 1
			mant = mant[:i] + mant[i+1:]
			break
		}
	}
	u, ok := new(big.Int).SetString(mant, 10)
	if !ok {
		return nil, false
	}
	return &jv.BigDecimal{Unscaled: u, Scale: scale - exp}, true
}

// aligned returns both unscaled values at the larger scale.
func aligned(a, b *jv.BigDecimal) (*big.Int, *big.Int, int) {
	s := max(a.Scale, b.Scale)
	x := new(big.Int).Mul(a.Unscaled, pow10(s-a.Scale))
	y := new(big.Int).Mul(b.Unscaled, pow10(s-b.Scale))
	return x, y, s
}

func decimalArithmetic(op binOp, x, y any) any {
	a, b := toDecimal(x), toDecimal(y)
	switch op {
	case opAdd, opSub:
		u, v, s := aligned(a, b)
		if op == opAdd {
			return &jv.BigDecimal{Unscaled: u.Add(u, v), Scale: s}
		}
		return &jv.BigDecimal{Unscaled: u.Sub(u, v), Scale: s}
	case opMul:
		return &jv.BigDecimal{Unscaled: new(big.Int).Mul(a.Unscaled, b.Unscaled), Scale: a.Scale + b.Scale}
	}
	if b.Unscaled.Sign() == 0 {
		return nil
	}
	// a/b at a's scale: unscaled = a.u × 10^b.scale / b.u, rounded half down.
	num := new(big.Int).Set(a.Unscaled)
	den := new(big.Int).Set(b.Unscaled)
	if b.Scale >= 0 {
		num.Mul(num, pow10(b.Scale))
	} else {
		den.Mul(den, pow10(-b.Scale))
	}
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	twice := new(big.Int).Abs(r)
	twice.Lsh(twice, 1)
	if twice.Cmp(new(big.Int).Abs(den)) > 0 {
		if (num.Sign() < 0) != (den.Sign() < 0) {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return &jv.BigDecimal{Unscaled: q, Scale: a.Scale}
}

func compareDecimals(x, y any) int {
	u, v, _ := aligned(toDecimal(x), toDecimal(y))
	return u.Cmp(v)
}
