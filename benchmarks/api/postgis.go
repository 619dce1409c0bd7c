package apibench

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/paulmach/orb"
)

// ErrTable: a table name that is not a plain lower-case SQL identifier.
var ErrTable = errors.New("apibench: bad table name")

var identRe = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

func checkIdent(names ...string) error {
	for _, n := range names {
		if !identRe.MatchString(n) {
			return fmt.Errorf("%w: %q", ErrTable, n)
		}
	}
	return nil
}

// PrepareTable turns raw, the table ogr2ogr made from an ExportBuildings
// file (one column per property, an "id" column, geometry column "geom" in
// EPSG:4326), into table: id (primary key, so a B-tree in byte order under
// the C collation, the order twin pages in), props (jsonb holding the
// feature's non-null properties, so PostGIS serves the same property set as
// twin) and geom (GiST index). The table is clustered on the GiST index and
// analysed, PostGIS's best case; raw is dropped. Errors: ErrTable, or the
// database's. Not safe to run twice at once on the same names.
func PrepareTable(ctx context.Context, pool *pgxpool.Pool, raw, table string) error {
	if err := checkIdent(raw, table); err != nil {
		return err
	}
	for _, q := range []string{
		`DROP TABLE IF EXISTS ` + table,
		`CREATE TABLE ` + table + ` AS SELECT id::text COLLATE "C" AS id,
			jsonb_strip_nulls(to_jsonb(r) - 'geom' - 'fid') AS props, geom::geometry(Geometry, 4326) AS geom
			FROM ` + raw + ` r`,
		`ALTER TABLE ` + table + ` ADD PRIMARY KEY (id)`,
		`CREATE INDEX ` + table + `_geom ON ` + table + ` USING gist (geom)`,
		`CLUSTER ` + table + ` USING ` + table + `_geom`,
		`ANALYZE ` + table,
		`DROP TABLE ` + raw,
	} {
		if _, err := pool.Exec(ctx, q); err != nil {
			return fmt.Errorf("apibench: prepare %s: %w", table, err)
		}
	}
	return nil
}

// itemsSQL answers one items page as a FeatureCollection built in SQL: the
// features intersecting the box (ST_Intersects, exact, as twin's bbox
// filter; it uses the GiST index), ordered by id, limit and offset applied,
// with numberMatched and numberReturned. Coordinates get 7 decimals, as
// twin writes lon/lat. Parameters: minlon, minlat, maxlon, maxlat, limit,
// offset.
const itemsSQL = `WITH hits AS (
  SELECT id, props, geom FROM %[1]s WHERE ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4326))
), page AS (
  SELECT id, props, geom FROM hits ORDER BY id LIMIT $5 OFFSET $6
)
SELECT json_build_object('type', 'FeatureCollection',
  'numberMatched', (SELECT count(*) FROM hits),
  'numberReturned', (SELECT count(*) FROM page),
  'features', coalesce((SELECT json_agg(json_build_object('type', 'Feature', 'id', id,
      'geometry', ST_AsGeoJSON(geom, 7)::json, 'properties', props) ORDER BY id) FROM page), '[]'::json))::text`

// tileSQL answers one Mapbox Vector Tile of the buildings (id and height;
// 4096 extent, 64 buffer, the PostGIS defaults) for z, x, y.
const tileSQL = `SELECT coalesce((SELECT ST_AsMVT(t, 'buildings') FROM (
  SELECT id, (props->>'height')::float8 AS height,
    ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope($1, $2, $3)) AS geom
  FROM %[1]s WHERE geom && ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 64.0/4096), 4326)
) t WHERE geom IS NOT NULL), ''::bytea)`

// PostGIS answers items pages and tiles from a table made by PrepareTable,
// through a pgx pool (statements are prepared and cached per connection).
// Safe for concurrent use.
type PostGIS struct {
	pool         *pgxpool.Pool
	items, tileQ string
}

// NewPostGIS returns the PostGIS side for table. Errors: ErrTable.
func NewPostGIS(pool *pgxpool.Pool, table string) (*PostGIS, error) {
	if err := checkIdent(table); err != nil {
		return nil, err
	}
	return &PostGIS{pool: pool, items: fmt.Sprintf(itemsSQL, table), tileQ: fmt.Sprintf(tileSQL, table)}, nil
}

// Items appends to dst the FeatureCollection of the features intersecting
// the lon/lat box b, ordered by id, from offset on, at most limit of them.
// Errors: the database's or ctx's. One round trip.
func (p *PostGIS) Items(ctx context.Context, dst []byte, b orb.Bound, limit, offset int) ([]byte, error) {
	var out []byte
	err := p.pool.QueryRow(ctx, p.items, b.Min[0], b.Min[1], b.Max[0], b.Max[1], limit, offset).Scan(&out)
	if err != nil {
		return dst, fmt.Errorf("apibench: postgis items: %w", err)
	}
	return append(dst, out...), nil
}

// Tile returns the buildings of tile z/x/y as an MVT (empty when none).
// Errors: the database's or ctx's. One round trip.
func (p *PostGIS) Tile(ctx context.Context, z, x, y int) ([]byte, error) {
	var out []byte
	if err := p.pool.QueryRow(ctx, p.tileQ, z, x, y).Scan(&out); err != nil {
		return nil, fmt.Errorf("apibench: postgis tile: %w", err)
	}
	return out, nil
}

// Count returns the number of rows of table. Errors: ErrTable, the database's.
func Count(ctx context.Context, pool *pgxpool.Pool, table string) (int, error) {
	if err := checkIdent(table); err != nil {
		return 0, err
	}
	var n int
	err := pool.QueryRow(ctx, `SELECT count(*) FROM `+table).Scan(&n)
	return n, err
}
