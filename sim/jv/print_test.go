package jv

import (
	"math"
	"math/big"
	"testing"
)

func TestToString(t *testing.T) {
	m := NewMap(2)
	m.Put("a", int32(1))
	m.Put("b", "x")
	nested := NewMap(1)
	nested.Put("l", &List{Items: []any{int32(1), "two", nil}})
	self := &List{}
	self.Items = append(self.Items, self)
	tests := []struct {
		v    any
		want string
	}{
		{nil, "null"},
		{true, "true"},
		{int32(-5), "-5"},
		{int64(1) << 40, "1099511627776"},
		{1.0, "1.0"},
		{0.05, "0.05"},
		{1e10, "1.0E10"},
		{1e-5, "1.0E-5"},
		{-0.0 * 1, "0.0"},
		{math.Copysign(0, -1), "-0.0"},
		{1e7, "1.0E7"},
		{9999999.0, "9999999.0"},
		{0.001, "0.001"},
		{math.Inf(1), "Infinity"},
		{math.NaN(), "NaN"},
		{math.SmallestNonzeroFloat64, "4.9E-324"},
		{float64(9007199254740992), "9.007199254740992E15"},
		{float64(5081561545527386112), "5.0815615455273861E18"},
		{float64(1 << 60), "1.15292150460684698E18"},
		{float64(1 << 62), "4.6116860184273879E18"},
		{big.NewInt(0).Lsh(big.NewInt(1), 70), "1180591620717411303424"},
		{m, "{a=1, b=x}"},
		{nested, "{l=[1, two, null]}"},
		{&List{Items: []any{int32(1), int32(2)}}, "[1, 2]"},
		{self, "[(this Collection)]"},
		{&Entry{Key: "k", Value: 2.5}, "k=2.5"},
	}
	for _, tt := range tests {
		if got := ToString(tt.v); got != tt.want {
			t.Errorf("ToString(%#v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestAppendStringLimit(t *testing.T) {
	l := &List{}
	for i := 0; i < 1000; i++ {
		l.Items = append(l.Items, "xxxxxxxxxx")
	}
	out, ok := AppendStringLimit(nil, l, 100)
	if ok || len(out) > 200 {
		t.Errorf("got %d bytes, ok=%v; want a stop soon after 100 bytes", len(out), ok)
	}
	if _, ok := AppendStringLimit(nil, "short", 100); !ok {
		t.Error("short value reported over the limit")
	}
}
