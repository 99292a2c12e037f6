package vtl

import (
	"math"
	"math/big"
	"reflect"

	"github.com/apigw-playground/playground/sim/jv"
)

// truthy is Velocity 1.7's #if test: only null and Boolean false are false. Empty
// strings, empty collections and zero are true (no 2.x empty check).
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	}
	return true
}

// isNumber reports whether v is a java.lang.Number.
func isNumber(v any) bool {
	switch v.(type) {
	case int32, int64, float64, *big.Int, *jv.BigDecimal:
		return true
	}
	return false
}

// numberKind orders the calculation bases Velocity's MathUtils picks for two operands.
type numberKind uint8

const (
	kindInt numberKind = iota
	kindLong
	kindBig
	kindDouble
	kindDecimal
)

func kindOf(v any) numberKind {
	switch v.(type) {
	case int32:
		return kindInt
	case int64:
		return kindLong
	case *big.Int:
		return kindBig
	case *jv.BigDecimal:
		return kindDecimal
	}
	return kindDouble
}

func toInt64(v any) int64 {
	switch x := v.(type) {
	case int32:
		return int64(x)
	case int64:
		return x
	case float64:
		return int64(x)
	case *big.Int:
		return x.Int64()
	case *jv.BigDecimal:
		return int64(x.Float64())
	}
	return 0
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case int32:
		return float64(x)
	case int64:
		return float64(x)
	case float64:
		return x
	case *big.Int:
		f, _ := new(big.Float).SetInt(x).Float64()
		return f
	case *jv.BigDecimal:
		return x.Float64()
	}
	return 0
}

func toBig(v any) *big.Int {
	if b, ok := v.(*big.Int); ok {
		return b
	}
	return big.NewInt(toInt64(v))
}

// narrow returns an integer result in the smallest of Integer, Long, BigInteger that is
// at least as wide as the wider operand and holds the value, as MathUtils does: an
// Integer sum that overflows becomes a Long instead of wrapping.
func narrow(r *big.Int, base numberKind) any {
	if r.IsInt64() {
		n := r.Int64()
		if base == kindInt && n >= math.MinInt32 && n <= math.MaxInt32 {
			return int32(n)
		}
		return n
	}
	return r
}

func narrowInt(n int64, base numberKind) any {
	if base == kindInt && n >= math.MinInt32 && n <= math.MaxInt32 {
		return int32(n)
	}
	return n
}

// arithmetic applies + - * / % to two values with Velocity 1.7's rules: + concatenates
// when either side is a String; numbers are computed in the wider type (with overflow
// promotion); division or modulo by zero and non-numeric operands give null.
func arithmetic(op binOp, x, y any) any {
	if op == opAdd {
		_, xs := x.(string)
		_, ys := y.(string)
		if xs || ys {
			return jv.ToString(x) + jv.ToString(y)
		}
	}
	if !isNumber(x) || !isNumber(y) {
		return nil
	}
	base := max(kindOf(x), kindOf(y))
	if base == kindDouble && (kindOf(x) == kindBig || kindOf(y) == kindBig) {
		base = kindDecimal // MathUtils meets BigInteger and Double in BigDecimal
	}
	switch base {
	case kindDecimal:
		return decimalArithmetic(op, x, y)
	case kindDouble:
		a, b := toFloat(x), toFloat(y)
		switch op {
		case opAdd:
			return a + b
		case opSub:
			return a - b
		case opMul:
			return a * b
		case opDiv:
			if b == 0 {
				return nil
			}
			return a / b
		default:
			if b == 0 {
				return nil
			}
			return math.Mod(a, b)
		}
	case kindInt, kindLong:
		a, b := toInt64(x), toInt64(y)
		switch op {
		case opAdd:
			if r := a + b; (r^a)&(r^b) >= 0 {
				return narrowInt(r, base)
			}
		case opSub:
			if r := a - b; (a^b)&(r^a) >= 0 {
				return narrowInt(r, base)
			}
		case opMul:
			if a == 0 || b == 0 {
				return narrowInt(0, base)
			}
			if r := a * b; r/b == a && !(a == -1 && b == math.MinInt64) && !(b == -1 && a == math.MinInt64) {
				return narrowInt(r, base)
			}
		case opDiv:
			if b == 0 {
				return nil
			}
			if !(a == math.MinInt64 && b == -1) {
				return narrowInt(a/b, base)
			}
		default:
			if b == 0 {
				return nil
			}
			if b == -1 {
				return narrowInt(0, base)
			}
			return narrowInt(a%b, base)
		}
	}
	a, b := toBig(x), toBig(y)
	r := new(big.Int)
	switch op {
	case opAdd:
		r.Add(a, b)
	case opSub:
		r.Sub(a, b)
	case opMul:
		r.Mul(a, b)
	case opDiv:
		if b.Sign() == 0 {
			return nil
		}
		r.Quo(a, b)
	default:
		if b.Sign() == 0 {
			return nil
		}
		if base == kindBig {
			r.Mod(a, b) // BigInteger.mod (a negative modulus fails before: negativeBigModulus)
		} else {
			r.Rem(a, b)
		}
	}
	if base == kindBig {
		return r
	}
	return narrow(r, kindLong)
}

// negativeBigModulus reports whether x % y is computed in BigInteger with a negative y:
// Velocity 1.7 calls BigInteger.mod there, which throws.
func negativeBigModulus(x, y any) bool {
	return isNumber(x) && isNumber(y) && max(kindOf(x), kindOf(y)) == kindBig && toBig(y).Sign() < 0
}

// compareNumbers returns -1, 0 or 1 for two numbers.
func compareNumbers(x, y any) int {
	switch {
	case kindOf(x) == kindDecimal || kindOf(y) == kindDecimal:
		return compareDecimals(x, y)
	case kindOf(x) <= kindLong && kindOf(y) <= kindLong:
		return sign(toInt64(x), toInt64(y))
	case kindOf(x) == kindDouble || kindOf(y) == kindDouble:
		return sign(toFloat(x), toFloat(y))
	}
	return toBig(x).Cmp(toBig(y))
}

// compareInts is the comparison op (opEq to opGe) of two Integers.
func compareInts(op binOp, a, b int32) bool {
	switch op {
	case opEq:
		return a == b
	case opNe:
		return a != b
	case opLt:
		return a < b
	case opLe:
		return a <= b
	case opGt:
		return a > b
	}
	return a >= b
}

// sign compares with < and > only, so NaN compares equal to everything, as MathUtils'
// comparison of doubles does.
func sign[T int64 | float64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// javaClass names v's Java class; Velocity's == falls back to comparing toString() when
// the two classes differ.
func javaClass(v any) string {
	switch x := v.(type) {
	case string:
		return "java.lang.String"
	case bool:
		return "java.lang.Boolean"
	case int32:
		return "java.lang.Integer"
	case int64:
		return "java.lang.Long"
	case float64:
		return "java.lang.Double"
	case *big.Int:
		return "java.math.BigInteger"
	case *jv.BigDecimal:
		return "java.math.BigDecimal"
	case *jv.Map:
		return "java.util.LinkedHashMap"
	case *jv.List:
		if x.JSON {
			return "net.minidev.json.JSONArray"
		}
		return "java.util.ArrayList"
	case *jv.Entry:
		return "java.util.LinkedHashMap$Entry"
	case *mapView:
		return x.javaClass()
	case nil:
		return "null"
	}
	return "java.lang.Object"
}

// equalValues is Velocity 1.7's ==: numbers compare by value, values of the same class
// with equals(), values of different classes by their toString().
func (s *state) equalValues(x, y any) bool {
	if x == nil || y == nil {
		return x == nil && y == nil
	}
	if isNumber(x) && isNumber(y) {
		return compareNumbers(x, y) == 0
	}
	if sameClass(x, y) {
		return javaEquals(x, y)
	}
	return s.str(x) == s.str(y)
}

func sameClass(x, y any) bool {
	switch x.(type) {
	case *jv.Map:
		_, ok := y.(*jv.Map)
		return ok
	case *jv.List:
		_, ok := y.(*jv.List)
		return ok
	}
	return javaClass(x) == javaClass(y) && javaClass(x) != "java.lang.Object"
}

// javaEquals is Object.equals for the value model: Integer 1 does not equal Long 1,
// lists and maps compare element by element.
func javaEquals(x, y any) bool { return equalsDepth(x, y, 0) }

// maxCompareDepth stops comparing values nested this deep (or containing themselves).
const maxCompareDepth = 200

func equalsDepth(x, y any, depth int) bool {
	if depth > maxCompareDepth {
		return false
	}
	switch x.(type) {
	case *jv.Map, *jv.List:
		if x == y {
			return true
		}
	}
	switch a := x.(type) {
	case *big.Int:
		b, ok := y.(*big.Int)
		return ok && a.Cmp(b) == 0
	case *jv.BigDecimal:
		b, ok := y.(*jv.BigDecimal)
		return ok && a.Scale == b.Scale && a.Unscaled.Cmp(b.Unscaled) == 0
	case *jv.List:
		b, ok := y.(*jv.List)
		if !ok || len(a.Items) != len(b.Items) {
			return false
		}
		for i := range a.Items {
			if !equalsDepth(a.Items[i], b.Items[i], depth+1) {
				return false
			}
		}
		return true
	case *jv.Map:
		b, ok := y.(*jv.Map)
		if !ok || a.Len() != b.Len() {
			return false
		}
		for i, k := range a.Keys() {
			bv, ok := b.Get(k)
			if !ok || !equalsDepth(a.Values()[i], bv, depth+1) {
				return false
			}
		}
		return true
	case *jv.Entry:
		b, ok := y.(*jv.Entry)
		return ok && equalsDepth(a.Key, b.Key, depth+1) && equalsDepth(a.Value, b.Value, depth+1)
	case float64:
		b, ok := y.(float64)
		return ok && (a == b || math.IsNaN(a) && math.IsNaN(b))
	}
	if !comparable(x) || !comparable(y) {
		return false
	}
	return x == y
}

// comparable reports whether Go's == can compare v without panicking.
func comparable(v any) bool {
	switch v.(type) {
	case nil, string, bool, int32, int64, float64, *jv.Map, *jv.List, *jv.Entry, *big.Int:
		return true
	}
	return reflect.TypeOf(v).Comparable()
}
