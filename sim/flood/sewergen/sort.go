package sewergen

import "sort"

// sortByID sorts node indices by their IDs.
func sortByID(idx []int, ids []string) {
	sort.Slice(idx, func(i, j int) bool { return ids[idx[i]] < ids[idx[j]] })
}
