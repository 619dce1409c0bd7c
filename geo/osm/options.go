package osm

import (
	"fmt"
	"math"
	"runtime"
)

// Options tune Decode. The zero value means defaults everywhere.
type Options struct {
	// Workers is the number of goroutines that decompress and decode PBF
	// blocks in parallel; 0 means runtime.GOMAXPROCS(0). XML is read by one
	// goroutine whatever the value.
	Workers int
	// DefaultSpeeds overrides entries of the default speed table (see
	// DefaultSpeed) used when a way has no usable maxspeed tag: highway
	// class → speed in m/s. Classes not in the map keep the built-in value.
	DefaultSpeeds map[string]float64
}

// Validate reports whether o is usable: Workers must not be negative and
// every DefaultSpeeds value must be finite and positive. The error wraps
// ErrOptions.
func (o Options) Validate() error {
	if o.Workers < 0 {
		return fmt.Errorf("%w: Workers %d < 0", ErrOptions, o.Workers)
	}
	for class, v := range o.DefaultSpeeds {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: DefaultSpeeds[%q] = %v m/s, want a finite positive speed", ErrOptions, class, v)
		}
	}
	return nil
}

func (o Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// speed returns the default speed in m/s for a highway class, taking
// overrides from o first.
func (o Options) speed(class string) float64 {
	if v, ok := o.DefaultSpeeds[class]; ok {
		return v
	}
	return DefaultSpeed(class)
}
