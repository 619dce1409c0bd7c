package scenarios

import (
	"errors"
	"testing"

	"twin/scenarios/examples"
)

// FuzzDecode: Decode never panics, and every error it returns is a
// positioned *Error (or several) with a line and column inside the file.
func FuzzDecode(f *testing.F) {
	for _, name := range examples.Names {
		b, err := examples.Read(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(minimal))
	f.Add([]byte("duration: -1h\nevents:\n  - {at: 2h, rain: {gauge: {interval: 5m, unit: in, values: [1]}}}\n"))
	f.Add([]byte("a: &x [*x]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		sc, err := Decode("f.yaml", src)
		if err == nil {
			if sc.Duration <= 0 || sc.Step <= 0 {
				t.Fatalf("accepted duration %v step %v", sc.Duration, sc.Step)
			}
			return
		}
		var pe *Error
		if !errors.As(err, &pe) || pe.Line < 1 || pe.Col < 1 {
			t.Fatalf("error %v (%T) without position", err, err)
		}
	})
}
