package inp

import "twin/geo"

// DropLinks removes the rows of a link section whose end nodes are not in
// d.Nodes, once every section is read (both formats allow any section
// order). ends gives a row's link name and its end nodes. Each removed
// link leaves d.Links and enters d.Dropped, and is counted in one
// "links to missing nodes dropped" warning. Under d.Strict the first such
// link fails instead, with geo.ErrInvalid wrapping d.Errs.MissingRef at
// the link's line, and rows comes back unchanged. Rows are filtered in
// place; O(len(rows)).
func DropLinks[T any](d *Decoder, rows []T, ends func(*T) (name, from, to string)) []T {
	out := rows[:0]
	for i := range rows {
		name, from, to := ends(&rows[i])
		_, okF := d.Nodes[from]
		_, okT := d.Nodes[to]
		if okF && okT {
			out = append(out, rows[i])
			continue
		}
		missing := from
		if okF {
			missing = to
		}
		line := d.Links[name]
		if d.Strict {
			d.Failf(line, geo.ErrInvalid, "%w: link %q connects to undefined node %q", d.Errs.MissingRef, name, missing)
			return rows
		}
		d.Tally.Add("links to missing nodes dropped", line, name+" → "+missing)
		delete(d.Links, name)
		d.Dropped[name] = true
	}
	return out
}

// DropRows removes the rows whose referenced name (given by ref) is not
// in the name space ns, counting them in one "<kind> dropped" warning;
// lines[i] is row i's line (0 when lines is shorter). Rows naming a link
// DropLinks removed go silently: that link's warning covers them. Under
// d.Strict the first missing name fails instead, with geo.ErrInvalid
// wrapping d.Errs.MissingRef, and rows comes back unchanged. Rows are
// filtered in place; O(len(rows)).
func DropRows[T any](d *Decoder, rows []T, lines []int, ns map[string]int, kind string, ref func(*T) string) []T {
	out := rows[:0]
	for i := range rows {
		name := ref(&rows[i])
		if _, ok := ns[name]; ok {
			out = append(out, rows[i])
			continue
		}
		line := 0
		if i < len(lines) {
			line = lines[i]
		}
		if d.Dropped[name] {
			continue // a row of a link dropped above: warned there
		}
		if d.Strict {
			d.Failf(line, geo.ErrInvalid, "%w: %s: %q", d.Errs.MissingRef, kind, name)
			return rows
		}
		d.Tally.Add(kind+" dropped", line, name)
	}
	return out
}
