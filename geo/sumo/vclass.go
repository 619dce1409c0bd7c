package sumo

import (
	"math/bits"
	"strings"
)

// Classes is a set of SUMO vehicle classes (vClass), one bit per class in
// the order of [ClassNames]. The zero value is the empty set.
type Classes uint64

// ClassNames lists SUMO's vehicle classes; bit i of a [Classes] set is
// ClassNames[i].
var ClassNames = [...]string{
	"private", "emergency", "authority", "army", "vip", "pedestrian",
	"passenger", "hov", "taxi", "bus", "coach", "delivery", "truck",
	"trailer", "motorcycle", "moped", "bicycle", "evehicle", "tram",
	"rail_urban", "rail", "rail_electric", "rail_fast", "ship", "custom1",
	"custom2", "container", "cable_car", "subway", "aircraft", "wheelchair",
	"scooter", "drone",
}

// AllClasses holds every class.
const AllClasses = Classes(1)<<len(ClassNames) - 1

// ClassIgnoring is the pseudo-class "ignoring": a vehicle of this class
// may use every lane whatever its permissions. It is not a member of
// AllClasses.
const ClassIgnoring = Classes(1) << 63

// Class returns the set holding the named class, or ok == false for a name
// SUMO does not define. "ignoring" gives ClassIgnoring. Complexity O(1)
// amortised over the fixed class list.
func Class(name string) (c Classes, ok bool) {
	if name == "ignoring" {
		return ClassIgnoring, true
	}
	for i, n := range ClassNames {
		if n == name {
			return 1 << i, true
		}
	}
	return 0, false
}

// ParseClasses reads a space-separated list of class names, or "all". An
// unknown name returns it as bad with ok == false.
func ParseClasses(s string) (c Classes, bad string, ok bool) {
	for _, f := range strings.Fields(s) {
		if f == "all" {
			c |= AllClasses
			continue
		}
		b, ok := Class(f)
		if !ok {
			return 0, f, false
		}
		c |= b
	}
	return c, "", true
}

// Allows reports whether a vehicle of class vc (a single class) may use a
// lane with permissions c. The class ClassIgnoring is allowed everywhere.
func (c Classes) Allows(vc Classes) bool {
	return vc&ClassIgnoring != 0 || c&vc != 0
}

// String lists the classes separated by spaces, or "all".
func (c Classes) String() string {
	if c&AllClasses == AllClasses {
		return "all"
	}
	var b strings.Builder
	for v := uint64(c & AllClasses); v != 0; v &= v - 1 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(ClassNames[bits.TrailingZeros64(v)])
	}
	return b.String()
}
