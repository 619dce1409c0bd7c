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
// Beyond the layout the two formats share how a decoder treats a model:
// [Decoder], which each format's decoder embeds, holds the node and link
// name spaces ([Decoder.Define] rejects duplicates), reads one-row-per-line
// sections keeping each row's line ([Decoder.ParseRows]) and runs the
// sections and the whole-file passes in order ([Decoder.Run]). Once all is
// read, [DropLinks] and [DropRows] drop links to missing nodes and rows
// naming missing objects with one counted warning per kind (or fail, when
// Strict); [Uses] converts curves and series by their use; [ReadPoint] and
// [AddToPath] read map coordinates and vertices. What differs between the
// formats comes in as parameters: the sentinels wrapped ([Sentinels]), the
// name space and line of each row, and the warning texts. Test helpers
// shared by the format packages live in inptest.
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
// Nothing here holds global state; a Parser or Decoder is used by one
// goroutine.
package inp
