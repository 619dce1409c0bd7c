package render

// InstanceFloats is the number of float32 values per instance in
// InstanceSet.Data: position x, y, z (relative to Origin, metres), size
// (metres), colour r, g, b, a.
const InstanceFloats = 8

// Icon names the glyph an InstanceSet draws.
type Icon uint8

// Icons known to the driver.
const (
	IconDot Icon = iota
	IconSensor
	IconUnit
	IconIncident
)

// InstanceSet is a set of camera-facing billboards sharing one icon.
type InstanceSet struct {
	Origin [3]float64
	Icon   Icon
	// Data holds InstanceFloats float32 per instance.
	Data []float32
}

// Len returns the number of instances. O(1).
func (s *InstanceSet) Len() int { return len(s.Data) / InstanceFloats }

// Add appends an instance at p (relative to Origin) of the given size in
// metres and colour, returning its index.
func (s *InstanceSet) Add(p [3]float32, size float32, c Color) int {
	i := s.Len()
	s.Data = append(s.Data, p[0], p[1], p[2], size, c.R, c.G, c.B, c.A)
	return i
}

// Set overwrites instance i. O(1); panics if i is out of range.
func (s *InstanceSet) Set(i int, p [3]float32, size float32, c Color) {
	copy(s.Data[i*InstanceFloats:], []float32{p[0], p[1], p[2], size, c.R, c.G, c.B, c.A})
}
