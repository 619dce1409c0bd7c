// Package sumo reads and writes the XML files of SUMO, the open-source
// microscopic traffic simulator (https://eclipse.dev/sumo): road networks
// (.net.xml), demand (.rou.xml: vehicle types, routes, vehicles, trips and
// flows), additional files (tlLogic signal programs, bus stops, further
// demand) and trip outputs (tripinfo). Reading SUMO's own formats lets the
// same scenario run in SUMO and in twin's traffic simulator, and lets tests
// compare the two.
//
// # Units and conventions
//
// Everything is as SUMO writes it: lengths and positions in metres, speeds in
// m/s, accelerations in m/s², times in seconds (SUMO's "h:m:s" time strings
// are read too), coordinates in the network's projected metres after its
// netOffset. Values are kept as the file gives them, with two exceptions that
// follow SUMO's own reading: a vType attribute that is absent takes the
// default of its vClass ([VType] lists them), and a lane's allow/disallow
// lists are folded into one [Classes] set.
//
// Junction requests keep SUMO's bit strings: in Response and Foes the
// rightmost character belongs to link 0 of the junction ([Request.Yields],
// [Request.Conflicts]). A junction's link index of a connection is the
// position of its first internal lane in the junction's intLanes.
//
// # Errors
//
// Decoders take an io.Reader and a file name for messages. Malformed input
// returns a *geo.ParseError with the line, wrapping geo.ErrSyntax,
// geo.ErrInvalid or geo.ErrUnsupported and, where one applies, a sentinel of
// this package. Elements the decoders do not model (detectors, polygons,
// parameters of other elements) are skipped and counted in Ignored.
// References between objects (a vehicle's route, a route's edges) are left
// to the user of the data, which knows the network; every object records
// its Line for such messages.
//
// Nothing here touches files or clocks; decoded values are plain data, safe
// for concurrent reads once returned.
package sumo
