package render

import (
	"image"
	"testing"
)

// recorder is a Driver that records calls.
type recorder struct {
	uploads []BufferID
	updates [][2]int // first vertex, float count
}

func (r *recorder) Upload(id BufferID, _ *Mesh) error { r.uploads = append(r.uploads, id); return nil }
func (r *recorder) UploadInstances(id BufferID, _ *InstanceSet) error {
	r.uploads = append(r.uploads, id)
	return nil
}
func (r *recorder) UpdateRange(_ BufferID, first int, v []float32) error {
	r.updates = append(r.updates, [2]int{first, len(v)})
	return nil
}
func (r *recorder) Draw(*DrawList, Camera, Viewport) error { return nil }
func (r *recorder) ReadPixels() (*image.RGBA, error)       { return nil, nil }
func (r *recorder) Close() error                           { return nil }

var _ Driver = (*recorder)(nil)

// TestSync: new buffers are uploaded whole, then only the merged dirty
// ranges go through UpdateRange, and the ranges are cleared.
func TestSync(t *testing.T) {
	m := &Mesh{}
	for i := 0; i < 10; i++ {
		m.AddVertex([3]float32{float32(i)}, [3]float32{0, 0, 1}, Color{1, 1, 1, 1})
	}
	list := &DrawList{Items: []DrawItem{{ID: 1, Mesh: m}, {ID: 2, Instances: &InstanceSet{Data: make([]float32, 3*InstanceFloats)}}}}
	seen := map[BufferID]bool{}
	r := &recorder{}
	if err := Sync(r, list, seen); err != nil || len(r.uploads) != 2 {
		t.Fatalf("uploads %v, err %v", r.uploads, err)
	}
	list.Items[0].MarkDirty(Range{2, 2})
	list.Items[0].MarkDirty(Range{4, 1}) // adjacent: merged into 2..4
	list.Items[0].MarkDirty(Range{8, 1})
	list.Items[1].MarkDirty(Range{1, 1})
	if err := Sync(r, list, seen); err != nil {
		t.Fatal(err)
	}
	want := [][2]int{{2, 3 * VertexFloats}, {8, VertexFloats}, {1, InstanceFloats}}
	if len(r.updates) != len(want) {
		t.Fatalf("updates %v, want %v", r.updates, want)
	}
	for i := range want {
		if r.updates[i] != want[i] {
			t.Errorf("update %d = %v, want %v", i, r.updates[i], want[i])
		}
	}
	if len(list.Items[0].Dirty) != 0 || len(list.Items[1].Dirty) != 0 {
		t.Error("dirty ranges not cleared")
	}
	list.Items[1].Resized = true
	list.Items[1].MarkDirty(Range{3, 1})
	if err := Sync(r, list, seen); err != nil || len(r.uploads) != 3 || r.uploads[2] != 2 || len(r.updates) != 3 {
		t.Errorf("resized item: uploads %v, updates %v, err %v; want a whole upload of 2", r.uploads, r.updates, err)
	}
}
