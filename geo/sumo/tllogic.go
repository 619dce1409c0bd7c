package sumo

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// TLLogic is a traffic-light program (<tlLogic>): a cycle of phases, each a
// signal state for every controlled link of the light.
type TLLogic struct {
	// ID names the traffic light (usually its junction).
	ID string
	// Type is "static", "actuated", "delay_based", "NEMA", …
	Type      string
	ProgramID string
	// Offset shifts the plan in time (s), as SUMO reads it: phase 0 starts
	// at every t with t ≡ Offset (mod cycle), so a positive offset delays
	// the plan.
	Offset float64
	Phases []Phase
	// Params holds <param> children (actuated settings and others).
	Params map[string]string
	Line   int
}

// Cycle returns the sum of the phase durations (s).
func (l *TLLogic) Cycle() float64 {
	c := 0.0
	for _, p := range l.Phases {
		c += p.Duration
	}
	return c
}

// Phase is one phase of a program.
type Phase struct {
	// Duration is the phase length (s); MinDur and MaxDur bound it for
	// actuated programs and equal Duration when the file gives none.
	Duration, MinDur, MaxDur float64
	// State has one character per controlled link: G (green, priority),
	// g (green, must yield), y/Y (yellow), r (red), u (red-yellow),
	// s (stop, then go as minor), o/O (off).
	State string
	Name  string
	// Next lists the phases that may follow (empty: the next one).
	Next []int
}

// EncodeAdditional writes logics as a SUMO additional file
// (<additional><tlLogic …>…</additional>) that `sumo -a` loads in place of
// the programs of the same ID. Numbers are written in their shortest exact
// form. It returns an ErrEncode error for an empty ID or state or a number
// that is not finite, and otherwise only errors of w.
func EncodeAdditional(w io.Writer, logics []TLLogic) error {
	for i := range logics {
		if err := checkLogic(&logics[i]); err != nil {
			return err
		}
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<additional>\n")
	for i := range logics {
		writeLogic(bw, &logics[i])
	}
	bw.WriteString("</additional>\n")
	return bw.Flush()
}

func checkLogic(l *TLLogic) error {
	if l.ID == "" {
		return fmt.Errorf("%w: tlLogic without id", ErrEncode)
	}
	if !finite(l.Offset) {
		return fmt.Errorf("%w: tlLogic %s: offset %v", ErrEncode, l.ID, l.Offset)
	}
	for j, p := range l.Phases {
		if p.State == "" || !finite(p.Duration) || !finite(p.MinDur) || !finite(p.MaxDur) {
			return fmt.Errorf("%w: tlLogic %s phase %d: empty state or non-finite duration", ErrEncode, l.ID, j)
		}
	}
	return nil
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func writeLogic(w *bufio.Writer, l *TLLogic) {
	typ, prog := l.Type, l.ProgramID
	if typ == "" {
		typ = "static"
	}
	if prog == "" {
		prog = "0"
	}
	fmt.Fprintf(w, "    <tlLogic id=%s type=%s programID=%s offset=\"%s\">\n", quote(l.ID), quote(typ), quote(prog), num(l.Offset))
	for _, p := range l.Phases {
		fmt.Fprintf(w, "        <phase duration=\"%s\" state=%s", num(p.Duration), quote(p.State))
		if p.MinDur != p.Duration || p.MaxDur != p.Duration {
			fmt.Fprintf(w, " minDur=\"%s\" maxDur=\"%s\"", num(p.MinDur), num(p.MaxDur))
		}
		if p.Name != "" {
			fmt.Fprintf(w, " name=%s", quote(p.Name))
		}
		if len(p.Next) > 0 {
			s := make([]string, len(p.Next))
			for i, n := range p.Next {
				s[i] = strconv.Itoa(n)
			}
			fmt.Fprintf(w, " next=\"%s\"", strings.Join(s, " "))
		}
		w.WriteString("/>\n")
	}
	keys := make([]string, 0, len(l.Params))
	for k := range l.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "        <param key=%s value=%s/>\n", quote(k), quote(l.Params[k]))
	}
	w.WriteString("    </tlLogic>\n")
}

// quote returns s as a double-quoted XML attribute value.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString("&quot;")
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\n':
			b.WriteString("&#xA;")
		case '\r':
			b.WriteString("&#xD;")
		case '\t':
			b.WriteString("&#x9;")
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
