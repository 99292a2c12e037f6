package jv

import "testing"

// TestValueAtHint checks that a hit is only ever the key itself at the hinted place: a
// wrong, stale or out-of-range hint, a name of the same text at another address and a
// shorter string at the same address all miss (and GetStringAt then searches).
func TestValueAtHint(t *testing.T) {
	m := NewMap(0)
	for _, k := range []string{"id", "label", "labels"} {
		m.Put(Intern(k), k+"!")
	}
	labels := m.keys[2].(string)
	tests := []struct {
		name    string
		key     string
		hint    uint32
		want    any
		wantHit bool
	}{
		{"right hint", Intern("label"), 1, "label!", true},
		{"hint at another key", Intern("label"), 0, nil, false},
		{"hint out of range", Intern("id"), 3, nil, false},
		{"same text, another string", string([]byte("label")), 1, nil, false},
		{"prefix at the same address", labels[:5], 2, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hint := tt.hint
			v, hit := m.ValueAtHint(tt.key, &hint)
			if v != tt.want || hit != tt.wantHit {
				t.Errorf("ValueAtHint(%q, %d) = %v, %v; want %v, %v", tt.key, tt.hint, v, hit, tt.want, tt.wantHit)
			}
		})
	}
}
