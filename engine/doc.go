// Package engine holds the World: the city's layers of features, each with
// an R-tree, versioned and read through immutable snapshots.
//
// Concurrency. A World has one writer at a time ([World.Update] serialises
// them) and any number of readers. Readers call [World.Snapshot] and get an
// immutable [Snapshot]: it never changes, even while a writer loads a new
// file or applies changes, and it is safe for concurrent use. Writers work on
// copy-on-write copies of the indexes (tidwall/rtree and tidwall/btree copy in
// O(1)), so a snapshot costs nothing to take and an update touches only the
// layers it changes. An update that fails leaves the World exactly as it was.
//
// Coordinates. Everything inside a World is in its CRS: projected metres
// (UTM, CGCS2000 Gauss-Krüger, a national grid or a local tangent plane),
// x east, y north, z up. Lon/lat appears only at the edges: [World.Load]
// reprojects decoded datasets, and callers convert query points with
// [Snapshot.FromLonLat] / [Snapshot.ToLonLat].
//
// Units: metres, seconds; depths are metres below the ground surface,
// positive downwards.
package engine
