package swar

// Low7 is the low seven bits of every byte. Tests on w&Low7 can be exact where Marks is
// not: no byte of it reaches 0x80, so adding at most 0x80 to every byte carries nothing into
// the next, and the top bit of each sum answers for its own byte alone (v^c + Low7 has it
// where a byte differs from c, v + 0x80-c where a byte is c or more). Escapers need that:
// they act on every special byte of a word, not only the first.
const Low7 = 0x7f7f7f7f7f7f7f7f

// LoadTail is s[i:], fewer than 8 bytes (i < len(s)), as a little-endian word with zeros
// above them: for the end of a string, where Load8 cannot read. In a string of 8 bytes or
// more it loads the last 8 and shifts out the bytes before i; a shorter one is read byte
// by byte (LoadShort).
func LoadTail(s string, i int) uint64 {
	if len(s) >= 8 {
		return Load8(s, len(s)-8) >> (8 * uint(8-len(s)+i) & 63)
	}
	return LoadShort(s, i)
}

// LoadShort is LoadTail for a string shorter than 8 bytes. Unlike LoadTail it is small
// enough to be inlined into a caller that takes the other case itself.
func LoadShort(s string, i int) (w uint64) {
	for j := len(s) - 1; j >= i; j-- {
		w = w<<8 | uint64(s[j])
	}
	return w
}

// FirstBytes is the mask of the first n bytes of a word: none for 0, all from 8 on.
func FirstBytes(n int) uint64 {
	return 1<<(8*uint(n)) - 1
}
