// Package sim is the root of twin's simulations: sim/traffic, sim/flood and
// sim/dispatch. Simulations are pure: they read the city through small
// interfaces or plain values, take time and randomness as inputs (a seeded
// *rand.Rand, a step dt), never touch files, clocks or the network, and give
// byte-identical outputs for identical inputs. They never import the engine.
package sim
