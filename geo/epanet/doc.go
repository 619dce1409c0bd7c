// Package epanet reads EPANET 2 input files (.inp): pressurised water
// supply networks of junctions, reservoirs, tanks, pipes, pumps and
// valves, with their demands, patterns, curves and controls.
//
// [Decode] parses a file into a typed [Model] in SI units; [Model.Dataset]
// turns it into the shared geo layers (pipe_nodes and pipes, Network
// "water") for the engine, burying the mains at a documented cover
// ([DefaultCover], Options.Cover) because EPANET models carry no depths.
// No maintained Go library reads EPANET files, so the parser is written
// here, on the layout and the decoding steps (name spaces, dropping rows
// that name missing objects, conversion by use) shared with SWMM in
// geo/internal/inp.
//
// # Units
//
// EPANET takes its unit system from the UNITS option: CFS, GPM, MGD, IMGD
// and AFD mean US customary, LPS, LPM, MLD, CMH, CMD (and EPANET 2.3's CMS)
// mean SI. A Model is always SI:
//
//	quantity                        Model unit  US file            SI file
//	elevation, head, length         m           ft ×0.3048         m
//	pipe and valve diameter         m           in ×0.0254         mm ×0.001
//	tank diameter                   m           ft ×0.3048         m
//	flow, demand                    m³/s        CFS 0.028316846592, GPM 6.30901964e-5,
//	                                            MGD 0.0438126364, IMGD 0.0526168…, AFD 0.0142764…;
//	                                            LPS 0.001, LPM 1.6667e-5, MLD 0.011574…,
//	                                            CMH 1/3600, CMD 1/86400
//	pressure setting                m of head   psi ×0.3048/(0.4333·SG)   m
//	volume                          m³          ft³ ×0.028316846592       m³
//	pump power                      W           hp ×745.69987158          kW ×1000
//	Darcy-Weisbach roughness        mm          millifeet ×0.3048         mm
//	times                           s           hours, H:MM, or SEC/MIN/HOURS/DAYS, AM/PM
//
// Sources: NIST SP 811 (2008) Appendix B (foot, inch, US and imperial
// gallon, horsepower), NIST Handbook 44 Appendix C (acre-foot), and EPANET
// 2.2 src/types.h for the 0.4333 psi per foot of head EPANET itself uses.
// EPANET rounds its own flow factors (e.g. 448.831 GPM per CFS); Decode
// uses the exact ones, which differ by under 1e-5 relative.
// Hazen-Williams C and Chezy-Manning n need no conversion. Map coordinates
// are kept as given. Curves are converted by their use (pump head, pump
// efficiency, tank volume, GPV head loss; see Curve.Unit); [ENERGY],
// [REACTIONS], [REPORT], [BACKDROP], [CONTROLS], [RULES] and [STATUS]
// values are kept as written, in the file's units.
//
// # Errors
//
// Decode returns *geo.ParseError values with the file name and 1-based
// line, wrapping geo.ErrSyntax, geo.ErrInvalid or geo.ErrUnsupported and,
// where it applies, ErrUnits, ErrDuplicate, ErrMissingRef or ErrKeyword.
// Recoverable problems become counted warnings (one geo.Warning per kind,
// with the count and the first example). Decode never panics on bad input.
//
// # Concurrency
//
// Decode and Dataset keep no state between calls and may run concurrently.
// A Model is a plain value: concurrent reads are safe, writes are not.
package epanet
