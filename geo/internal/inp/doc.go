// Package inp reads the INI-like text layout shared by SWMM 5 and EPANET 2
// input files: "[SECTION]" headers, ";" comments, and whitespace-separated
// columns in which a double-quoted string is one column.
//
// The reader is format-agnostic: it splits a whole file into sections of
// tokenised lines, each with its 1-based line number, so that the format
// packages (geo/swmm, geo/epanet) can process sections in dependency order
// (both formats allow [OPTIONS] anywhere, and the units it names govern
// every other section). [Parser] gives those packages positioned number
// parsing with a sticky first error.
//
// Conventions:
//
//   - Comments start at the first ';' of a line, inside quotes or not, as in
//     the reference implementations' tokenisers (SWMM 5 getTokens, EPANET 2
//     gettokens). The comment text is kept on the line (Line.Comment)
//     because EPANET puts demand categories there.
//   - Section names are upper-cased ("[Polygons]" is POLYGONS).
//   - Numbers are decimal only: NaN, Inf, hexadecimal floats and digit
//     separators are rejected with geo.ErrSyntax.
//   - Errors are *geo.ParseError values carrying the file name and line.
//
// Nothing here holds global state; a Parser is used by one goroutine.
package inp
