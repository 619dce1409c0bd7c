package scene

import (
	"github.com/tidwall/rtree"

	"twin/engine"
	"twin/geo"
	"twin/render"
)

// Scene is the GPU-ready data of one World: a draw list whose items are
// tile meshes (buildings), ribbons (roads), lines (pipes), the terrain and
// water surfaces, and icon sets, plus the indexes that let a delta find the
// vertices it changes. Not safe for concurrent use.
type Scene struct {
	opts   Options
	origin [3]float64
	list   render.DrawList
	nextID render.BufferID

	tiles        []tile
	buildingTile map[string]int // building id → tile
	roads        roadIndex
	icons        map[string]*iconSet // by layer
	water        *water
	flood        *geo.Grid // last SetFlood grid, for the HUD
	version      uint64

	tree      *rtree.RTreeG[int] // item bounds, for Cull
	treeItems int
}

// Build builds the scene of snap. Errors: ErrOptions for invalid options.
// O(B·v²) for B buildings of v footprint vertices, plus O(n log n) sorting.
func Build(snap *engine.Snapshot, opts Options) (*Scene, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	s := &Scene{opts: opts.withDefaults(), nextID: 1, version: snap.Version(), buildingTile: map[string]int{}}
	if b, ok := snap.Bounds(); ok {
		c := b.Center()
		s.origin = [3]float64{c[0], c[1], 0}
	}
	s.addTerrain(snap)
	s.addBuildings(snap)
	s.addRoads(snap)
	s.addPipes(snap)
	s.addIcons(snap)
	s.applyMode()
	return s, nil
}

// Origin returns the world position that all vertex positions are
// relative to.
func (s *Scene) Origin() [3]float64 { return s.origin }

// DrawList returns the scene's draw list. The driver reads it and clears
// its dirty ranges (render.Sync); the scene keeps writing into it.
func (s *Scene) DrawList() *render.DrawList { return &s.list }

// Version returns the snapshot version the scene reflects.
func (s *Scene) Version() uint64 { return s.version }

// Tiles returns the number of building tile meshes.
func (s *Scene) Tiles() int { return len(s.tiles) }

// addItem appends it with a fresh buffer id and returns its index.
func (s *Scene) addItem(it render.DrawItem) int {
	it.ID = s.nextID
	s.nextID++
	s.list.Items = append(s.list.Items, it)
	return len(s.list.Items) - 1
}

// SetMode switches between normal and x-ray view (pipes shown, terrain
// translucent). O(items).
func (s *Scene) SetMode(m Mode) {
	s.opts.Mode = m
	s.applyMode()
}

func (s *Scene) applyMode() {
	x := s.opts.Mode == ModeXRay
	for i := range s.list.Items {
		it := &s.list.Items[i]
		switch it.Layer {
		case render.LayerPipes:
			it.Visible = x
		case render.LayerTerrain:
			it.Material.Translucent = x
			it.Material.Tint = render.Color{R: 1, G: 1, B: 1, A: 1}
			if x {
				it.Material.Tint.A = 0.35
			}
		}
	}
}

// Bounds returns the union of the world bounding boxes of all items.
func (s *Scene) Bounds() render.Box {
	b := render.EmptyBox()
	for _, it := range s.list.Items {
		b = b.Union(it.Bounds)
	}
	return b
}
