package lisflood

import (
	"fmt"
	"io"

	"twin/sim/flood/surface"
)

// Run simulates the model to Par.SimTime (DefaultSimTime when absent). When
// stage is not nil it writes the .stage output there: the header, then the
// gauge depths at t = 0 and every Par.MassInt seconds (DefaultMassInt when
// absent) up to the end. LISFLOOD-FP writes at the first step at or after
// each multiple; Run shortens steps to land on the multiples themselves.
// The rainfall series, if any, is read at the start of each step. opt is
// usually in.Options() with Precision and Workers chosen by the caller. It
// returns the finished simulation, which the caller closes.
func Run(in *Inputs, opt surface.Options, stage io.Writer) (*surface.Sim, error) {
	m, err := in.Model()
	if err != nil {
		return nil, err
	}
	s, err := surface.New(m, opt)
	if err != nil {
		return nil, err
	}
	var sw *StageWriter
	var depths []float64
	write := func() error {
		if sw == nil {
			return nil
		}
		depths = s.GaugeDepths(depths)
		return sw.Write(s.Time(), depths)
	}
	if stage != nil {
		if sw, err = NewStageWriter(stage, in.Par.StageFile, in.Stages, in.GaugeElevations()); err != nil {
			s.Close()
			return nil, err
		}
	}
	end := in.Par.SimTime
	if end <= 0 {
		end = DefaultSimTime
	}
	every := in.Par.MassInt
	if every <= 0 {
		every = DefaultMassInt
	}
	if err := write(); err != nil {
		s.Close()
		return nil, err
	}
	for k := 1; end-s.Time() > 1e-9*end; k++ {
		target := min(float64(k)*every, end)
		for target-s.Time() > 1e-9*target { // steps land on target up to round-off
			if in.Rain.Len() > 0 {
				if err := s.SetRain(max(0, in.Rain.At(s.Time()))); err != nil {
					s.Close()
					return nil, err
				}
			}
			if _, err := s.Step(target - s.Time()); err != nil {
				s.Close()
				return nil, fmt.Errorf("lisflood: at t = %g s: %w", s.Time(), err)
			}
		}
		if err := write(); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}
