package geo

// Layer names used by decoders and the engine.
const (
	LayerBuildings     = "buildings"      // *Building
	LayerBuildingParts = "building_parts" // *Building with Parent set when known
	LayerRoads         = "roads"          // *Road: one feature per source way
	LayerLinks         = "links"          // *RoadLink: the directed road graph
	LayerRoadNodes     = "road_nodes"     // *RoadNode
	LayerRestrictions  = "restrictions"   // *TurnRestriction
	LayerPipes         = "pipes"          // *Pipe
	LayerPipeNodes     = "pipe_nodes"     // *PipeNode
	LayerSubcatchments = "subcatchments"
	LayerRainGauges    = "raingauges"
	LayerSensors       = "sensors" // *Generic
	LayerUnits         = "units"   // *Generic
	LayerPOIs          = "pois"    // *Generic: tagged points of interest (emergency services)
)

// Dataset is what a decoder returns: typed features grouped by layer, grids,
// time series and model options, all in one CRS.
type Dataset struct {
	// Name is the file name the decoder was given.
	Name string
	// Format names the decoder: "osm", "cityjson", "swmm", "epanet", "dem",
	// "geojson".
	Format string
	// CRS is the coordinates' reference system as "EPSG:n", or "" when the
	// source does not say (SWMM and EPANET models; the caller then supplies one).
	CRS string
	// Layers holds the features by layer name (see the Layer… constants).
	Layers map[string][]Feature
	// Grids are rasters (terrain) in CRS.
	Grids []*Grid
	// Series are named time series (SWMM [TIMESERIES], EPANET [PATTERNS]).
	Series map[string]*TimeSeries
	// Options are model options as given in the source (SWMM/EPANET
	// [OPTIONS]), keys upper case.
	Options map[string]string
	// Warnings lists skipped or repaired features.
	Warnings []Warning
}

// Add appends f to layer, creating the layer map as needed.
func (d *Dataset) Add(layer string, f Feature) {
	if d.Layers == nil {
		d.Layers = make(map[string][]Feature)
	}
	d.Layers[layer] = append(d.Layers[layer], f)
}

// Warn records a warning at a line (or offset, when line is 0).
func (d *Dataset) Warn(line int, off int64, msg string) {
	d.Warnings = append(d.Warnings, Warning{File: d.Name, Line: line, Offset: off, Msg: msg})
}

// Count returns the number of features in layer.
func (d *Dataset) Count(layer string) int { return len(d.Layers[layer]) }
