// Package samplecity loads the embedded sample city (assets) into a new
// engine.World, as `twin` does without --data: the one place tests of the
// API, the renderer, the scenarios and the command get it from. It lives
// apart from internal/sharedtest because geo and sim tests use that one
// and must not depend on the engine.
package samplecity
