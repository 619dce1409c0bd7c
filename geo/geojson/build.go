package geojson

import (
	"strconv"

	"twin/geo"
)

// defaultLayer is the layer of features whose input names none.
const defaultLayer = "features"

// build turns the parsed features into typed features in their layers,
// once the whole input (and so its CRS) is known.
func (d *decoder) build() {
	switch {
	case d.opt.CRS != "":
		d.ds.CRS, _ = normalizeCRS(d.opt.CRS)
	case d.crsSet:
		d.ds.CRS = d.crs
	default:
		d.ds.CRS = crsLonLat
	}
	ids := map[string]map[string]struct{}{}
	for i := range d.feats {
		p := &d.feats[i]
		layer := d.layerOf(p)
		seen := ids[layer]
		if seen == nil {
			seen = map[string]struct{}{}
			ids[layer] = seen
		}
		id := d.idOf(p, layer, seen)
		seen[id] = struct{}{}
		f, err := buildFeature(layer, id, p, d.ds.CRS)
		if err != nil {
			d.warn(p.index, p.off, "%v; skipped", err)
			continue
		}
		for _, w := range f.warnings {
			d.warn(p.index, p.off, "%s", w)
		}
		d.ds.Add(layer, f.feature)
	}
	d.feats = nil
}

// layerOf picks a feature's layer: Options.Layer, the collection's name,
// the feature's "layer" property, else "features".
func (d *decoder) layerOf(p *parsed) string {
	if d.opt.Layer != "" {
		return d.opt.Layer
	}
	if p.layer != "" {
		return p.layer
	}
	if s, ok := p.props["layer"].(string); ok && s != "" {
		return s
	}
	return defaultLayer
}

// idOf picks a feature's ID: the id member, the "id" property, else
// "{layer}-{index}"; an ID already used in the layer falls back too (with a
// warning), with a numeric suffix in the unlikely case that is taken as well.
func (d *decoder) idOf(p *parsed, layer string, seen map[string]struct{}) string {
	id, ok := p.id, p.hasID
	if !ok {
		id, ok = propertyID(p.props)
	}
	if ok {
		if _, dup := seen[id]; !dup {
			return id
		}
		d.warn(p.index, p.off, "duplicate id %q in layer %q; renamed", id, layer)
	}
	id = layer + "-" + strconv.Itoa(p.index)
	for n := 2; ; n++ {
		if _, dup := seen[id]; !dup {
			return id
		}
		id = layer + "-" + strconv.Itoa(p.index) + "." + strconv.Itoa(n)
	}
}

// propertyID returns the "id" property as a string (numbers as written by
// strconv's shortest form).
func propertyID(props map[string]any) (string, bool) {
	switch v := props["id"].(type) {
	case string:
		return v, v != ""
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	}
	return "", false
}

// built is a typed feature with the notes made while building it.
type built struct {
	feature  geo.Feature
	warnings []string
}

// buildFeature makes the Go value for a feature of layer: a typed one for the
// layers the engine knows, else *geo.Generic.
func buildFeature(layer, id string, p *parsed, crs string) (built, error) {
	b := &builder{id: id, geom: p.geom, crs: crs, props: newProps(p.props)}
	k := layerKind(layer)
	if k != kindGeneric {
		b.props.drop("id") // the feature ID; Properties writes it back
	}
	var f geo.Feature
	var err error
	switch k {
	case kindBuilding:
		f, err = b.building()
	case kindRoad:
		f, err = b.road()
	case kindRoadLink:
		f, err = b.roadLink()
	case kindRoadNode:
		f, err = b.roadNode()
	case kindRestriction:
		f, err = b.restriction()
	case kindPipe:
		f, err = b.pipe()
	case kindPipeNode:
		f, err = b.pipeNode()
	case kindSubcatchment:
		f, err = b.subcatchment()
	case kindRainGauge:
		f, err = b.rainGauge()
	default:
		f = &geo.Generic{ID: id, Geom: p.geom, Z: p.z, Props: nonEmpty(p.props)}
	}
	return built{feature: f, warnings: b.props.warnings}, err
}

// nonEmpty returns m, or nil when it has no entries, so that a feature
// without properties compares equal whether it came from {} or null.
func nonEmpty(m map[string]any) map[string]any {
	if len(m) == 0 {
		return nil
	}
	return m
}
