// Package swmm reads and writes EPA SWMM 5 input files (.inp): the
// drainage networks, subcatchments and rainfall a 1D dynamic-wave sewer
// solver and a rainfall-runoff module need.
//
// [Decode] parses a file into a typed [Model]; [Model.Dataset] turns the
// model into the shared geo layers (pipe_nodes, pipes, subcatchments,
// raingauges) for the engine; [Encode] writes a Model back as a valid SI
// .inp, e.g. to ship a generated sewer network. No maintained Go library
// reads SWMM files, so the parser is written here, on the layout and the
// decoding steps (name spaces, dropping rows that name missing objects,
// conversion by use) shared with EPANET in geo/internal/inp.
//
// # Units
//
// SWMM takes its whole unit system from FLOW_UNITS: CFS, GPM and MGD mean
// US customary (ft, acres, in, in/h), CMS, LPS and MLD mean SI (m,
// hectares, mm, mm/h). A Model is always SI, whatever the file used:
//
//	quantity                        Model unit   US factor                 SI factor
//	elevation, depth, length        m            0.3048 (ft, exact)        1
//	storage and ponded area         m²           0.09290304 (ft²)          1
//	subcatchment area               m²           4046.8564224 (acre)       10000 (ha)
//	rain intensity, infil. rate     mm/h         25.4 (in/h, exact)        1
//	rain depth                      mm           25.4 (in)                 1
//	depression storage, suction     m            0.0254 (in)               0.001 (mm)
//	flow                            m³/s         CFS 0.028316846592,       CMS 1, LPS 0.001,
//	                                             GPM 6.30901964e-5,        MLD 0.0115740…
//	                                             MGD 0.0438126364
//	weir coefficient (Q=C·L·h^1.5)  SI form      √0.3048                   1
//	time steps, durations           s            hours ×3600, days ×86400
//
// Sources: NIST SP 811 (2008) Appendix B for the foot, inch and US gallon
// (231 in³ = 3.785411784 L); NIST Handbook 44 Appendix C for the acre of
// 43,560 ft². Options.FlowUnits keeps the file's FLOW_UNITS. Map
// coordinates are not converted: they are in the model's map units and
// CRS. Time series and curves have no unit of their own in SWMM; curves are
// converted by their type and series by the object that uses them (see
// TimeSeries.Unit). Sections the Model does not type ([EVAPORATION],
// [CONTROLS], [POLLUTANTS], …) are kept verbatim in their source units.
//
// # Errors
//
// Decode returns *geo.ParseError values carrying the file name and the
// 1-based line, wrapping geo.ErrSyntax, geo.ErrInvalid or
// geo.ErrUnsupported and, where it applies, one of this package's
// sentinels (ErrFlowUnits, ErrDuplicate, ErrMissingRef, ErrKeyword).
// Recoverable problems (unknown sections, rows naming missing objects,
// nodes without coordinates) become counted warnings: one geo.Warning per
// kind saying how many and naming the first. Decode never panics on bad
// input.
//
// # Concurrency
//
// Decode, Encode and Dataset keep no state between calls and may run
// concurrently. A Model is a plain value: concurrent reads are safe,
// concurrent writes are not.
package swmm
