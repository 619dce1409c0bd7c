package gl

import (
	"image"
	"image/png"
	"io"
)

// flipRows turns a bottom-up GL read-back into a top-down image, in place.
// O(width·height).
func flipRows(img *image.RGBA) {
	h, s := img.Rect.Dy(), img.Stride
	tmp := make([]byte, s)
	for y := 0; y < h/2; y++ {
		a := img.Pix[y*s : (y+1)*s]
		b := img.Pix[(h-1-y)*s : (h-y)*s]
		copy(tmp, a)
		copy(a, b)
		copy(b, tmp)
	}
}

// WritePNG encodes img as PNG with fast compression (a 3840×2160 frame is
// about 33 MB raw).
func WritePNG(w io.Writer, img image.Image) error {
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	return enc.Encode(w, img)
}
