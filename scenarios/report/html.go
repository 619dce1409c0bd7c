package report

import (
	"html/template"
	"io"

	"twin/scenarios"
)

// WriteHTML writes report.html: the Markdown report's content as one
// self-contained page (inline CSS, charts as PNG data URIs, no scripts and
// no outside requests). Each chart is an <img class="chart"> inside a
// <figure id="chart-NAME">. Extra images, when given, follow the summary
// in a "Wall view" section, each an <img class="wall"> inside a
// <figure id="image-NAME">; errors wrap ErrImage for an invalid one.
func WriteHTML(w io.Writer, res *scenarios.Results, charts []Chart, images ...Image) error {
	if res == nil {
		return ErrNoResults
	}
	if err := validImages(images); err != nil {
		return err
	}
	type fig struct {
		Name, Title string
		Src         template.URL
	}
	type page struct {
		Res      *scenarios.Results
		Summary  []string
		Compare  [][]string
		Variants []struct {
			V        *scenarios.VariantResult
			Sections []section
		}
		Figures []fig
		Images  []htmlImage
	}
	pg := page{Res: res, Summary: summaryLines(res), Images: htmlImages(images)}
	if len(res.Comparisons) > 0 {
		pg.Compare = comparisonTable(res)
	}
	for _, v := range res.Variants {
		if v != nil {
			pg.Variants = append(pg.Variants, struct {
				V        *scenarios.VariantResult
				Sections []section
			}{v, variantSections(v)})
		}
	}
	for _, c := range charts {
		pg.Figures = append(pg.Figures, fig{c.Name, c.Title, dataURI(c.PNG)})
	}
	return pageTmpl.Execute(w, pg)
}

var pageTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"verdict": func(row []string) string { return row[len(row)-1] },
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Res.Scenario}}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;background:#fff}
table{border-collapse:collapse;margin:0.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:0.25em 0.6em;text-align:left}
th{background:#eef}
tr.better td:last-child{color:#080;font-weight:bold}
tr.worse td:last-child{color:#b00;font-weight:bold}
figure{margin:1em 0;display:inline-block;width:48%;vertical-align:top}
figure img{width:100%;box-sizing:border-box;border:3px solid #1f77b4}
figure.wall{display:block;width:100%}
figcaption{font-size:0.9em;color:#555}
.partial{background:#fee;padding:0.5em;border:1px solid #b00}
</style>
</head>
<body>
<h1>{{.Res.Scenario}}</h1>
{{with .Res.Description}}<p>{{.}}</p>{{end}}
{{if .Res.Partial}}<p class="partial">Partial results: the run was cancelled.</p>{{end}}
<ul>{{range .Summary}}<li>{{.}}</li>{{end}}</ul>
{{with .Images}}<h2>Wall view</h2>
{{range .}}<figure class="wall" id="image-{{.Name}}"><img class="wall" alt="{{.Title}}" src="{{.Src}}"><figcaption><b>{{.Title}}</b>{{with .Caption}}: {{.}}{{end}}</figcaption></figure>
{{end}}{{end}}{{with .Compare}}<h2>Variants against the baseline</h2>
<table>{{range $i, $r := .}}{{if eq $i 0}}<tr>{{range $r}}<th>{{.}}</th>{{end}}</tr>{{else}}<tr class="{{verdict $r}}">{{range $r}}<td>{{.}}</td>{{end}}</tr>{{end}}{{end}}</table>{{end}}
{{with .Figures}}<h2>Charts</h2>
{{range .}}<figure id="chart-{{.Name}}"><img class="chart" alt="{{.Title}}" src="{{.Src}}"><figcaption>{{.Title}}</figcaption></figure>
{{end}}{{end}}
{{range .Variants}}<h2>{{.V.Name}}</h2>
{{with .V.Description}}<p>{{.}}</p>{{end}}
{{range .Sections}}<h3>{{.Title}}</h3>
<table>{{range $i, $r := .Rows}}<tr>{{range $r}}{{if eq $i 0}}<th>{{.}}</th>{{else}}<td>{{.}}</td>{{end}}{{end}}</tr>{{end}}</table>
{{end}}{{end}}
</body>
</html>
`))
