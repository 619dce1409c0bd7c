// Command pgcompare is the helper of scripts/bench-dispatch.sh: it draws
// seeded random node pairs from a `twin graph export`, and compares the
// costs `twin route --pairs` printed with those pgRouting's pgr_dijkstra
// found on the same exported graph.
//
//	pgcompare pairs -nodes DIR/nodes.csv -n 1000 -seed 1 > pairs.csv
//	pgcompare compare -pairs pairs.csv -twin twin.jsonl -pg pg.csv [-label NAME]
//
// pg.csv holds start_vid,end_vid,agg_cost rows (the last row of each path,
// edge = -1); a pair without a row is unreachable for pgRouting, except a
// pair from a node to itself, which pgr_dijkstra answers with no row and
// cost 0. Costs are compared in whole milliseconds (pgRouting adds the
// exported decimal seconds as float8, so its sums are rounded back to the
// millisecond first). compare prints a Markdown table row and exits with
// status 1 when any pair differs.
package main
