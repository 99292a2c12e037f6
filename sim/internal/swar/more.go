package swar

// Below marks with its top bit every byte of w that is less than c, for c <= 0x80, and
// maybe some bytes after the first of those: as in Marks, the lowest mark is always the
// first such byte. (Subtracting c borrows from a byte below it; a byte of 0x80 or more is
// never marked, since its own top bit is cleared.)
func Below(w uint64, c byte) uint64 {
	return (w - Ones*uint64(c)) &^ w & HighBits
}
