// Package examples holds the example scenarios for the embedded sample
// city (Monaco), as files beside this one and embedded for twin demo and
// the tests: a rainstorm with emergencies, a green-wave retiming of the
// main corridor, station siting, and the combined multi-hazard evening
// that twin demo runs.
package examples
