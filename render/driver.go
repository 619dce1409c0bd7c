package render

import "image"

// Viewport is a pixel rectangle of the render target, origin at the top
// left, in pixels.
type Viewport struct {
	X, Y, Width, Height int
}

// Driver uploads and draws GPU data. render/gl implements it; everything
// that builds the data stays pure Go above it. Implementations are not safe
// for concurrent use and must be called from the goroutine that owns the
// graphics context.
type Driver interface {
	// Upload creates or replaces buffer id with the whole mesh.
	Upload(id BufferID, m *Mesh) error
	// UploadInstances creates or replaces buffer id with the instance set.
	UploadInstances(id BufferID, s *InstanceSet) error
	// UpdateRange overwrites vertices starting at firstVertex of buffer id
	// with vertices (VertexFloats float32 each; InstanceFloats for
	// instance buffers).
	UpdateRange(id BufferID, firstVertex int, vertices []float32) error
	// Draw draws the visible items of list, opaque first, then translucent,
	// then the HUD overlay, seen through cam into viewport.
	Draw(list *DrawList, cam Camera, viewport Viewport) error
	// ReadPixels returns the last drawn frame.
	ReadPixels() (*image.RGBA, error)
	// Close releases all GPU resources.
	Close() error
}

// Sync uploads the dirty ranges of every item of list through d and clears
// them; items the driver has not seen (seen[id] false) or that were
// Resized are uploaded whole.
// seen is updated. It returns the first driver error.
func Sync(d Driver, list *DrawList, seen map[BufferID]bool) error {
	for i := range list.Items {
		it := &list.Items[i]
		if !seen[it.ID] || it.Resized {
			var err error
			if it.Mesh != nil {
				err = d.Upload(it.ID, it.Mesh)
			} else if it.Instances != nil {
				err = d.UploadInstances(it.ID, it.Instances)
			}
			if err != nil {
				return err
			}
			seen[it.ID] = true
			it.Dirty, it.Resized = it.Dirty[:0], false
			continue
		}
		if err := syncDirty(d, it); err != nil {
			return err
		}
	}
	return nil
}

func syncDirty(d Driver, it *DrawItem) error {
	stride, data := VertexFloats, []float32(nil)
	if it.Mesh != nil {
		data = it.Mesh.Vertices
	} else if it.Instances != nil {
		stride, data = InstanceFloats, it.Instances.Data
	}
	for _, r := range it.Dirty {
		if err := d.UpdateRange(it.ID, r.First, data[r.First*stride:r.End()*stride]); err != nil {
			return err
		}
	}
	it.Dirty = it.Dirty[:0]
	return nil
}
