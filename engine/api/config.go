package api

import (
	"errors"
	"fmt"
	"time"
)

// Config configures a Server. The zero value serves with the defaults given
// in each field's comment.
type Config struct {
	// Token is the bearer token that state-changing requests must carry.
	// Empty: state-changing requests are refused (401).
	Token string `yaml:"-"`
	// ProtectReads makes reads require the token too (all but the
	// /healthz and /readyz probes).
	ProtectReads bool `yaml:"protect_reads"`
	// CORSOrigins lists the origins allowed by CORS; "*" allows any. Empty:
	// no CORS headers.
	CORSOrigins []string `yaml:"cors_origins"`
	// MaxBody is the largest request body in bytes. Default 8 MiB.
	MaxBody int64 `yaml:"max_body"`
	// DefaultLimit is the page size when a request gives none. Default 10.
	DefaultLimit int `yaml:"default_limit"`
	// MaxLimit is the largest page size a request may ask for. Default 10000.
	MaxLimit int `yaml:"max_limit"`
	// Timeout bounds the time to answer one request. Default 30 s.
	Timeout time.Duration `yaml:"timeout"`
	// BaseURL is the externally visible URL prefix used in links, e.g.
	// "https://twin.example.org". Empty: taken from each request's Host.
	BaseURL string `yaml:"base_url"`
	// Title names the service on the landing page. Default "twin".
	Title string `yaml:"title"`
}

func (c Config) withDefaults() Config {
	if c.MaxBody == 0 {
		c.MaxBody = 8 << 20
	}
	if c.DefaultLimit == 0 {
		c.DefaultLimit = 10
	}
	if c.MaxLimit == 0 {
		c.MaxLimit = 10000
	}
	if c.Timeout == 0 {
		c.Timeout = 30 * time.Second
	}
	if c.Title == "" {
		c.Title = "twin"
	}
	return c
}

// ErrConfig marks an invalid Config.
var ErrConfig = errors.New("api: invalid config")

// Validate reports negative sizes or a default page larger than the maximum.
func (c Config) Validate() error {
	d := c.withDefaults()
	switch {
	case c.MaxBody < 0, c.DefaultLimit < 0, c.MaxLimit < 0, c.Timeout < 0:
		return fmt.Errorf("%w: negative limit or timeout", ErrConfig)
	case d.DefaultLimit > d.MaxLimit:
		return fmt.Errorf("%w: default_limit %d above max_limit %d", ErrConfig, d.DefaultLimit, d.MaxLimit)
	case c.ProtectReads && c.Token == "":
		return fmt.Errorf("%w: protect_reads needs a token", ErrConfig)
	}
	return nil
}
