package mapping

import (
	"bufio"
	"fmt"
	"os"
	"testing"
)

func TestZZTry(t *testing.T) {
	f, err := os.Open(os.Getenv("ZZ_CASES"))
	if err != nil {
		t.Skip()
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		tpl, env, err := DecodeOracleCase(sc.Bytes())
		if err != nil {
			fmt.Println("DECODE", err)
			continue
		}
		r, err := Render(tpl, env)
		if err != nil {
			fmt.Printf("ERR %v\n", err)
			continue
		}
		fmt.Printf("OUT %q\n", r.Output)
	}
}
