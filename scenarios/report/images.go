package report

import (
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"regexp"
)

// ImagesDir is the folder under a report where WriteDir writes the extra
// images report.md links to.
const ImagesDir = "images"

// ErrImage: an extra image has no usable name or no PNG bytes.
var ErrImage = errors.New("report: bad image")

// Image is an extra picture handed to the report by its caller, such as a
// rendered view of the city: report.md links to images/NAME.png and
// report.html embeds it as a PNG data URI in a "Wall view" section. The
// report does not decode it.
type Image struct {
	// Name is the file name without ".png": letters, digits, '-' and '_'.
	Name string
	// Title heads the figure; Caption says what it shows.
	Title, Caption string
	// PNG is the encoded image.
	PNG []byte
}

var imageName = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// Validate returns an error wrapping ErrImage when the name is not a plain
// file name or there are no bytes.
func (im Image) Validate() error {
	if !imageName.MatchString(im.Name) {
		return fmt.Errorf("%w: name %q", ErrImage, im.Name)
	}
	if len(im.PNG) == 0 {
		return fmt.Errorf("%w: %s has no PNG bytes", ErrImage, im.Name)
	}
	return nil
}

// validImages checks every image.
func validImages(ims []Image) error {
	for _, im := range ims {
		if err := im.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// htmlImage is an Image as report.html shows it.
type htmlImage struct {
	Name, Title, Caption string
	Src                  template.URL
}

func htmlImages(ims []Image) []htmlImage {
	var out []htmlImage
	for _, im := range ims {
		out = append(out, htmlImage{im.Name, im.Title, im.Caption, dataURI(im.PNG)})
	}
	return out
}

func dataURI(png []byte) template.URL {
	return template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
}
