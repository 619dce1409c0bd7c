package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	apibench "twin/benchmarks/api"
)

// runCheck fetches the first n items paths from two services and compares
// their pages (numberMatched and ids in order).
func runCheck(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("check", flag.ExitOnError)
	a := fs.String("a", "", "base URL of the first service (twin serve)")
	b := fs.String("b", "", "base URL of the second service (pgserve)")
	pathsFile := fs.String("paths", "", "file of request paths")
	n := fs.Int("n", 50, "paths to compare")
	fs.Parse(args)
	paths, err := readLines(*pathsFile, *n)
	if err != nil {
		return err
	}
	bad := 0
	for _, p := range paths {
		pa, err := fetchPage(ctx, *a+p)
		if err != nil {
			return err
		}
		pb, err := fetchPage(ctx, *b+p)
		if err != nil {
			return err
		}
		if d := apibench.Diff(pa, pb); d != "" {
			bad++
			fmt.Fprintf(os.Stderr, "apibench: %s: %s\n", p, d)
		}
	}
	fmt.Fprintf(os.Stderr, "apibench: %d of %d pages agree between %s and %s\n", len(paths)-bad, len(paths), *a, *b)
	if bad > 0 {
		return fmt.Errorf("%d pages differ", bad)
	}
	return nil
}

func fetchPage(ctx context.Context, url string) (apibench.Page, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return apibench.Page{}, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return apibench.Page{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return apibench.Page{}, err
	}
	if resp.StatusCode != http.StatusOK {
		return apibench.Page{}, fmt.Errorf("%s: %s: %s", url, resp.Status, body)
	}
	return apibench.ParsePage(body)
}

// readLines returns the first n non-empty lines of a file.
func readLines(name string, n int) ([]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() && len(out) < n {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return nil, errors.New(name + ": no paths")
	}
	return out, sc.Err()
}
