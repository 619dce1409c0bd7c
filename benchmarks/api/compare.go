package apibench

import (
	"encoding/json"
	"fmt"
	"slices"
)

// Page is what the result-set checks read from an items response.
type Page struct {
	NumberMatched  int `json:"numberMatched"`
	NumberReturned int `json:"numberReturned"`
	Features       []struct {
		ID string `json:"id"`
	} `json:"features"`
}

// IDs returns the feature ids of the page, in order.
func (p Page) IDs() []string {
	out := make([]string, len(p.Features))
	for i, f := range p.Features {
		out[i] = f.ID
	}
	return out
}

// ParsePage decodes an items response (a FeatureCollection with
// numberMatched and numberReturned). Errors: invalid JSON, or
// numberReturned disagreeing with the features present.
func ParsePage(body []byte) (Page, error) {
	var p Page
	if err := json.Unmarshal(body, &p); err != nil {
		return p, fmt.Errorf("apibench: page: %w", err)
	}
	if p.NumberReturned != len(p.Features) {
		return p, fmt.Errorf("apibench: page: numberReturned %d but %d features", p.NumberReturned, len(p.Features))
	}
	return p, nil
}

// Diff compares two pages' results and describes the first difference:
// numberMatched, then the ids in order. "" when they agree.
func Diff(a, b Page) string {
	if a.NumberMatched != b.NumberMatched {
		return fmt.Sprintf("numberMatched %d ≠ %d", a.NumberMatched, b.NumberMatched)
	}
	ia, ib := a.IDs(), b.IDs()
	if slices.Equal(ia, ib) {
		return ""
	}
	onlyA, onlyB := minus(ia, ib), minus(ib, ia)
	if len(onlyA) == 0 && len(onlyB) == 0 {
		return fmt.Sprintf("same %d ids in another order", len(ia))
	}
	return fmt.Sprintf("ids only in the first: %v; only in the second: %v", head(onlyA), head(onlyB))
}

func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

func head(xs []string) []string {
	if len(xs) > 5 {
		return append(xs[:5:5], fmt.Sprintf("… %d more", len(xs)-5))
	}
	return xs
}
