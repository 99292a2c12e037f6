package jv

import (
	"fmt"
	"testing"
)

// Small maps scan their keys, larger ones keep an index: both must behave the same.
func TestMapSmallAndIndexed(t *testing.T) {
	for _, n := range []int{3, indexThreshold, indexThreshold + 5, 40} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			m := NewMap(0)
			for i := 0; i < n; i++ {
				m.Put(fmt.Sprint("k", i), int32(i))
			}
			m.Put(int32(1), "int key")
			m.Put(int64(1), "long key")
			if v, _ := m.Get(int32(1)); v != "int key" {
				t.Errorf("Integer key: %v", v)
			}
			if v, _ := m.Get(int64(1)); v != "long key" {
				t.Errorf("Long key: %v", v)
			}
			if prev := m.Put("k0", "new"); prev != int32(0) {
				t.Errorf("Put returned %v", prev)
			}
			if m.Keys()[0] != "k0" {
				t.Errorf("re-put moved the key: %v", m.Keys())
			}
			if prev := m.Remove("k1"); prev != int32(1) {
				t.Errorf("Remove returned %v", prev)
			}
			if _, ok := m.Get("k1"); ok {
				t.Error("removed key still present")
			}
			last := fmt.Sprint("k", n-1)
			if v, ok := m.Get(last); !ok || v != int32(n-1) {
				t.Errorf("Get(%s) after Remove = %v, %v", last, v, ok)
			}
			if m.Len() != n+1 {
				t.Errorf("Len = %d, want %d", m.Len(), n+1)
			}
			m.Clear()
			if m.Len() != 0 {
				t.Error("Clear left entries")
			}
			m.Put("a", 1)
			if v, _ := m.Get("a"); v != 1 {
				t.Error("map unusable after Clear")
			}
		})
	}
}

// refuseKey is a write guard that refuses one key.
type refuseKey string

func (r refuseKey) CheckPut(key any, _ uint64) error {
	if key == any(string(r)) {
		return fmt.Errorf("%s refused", string(r))
	}
	return nil
}

// PutChecked asks the guard and writes nothing it refuses; Put never asks.
func TestMapPutChecked(t *testing.T) {
	tests := []struct {
		name    string
		guard   WriteGuard
		key     string
		wantErr bool
	}{
		{"no guard", nil, "a", false},
		{"guard allows", refuseKey("b"), "a", false},
		{"guard refuses", refuseKey("a"), "a", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMap(0)
			m.Put("a", int32(1))
			m.SetGuard(tt.guard)
			prev, err := m.PutChecked(tt.key, int32(2), 1)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err %v, wantErr %v", err, tt.wantErr)
			}
			want := any(int32(2))
			if tt.wantErr {
				want = int32(1)
				if prev != nil {
					t.Errorf("refused write returned previous %v", prev)
				}
			}
			if v, _ := m.Get("a"); v != want {
				t.Errorf("a = %v, want %v", v, want)
			}
			m.Put("a", int32(3)) // Go code is never vetted
			if v, _ := m.Get("a"); v != int32(3) {
				t.Errorf("Put was refused: a = %v", v)
			}
		})
	}
}

// GetStringAt answers as GetString whatever its hint says: right, pointing at another key,
// out of range, for a name that is interned or not, in small and indexed maps.
func TestMapGetStringAt(t *testing.T) {
	small := NewMap(0)
	for _, k := range []string{"id", "label", "count"} {
		small.Put(k, k+"!")
	}
	indexed := NewMap(0)
	for i := 0; i < 2*indexThreshold; i++ {
		indexed.Put(fmt.Sprint("k", i), int32(i))
	}
	notInterned := string([]byte("label"))
	tests := []struct {
		name string
		m    *Map
		key  string
		hint uint32
	}{
		{"right hint", small, Intern("label"), 1},
		{"hint at another key", small, Intern("label"), 0},
		{"hint out of range", small, Intern("count"), 99},
		{"name not interned", small, notInterned, 1},
		{"missing key", small, Intern("nope"), 0},
		{"indexed map", indexed, "k11", 3},
		{"nil map", nil, "id", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hint := tt.hint
			for range 2 { // the second lookup uses the hint the first one left
				v, ok := tt.m.GetStringAt(tt.key, &hint)
				want, wantOK := tt.m.GetString(tt.key)
				if v != want || ok != wantOK {
					t.Fatalf("GetStringAt = %v, %v; GetString = %v, %v", v, ok, want, wantOK)
				}
			}
		})
	}
}
