package render

import "math"

// MinPitch and MaxPitch bound Camera.Pitch under Orbit, in radians: just
// above the horizon to just short of straight down.
const (
	MinPitch = 0.02
	MaxPitch = math.Pi/2 - 0.01
)

// Orbit returns c turned about its target by dYaw and dPitch radians, pitch
// clamped to [MinPitch, MaxPitch].
func (c Camera) Orbit(dYaw, dPitch float64) Camera {
	c.Yaw = math.Mod(c.Yaw+dYaw, 2*math.Pi)
	c.Pitch = math.Min(math.Max(c.Pitch+dPitch, MinPitch), MaxPitch)
	return c
}

// Pan returns c with its target moved on the ground by right metres along
// the screen's right direction and forward metres along the view direction
// projected on the ground.
func (c Camera) Pan(right, forward float64) Camera {
	sy, cy := math.Sincos(c.Yaw)
	// The eye lies at azimuth Yaw from the target, so forward is −(cos, sin).
	c.Target[0] += -cy*forward + sy*right
	c.Target[1] += -sy*forward - cy*right
	return c
}

// Zoom returns c with its distance divided by factor (> 1 zooms in),
// clamped to [1 m, 1e7 m]. A factor ≤ 0 returns c unchanged.
func (c Camera) Zoom(factor float64) Camera {
	if factor <= 0 {
		return c
	}
	c.Distance = math.Min(math.Max(c.Distance/factor, 1), 1e7)
	return c
}

// FlyTo is a timed camera flight: At(t) eases from From to To between Start
// and Start+Duration (seconds of the caller's clock). Target and yaw move
// along a smoothstep; distance moves geometrically so that zooming feels
// even.
type FlyTo struct {
	From, To        Camera
	Start, Duration float64
}

// At returns the camera at time t (seconds): From before Start, To after
// Start+Duration (or always, when Duration ≤ 0). O(1).
func (f FlyTo) At(t float64) Camera {
	if f.Duration <= 0 || t >= f.Start+f.Duration {
		return f.To
	}
	if t <= f.Start {
		return f.From
	}
	u := (t - f.Start) / f.Duration
	u = u * u * (3 - 2*u)
	c := f.To
	for k := 0; k < 3; k++ {
		c.Target[k] = f.From.Target[k] + u*(f.To.Target[k]-f.From.Target[k])
	}
	dy := math.Remainder(f.To.Yaw-f.From.Yaw, 2*math.Pi)
	c.Yaw = f.From.Yaw + u*dy
	c.Pitch = f.From.Pitch + u*(f.To.Pitch-f.From.Pitch)
	if f.From.Distance > 0 && f.To.Distance > 0 {
		c.Distance = f.From.Distance * math.Pow(f.To.Distance/f.From.Distance, u)
	}
	return c
}

// Done reports whether the flight has ended at time t.
func (f FlyTo) Done(t float64) bool { return t >= f.Start+f.Duration }

// LookAtBox returns a camera that shows box b whole from azimuth yaw and
// elevation pitch with the default field of view.
func LookAtBox(b Box, yaw, pitch float64) Camera {
	c := b.Center()
	r := 0.0
	for k := 0; k < 3; k++ {
		r += (b.Max[k] - b.Min[k]) * (b.Max[k] - b.Min[k])
	}
	r = math.Sqrt(r) / 2
	d := math.Max(r/math.Sin(DefaultFovY/2), 1)
	return Camera{Target: c, Distance: d, Yaw: yaw, Pitch: pitch}
}
