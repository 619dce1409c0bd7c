package main

import (
	"fmt"
	"image/png"
	"os"
	"strconv"

	"twin/scenarios/report"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: shotcheck SCREENSHOT.png MIN_CHARTS")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	frames, err := report.CheckScreenshot(img, n)
	for _, fr := range frames {
		fmt.Printf("chart at %v: %.1f %% ink\n", fr.Bounds, 100*fr.Ink)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("ok: %d charts in a %dx%d screenshot\n", len(frames), img.Bounds().Dx(), img.Bounds().Dy())
}
