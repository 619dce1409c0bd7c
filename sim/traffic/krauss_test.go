package traffic

import (
	"math"
	"testing"
)

var car = vtype{id: "car", accel: 2.6, decel: 4.5, emergencyDecel: 9, tau: 1, length: 5, minGap: 2.5, maxSpeed: 55.56}

// TestBrakeGap: braking by b per 1 s step from v covers v + (v−b) + … until
// the speed would drop below zero (SUMO's brakeGapEuler), worked by hand.
func TestBrakeGap(t *testing.T) {
	for _, tc := range []struct {
		name             string
		v, b, head, want float64
	}{
		{"stopped", 0, 4.5, 1, 0},
		{"one step", 4, 4.5, 0, 0},              // 4 → 0 within the step: no full step at v
		{"two steps", 9, 4.5, 0, 4.5},           // 9 → 4.5 (covers 4.5) → 0
		{"three steps", 13.5, 4.5, 0, 13.5},     // covers 9 + 4.5
		{"with headway", 13.5, 4.5, 1, 27},      // + v·τ
		{"not a multiple", 10, 4.5, 0, 5.5 + 1}, // 10 → 5.5 → 1 → 0: covers 5.5 + 1
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := brakeGap(tc.v, tc.b, tc.head); math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("brakeGap(%v, %v, %v) = %v, want %v", tc.v, tc.b, tc.head, got, tc.want)
			}
		})
	}
}

// TestSafeStopSpeedInvertsBrakeGap: the safe speed is exactly the speed
// whose discrete braking distance with reaction time τ equals the gap
// (less SUMO's NUMERICAL_EPS), the identity maximumSafeStopSpeedEuler is
// derived from; tolerance 1e-9 m.
func TestSafeStopSpeedInvertsBrakeGap(t *testing.T) {
	for _, g := range []float64{0.5, 1, 3, 7.5, 10, 25, 40, 100, 333} {
		v := safeStopSpeed(g, 4.5, 1)
		if got := brakeGap(v, 4.5, 1); math.Abs(got-(g-numericalEps)) > 1e-9 {
			t.Errorf("gap %v: speed %v brakes in %v", g, v, got)
		}
	}
	if v := safeStopSpeed(-1, 4.5, 1); v != 0 {
		t.Errorf("negative gap: %v", v)
	}
}

// TestKraussContinuousLimit: for a stopped leader the discrete safe speed
// matches the textbook Krauss vsafe = −τb + sqrt((τb)² + vₗ² + 2b·gap)
// once τ is shortened by half a step (the distance a 1 s Euler step
// covers beyond the continuous braking curve): within 0.1 m/s beyond 50 m.
func TestKraussContinuousLimit(t *testing.T) {
	b, tau := car.decel, car.tau-0.5
	for _, g := range []float64{50, 100, 200, 400} {
		want := -tau*b + math.Sqrt(tau*b*tau*b+2*b*g)
		got := safeStopSpeed(g, b, car.tau)
		if math.Abs(got-want) > 0.1 {
			t.Errorf("gap %v: discrete %v, continuous %v", g, got, want)
		}
	}
}

// TestFinalizeSpeed: the acceleration, deceleration and emergency bounds
// of SUMO's finalizeSpeed with sigma 0 and sigma 1 (worst dawdle).
func TestFinalizeSpeed(t *testing.T) {
	dawdler := car
	dawdler.sigma = 1
	for _, tc := range []struct {
		name       string
		t          vtype
		v, vPos, u float64
		want       float64
	}{
		{"free acceleration", car, 10, 100, 0, 12.6},
		{"capped by safe speed", car, 10, 11, 0, 11},
		{"comfortable braking", car, 10, 6, 0, 6},
		{"emergency braking limit", car, 10, 0, 0, 1}, // 10 − 9
		{"dawdle all accel", dawdler, 10, 100, 1, 10}, // 12.6 − 1·2.6·1
		{"dawdle never below decel bound", dawdler, 10, 5.5, 1, 5.5},
		{"dawdle when starting", dawdler, 0, 100, 0.5, 1.3}, // 2.6 − 1·2.6·0.5
		{"dawdle below accel", dawdler, 0, 2, 0.5, 1},       // 2 − 1·2·0.5
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.t.finalizeSpeed(tc.v, tc.vPos, tc.u); math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// TestFreeSpeed: far from a slower lane the vehicle may keep its speed;
// the returned speed, braked by decel per step, reaches the target speed
// within the distance (checked by stepping, tolerance 1e-9 m).
func TestFreeSpeed(t *testing.T) {
	if got := freeSpeed(4.5, 3, 5); got != 5 {
		t.Errorf("inside one step: %v", got)
	}
	for _, dist := range []float64{10, 20, 37, 80} {
		v := freeSpeed(4.5, dist, 5)
		covered := 0.0
		for v > 5+1e-12 {
			covered += v
			v = math.Max(v-4.5, 5)
		}
		if covered > dist+1e-9 {
			t.Errorf("dist %v: covered %v before reaching 5 m/s", dist, covered)
		}
	}
}
