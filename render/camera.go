package render

import "math"

// Window is a sub-rectangle of the full image, as fractions of its width and
// height: X0, X1 from the left edge, Y0, Y1 from the top edge, each in
// [0, 1]. The zero Window means the full image.
type Window struct {
	X0, Y0, X1, Y1 float64
}

func (w Window) full() Window {
	if w == (Window{}) {
		return Window{0, 0, 1, 1}
	}
	return w
}

// Camera is an orbit camera looking at Target from Distance metres, at
// azimuth Yaw (radians, counter-clockwise from +x: the eye lies in that
// direction from the target) and elevation Pitch (radians above the
// horizon), with the z axis up. It is a plain value: copy it freely.
type Camera struct {
	// Target is the world point looked at, in projected metres.
	Target [3]float64
	// Distance from eye to target in metres; must be > 0.
	Distance float64
	// Yaw and Pitch in radians; Pitch in (-π/2, π/2).
	Yaw, Pitch float64
	// FovY is the vertical field of view of the full image in radians;
	// 0 means DefaultFovY.
	FovY float64
	// Near and Far clip distances in metres; 0 means Distance/1000 and
	// Distance·100.
	Near, Far float64
	// Aspect is the full image's width/height; 0 means the viewport's.
	// A wall tile sets it to the whole wall's aspect.
	Aspect float64
	// Window selects the part of the full image this camera draws (a wall
	// tile's off-axis sub-frustum); zero means all of it.
	Window Window
}

// DefaultFovY is the vertical field of view used when Camera.FovY is 0:
// 45° in radians.
const DefaultFovY = math.Pi / 4

// Eye returns the eye position in world metres.
func (c Camera) Eye() [3]float64 {
	cp := math.Cos(c.Pitch)
	return [3]float64{
		c.Target[0] + c.Distance*cp*math.Cos(c.Yaw),
		c.Target[1] + c.Distance*cp*math.Sin(c.Yaw),
		c.Target[2] + c.Distance*math.Sin(c.Pitch),
	}
}

// View returns the view matrix (world → eye space), with origin subtracted
// from world positions first: pass a mesh's Origin to keep float32
// precision, or the zero origin for absolute world coordinates.
func (c Camera) View(origin [3]float64) Mat4 {
	eye := sub3(c.Eye(), origin)
	tgt := sub3(c.Target, origin)
	return LookAt(eye, tgt, [3]float64{0, 0, 1})
}

func (c Camera) planes() (fov, n, f float64) {
	fov, n, f = c.FovY, c.Near, c.Far
	if fov <= 0 {
		fov = DefaultFovY
	}
	if n <= 0 {
		n = c.Distance / 1000
	}
	if f <= 0 {
		f = c.Distance * 100
	}
	return fov, n, f
}

// Projection returns the (off-axis, when Window is set) perspective
// projection. viewAspect is the viewport's width/height, used when
// c.Aspect is 0.
func (c Camera) Projection(viewAspect float64) Mat4 {
	fov, n, f := c.planes()
	a := c.Aspect
	if a <= 0 {
		a = viewAspect
	}
	top := n * math.Tan(fov/2)
	right := top * a
	w := c.Window.full()
	l := -right + 2*right*w.X0
	r := -right + 2*right*w.X1
	t := top - 2*top*w.Y0
	b := top - 2*top*w.Y1
	return Frustum(l, r, b, t, n, f)
}

// ViewProjection returns Projection·View for a viewport of the given aspect
// and the given origin.
func (c Camera) ViewProjection(viewAspect float64, origin [3]float64) Mat4 {
	return c.Projection(viewAspect).Mul(c.View(origin))
}

// Project returns the pixel position of world point p in viewport vp (x to
// the right, y down, origin at the viewport's top-left corner offset by
// vp.X, vp.Y) and whether p lies inside the view frustum. O(1).
func (c Camera) Project(p [3]float64, vp Viewport) (x, y float64, visible bool) {
	m := c.ViewProjection(float64(vp.Width)/float64(vp.Height), c.Target)
	q := sub3(p, c.Target)
	h := m.MulVec([4]float64{q[0], q[1], q[2], 1})
	if h[3] <= 0 {
		return 0, 0, false
	}
	nx, ny, nz := h[0]/h[3], h[1]/h[3], h[2]/h[3]
	x = float64(vp.X) + (nx+1)/2*float64(vp.Width)
	y = float64(vp.Y) + (1-ny)/2*float64(vp.Height)
	visible = nx >= -1 && nx <= 1 && ny >= -1 && ny <= 1 && nz >= -1 && nz <= 1
	return x, y, visible
}
