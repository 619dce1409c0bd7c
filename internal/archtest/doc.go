// Package archtest holds tests of the project's structure: the dependency
// direction of the house style (geo ← sim ← engine ← render, api ← cmd) and
// the purity of the core (geo and sim use no network, no files, no clock).
// It has no code of its own.
package archtest
