package geo

// DefaultLevels gives the storeys assumed for a building with neither a height
// nor a level count, by building type (OSM building=* value, lower case).
// The figures are typical storey counts for the type in European and Chinese
// cities (house: 2, apartments: 5, …); they only matter for drawing and for
// floor-area weighting, and every building that uses them is marked with
// HeightSource "default".
var defaultLevels = map[string]int{
	"house": 2, "detached": 2, "semidetached_house": 2, "terrace": 2, "bungalow": 1,
	"residential": 4, "apartments": 5, "dormitory": 5, "hotel": 6,
	"commercial": 3, "retail": 2, "office": 5, "supermarket": 1, "kiosk": 1,
	"industrial": 2, "warehouse": 2, "manufacture": 2,
	"garage": 1, "garages": 1, "carport": 1, "shed": 1, "hut": 1, "cabin": 1, "roof": 1,
	"service": 1, "transformer_tower": 2, "toilets": 1, "parking": 3,
	"school": 3, "university": 4, "college": 4, "kindergarten": 2, "hospital": 5,
	"church": 4, "cathedral": 8, "chapel": 2, "mosque": 3, "temple": 2,
	"public": 3, "civic": 3, "government": 4, "train_station": 2, "transportation": 2,
	"stadium": 5, "sports_hall": 3, "grandstand": 2,
	"farm": 2, "barn": 2, "greenhouse": 1, "stable": 1,
	"construction": 3, "ruins": 1, "bunker": 1,
}

// defaultBuildingLevels is used for types not in the table, including "yes".
const defaultBuildingLevels = 3

// DefaultBuildingHeight returns the height in metres assumed for a building of
// kind (an OSM building=* value such as "house" or "yes") that carries no
// height or level information: its typical storeys times LevelHeight. Unknown
// kinds get 3 storeys (9 m). Safe for concurrent use.
func DefaultBuildingHeight(kind string) float64 {
	n, ok := defaultLevels[kind]
	if !ok {
		n = defaultBuildingLevels
	}
	return float64(n) * LevelHeight
}
