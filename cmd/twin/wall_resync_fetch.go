package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"twin/engine"
	"twin/geo"
)

// The state fetch of a wall reload: a twin serve's live version and the
// features of a layer, read through its OGC API (GET /deltas/version,
// /collections/{id}/items paged by the next links, /collections/{id}/items/{fid}).

// Sentinel errors of the state fetch.
var (
	errNotFound  = errors.New("wall reload: not found")
	errBadPage   = errors.New("wall reload: bad items page")
	errPageLimit = errors.New("wall reload: more pages than the collection has features")
)

// wireFeature is one GeoJSON feature as the items route serves it.
type wireFeature struct {
	ID         string
	Geometry   json.RawMessage
	Properties map[string]any
}

// itemsPage is one page of /collections/{id}/items.
type itemsPage struct {
	Features      []wireFeature
	Next          string // href of the "next" link, "" on the last page
	NumberMatched int
}

// decodeItemsPage reads one items page (a GeoJSON FeatureCollection with
// OGC API links). Errors name the source and the byte offset. O(bytes).
func decodeItemsPage(r io.Reader, name string) (itemsPage, error) {
	var raw struct {
		Type     string `json:"type"`
		Features []struct {
			ID         json.RawMessage `json:"id"`
			Geometry   json.RawMessage `json:"geometry"`
			Properties map[string]any  `json:"properties"`
		} `json:"features"`
		Links []struct {
			Href string `json:"href"`
			Rel  string `json:"rel"`
		} `json:"links"`
		NumberMatched int `json:"numberMatched"`
	}
	dec := json.NewDecoder(r)
	if err := dec.Decode(&raw); err != nil {
		return itemsPage{}, fmt.Errorf("%w: %s at byte %d: %v", errBadPage, name, dec.InputOffset(), err)
	}
	if raw.Type != "FeatureCollection" {
		return itemsPage{}, fmt.Errorf("%w: %s: type %q, want FeatureCollection", errBadPage, name, raw.Type)
	}
	p := itemsPage{NumberMatched: raw.NumberMatched, Features: make([]wireFeature, 0, len(raw.Features))}
	for i, f := range raw.Features {
		id, err := featureIDText(f.ID)
		if err != nil {
			return itemsPage{}, fmt.Errorf("%w: %s: feature %d: %v", errBadPage, name, i, err)
		}
		p.Features = append(p.Features, wireFeature{ID: id, Geometry: f.Geometry, Properties: f.Properties})
	}
	for _, l := range raw.Links {
		if l.Rel == "next" {
			p.Next = l.Href
		}
	}
	return p, nil
}

// featureIDText reads a GeoJSON id: a string, or a number written as is.
func featureIDText(raw json.RawMessage) (string, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil && s != "" {
		return s, nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil && n != "" {
		return n.String(), nil
	}
	return "", fmt.Errorf("id %s is neither a non-empty string nor a number", clipText(string(raw)))
}

func clipText(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// stateClient reads a twin serve's live version and layers.
type stateClient struct {
	client   *http.Client
	base     string // without a trailing slash
	pageSize int    // items per page
	timeout  time.Duration
}

// get fetches u and returns the body; 404 is errNotFound, any other status
// but 200 an error naming the URL.
func (c stateClient) get(ctx context.Context, u string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/geo+json, application/json")
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return nil, fmt.Errorf("GET %s: %w", u, errNotFound)
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("GET %s: %s", u, resp.Status)
	case err != nil:
		return nil, fmt.Errorf("GET %s: %w", u, err)
	}
	return body, nil
}

// version reads GET /deltas/version.
func (c stateClient) version(ctx context.Context) (uint64, error) {
	u := c.base + "/deltas/version"
	body, err := c.get(ctx, u)
	if err != nil {
		return 0, err
	}
	var v struct {
		Version *uint64 `json:"version"`
	}
	if err := json.Unmarshal(body, &v); err != nil || v.Version == nil {
		return 0, fmt.Errorf("GET %s: want {\"version\":N}, got %s", u, clipText(string(body)))
	}
	return *v.Version, nil
}

// layer fetches every feature of the layer, following the next links
// (offset paging in ID order), keyed by ID; a feature seen twice (pages
// shifted by a concurrent insert) keeps its later copy. A layer the server
// lacks, or holds empty, is an empty map. O(features).
func (c stateClient) layer(ctx context.Context, layer string) (map[string]wireFeature, error) {
	out := map[string]wireFeature{}
	u := c.base + "/collections/" + url.PathEscape(layer) + "/items?limit=" + strconv.Itoa(c.pageSize)
	for pages := 0; u != ""; pages++ {
		body, err := c.get(ctx, u)
		if errors.Is(err, errNotFound) && pages == 0 {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		p, err := decodeItemsPage(bytes.NewReader(body), u)
		if err != nil {
			return nil, err
		}
		for _, f := range p.Features {
			out[f.ID] = f
		}
		if pages > p.NumberMatched/max(c.pageSize, 1)+2 {
			return nil, fmt.Errorf("%w: %s after %d pages", errPageLimit, layer, pages)
		}
		if u, err = resolveNext(u, p.Next); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// resolveNext resolves a next link against the page's URL; "" stays "".
func resolveNext(page, next string) (string, error) {
	if next == "" {
		return "", nil
	}
	b, err1 := url.Parse(page)
	n, err2 := url.Parse(next)
	if err := errors.Join(err1, err2); err != nil {
		return "", fmt.Errorf("%w: next link %q: %v", errBadPage, clipText(next), err)
	}
	return b.ResolveReference(n).String(), nil
}

// item fetches one feature; found is false when the server has no such
// feature (or layer).
func (c stateClient) item(ctx context.Context, layer, id string) (f wireFeature, found bool, err error) {
	u := c.base + "/collections/" + url.PathEscape(layer) + "/items/" + url.PathEscape(id)
	body, err := c.get(ctx, u)
	if errors.Is(err, errNotFound) {
		return f, false, nil
	}
	if err != nil {
		return f, false, err
	}
	// A single item is a Feature: decode it as a one-feature page.
	doc := append(append([]byte(`{"type":"FeatureCollection","features":[`), body...), "]}"...)
	p, err := decodeItemsPage(bytes.NewReader(doc), u)
	if err != nil {
		return f, false, err
	}
	if len(p.Features) != 1 || p.Features[0].ID != id {
		return f, false, fmt.Errorf("%w: %s: not the feature %q", errBadPage, u, id)
	}
	return p.Features[0], true, nil
}

// fetchLayer returns the server's features of layer, complete: a local
// feature missing from the pages (offset paging skips one when a feature
// before it is deleted meanwhile) is asked for by ID before it is taken
// for deleted.
func (c stateClient) fetchLayer(ctx context.Context, local *engine.Layer, layer string) (map[string]wireFeature, error) {
	remote, err := c.layer(ctx, layer)
	if err != nil || local == nil || len(remote) == 0 {
		return remote, err
	}
	var missing []string
	local.Ascend("", func(f geo.Feature) bool {
		if _, ok := remote[f.FeatureID()]; !ok {
			missing = append(missing, f.FeatureID())
		}
		return true
	})
	for _, id := range missing {
		f, found, err := c.item(ctx, layer, id)
		if err != nil {
			return nil, err
		}
		if found {
			remote[id] = f
		}
	}
	return remote, nil
}
