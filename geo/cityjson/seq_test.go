package cityjson

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"sort"
	"testing"

	"github.com/paulmach/orb/planar"

	"twin/geo"
	"twin/internal/sharedtest"
)

// toSeq rewrites a CityJSON document as a CityJSONSeq stream the way cjio
// exports one: a header line with the transform and metadata, then one
// CityJSONFeature per top-level object (with its children), each with its
// own vertex list.
func toSeq(t *testing.T, b []byte) []byte {
	t.Helper()
	var doc struct {
		Version     string                     `json:"version"`
		Transform   json.RawMessage            `json:"transform"`
		Metadata    json.RawMessage            `json:"metadata"`
		CityObjects map[string]json.RawMessage `json:"CityObjects"`
		Vertices    []json.RawMessage          `json:"vertices"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	type object struct {
		Parents  []string         `json:"parents"`
		Children []string         `json:"children"`
		Geometry []map[string]any `json:"geometry"`
	}
	objs := map[string]*object{}
	var roots []string
	for id, raw := range doc.CityObjects {
		o := &object{}
		if err := json.Unmarshal(raw, o); err != nil {
			t.Fatal(err)
		}
		objs[id] = o
		if len(o.Parents) == 0 {
			roots = append(roots, id)
		}
	}
	sort.Strings(roots)
	head, _ := json.Marshal(map[string]any{"type": "CityJSON", "version": doc.Version,
		"transform": doc.Transform, "metadata": doc.Metadata, "CityObjects": map[string]any{}, "vertices": []any{}})
	out := append(head, '\n')
	for _, root := range roots {
		ids := append([]string{root}, objs[root].Children...)
		renum := map[int]int{}
		var verts []json.RawMessage
		cos := map[string]json.RawMessage{}
		for _, id := range ids {
			var full map[string]any
			json.Unmarshal(doc.CityObjects[id], &full)
			if geoms, ok := full["geometry"].([]any); ok {
				for _, g := range geoms {
					gm := g.(map[string]any)
					gm["boundaries"] = remap(gm["boundaries"], renum, &verts, doc.Vertices)
				}
			}
			cos[id], _ = json.Marshal(full)
		}
		line, _ := json.Marshal(map[string]any{"type": "CityJSONFeature", "id": root, "CityObjects": cos, "vertices": verts})
		out = append(append(out, line...), '\n')
	}
	return out
}

// remap renumbers the vertex indices in a nested boundaries array.
func remap(v any, renum map[int]int, verts *[]json.RawMessage, all []json.RawMessage) any {
	switch v := v.(type) {
	case []any:
		for i := range v {
			v[i] = remap(v[i], renum, verts, all)
		}
		return v
	case float64:
		j, ok := renum[int(v)]
		if !ok {
			j = len(*verts)
			renum[int(v)] = j
			*verts = append(*verts, all[int(v)])
		}
		return j
	}
	return v
}

// TestSeqMatchesDocument decodes the Zürich and Delft files whole and as
// CityJSONSeq streams: both must give the same features, heights and
// footprint areas (within 1e-9 m and 1e-6 m²).
func TestSeqMatchesDocument(t *testing.T) {
	for _, file := range []string{zurich, delft} {
		t.Run(file, func(t *testing.T) {
			raw, err := os.ReadFile(sharedtest.Path(t, file))
			if err != nil {
				t.Fatal(err)
			}
			whole := decodeShared(t, file, Options{})
			seq, err := Decode(bytes.NewReader(toSeq(t, raw)), "seq.jsonl", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if seq.CRS != whole.CRS || len(seq.Warnings) != 0 {
				t.Errorf("CRS %q vs %q, warnings %v", seq.CRS, whole.CRS, seq.Warnings)
			}
			for layer, fs := range whole.Layers {
				got := map[string]geo.Feature{}
				for _, f := range seq.Layers[layer] {
					got[f.FeatureID()] = f
				}
				if len(got) != len(fs) {
					t.Fatalf("%s: %d features in the stream, %d in the document", layer, len(got), len(fs))
				}
				for _, f := range fs {
					g := got[f.FeatureID()]
					if g == nil {
						t.Fatalf("%s: %s missing from the stream", layer, f.FeatureID())
					}
					lo1, hi1 := f.ZRange()
					lo2, hi2 := g.ZRange()
					a1, a2 := planar.Area(f.Geometry()), planar.Area(g.Geometry())
					if math.Abs(lo1-lo2) > 1e-9 || math.Abs(hi1-hi2) > 1e-9 || math.Abs(a1-a2) > 1e-6 {
						t.Errorf("%s: z %g..%g area %g vs %g..%g %g", f.FeatureID(), lo1, hi1, a1, lo2, hi2, a2)
					}
				}
			}
		})
	}
}
