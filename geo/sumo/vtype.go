package sumo

// classDefaults are SUMO's per-vClass vType defaults (SUMO 1.15,
// SUMOVTypeParameter): accel, decel, emergencyDecel (m/s²), length (m),
// maxSpeed (m/s), speedDev, minGap (m).
type classDefaults struct {
	accel, decel, emergency, length, maxSpeed, speedDev, minGap float64
}

var passengerDefaults = classDefaults{2.6, 4.5, 9, 5, 200 / 3.6, 0.1, 2.5}

var vclassDefaults = map[string]classDefaults{
	"passenger":  passengerDefaults,
	"private":    passengerDefaults,
	"vip":        passengerDefaults,
	"hov":        passengerDefaults,
	"custom1":    passengerDefaults,
	"custom2":    passengerDefaults,
	"evehicle":   passengerDefaults,
	"taxi":       {2.6, 4.5, 9, 5, 200 / 3.6, 0.05, 2.5},
	"bus":        {1.2, 4, 7, 12, 100 / 3.6, 0, 2.5},
	"coach":      {2, 4, 7, 14, 100 / 3.6, 0.05, 2.5},
	"truck":      {1.3, 4, 7, 7.1, 130 / 3.6, 0.05, 2.5},
	"trailer":    {1.1, 4, 7, 16.5, 130 / 3.6, 0.05, 2.5},
	"delivery":   {2.6, 4.5, 9, 6.5, 200 / 3.6, 0.05, 2.5},
	"emergency":  {2.6, 4.5, 9, 6.5, 200 / 3.6, 0, 2.5},
	"motorcycle": {6, 10, 10, 2.2, 200 / 3.6, 0.1, 2.5},
	"moped":      {1.1, 7, 10, 2.1, 60 / 3.6, 0.1, 2.5},
	"bicycle":    {1.2, 3, 7, 1.6, 50 / 3.6, 0.1, 0.5},
	"tram":       {1, 3, 7, 22, 80 / 3.6, 0, 2.5},
}

// otherDefaults are used for classes not listed (SUMO's generic values).
var otherDefaults = classDefaults{2.6, 4.5, 9, 5, 200 / 3.6, 0, 2.5}

// DefaultVType returns the vType SUMO uses when a vehicle names none
// (DEFAULT_VEHTYPE, a passenger car) with the given ID.
func DefaultVType(id string) VType {
	t, _ := newVType(id, "passenger")
	return t
}

// newVType returns a vType of class vclass with every attribute at its
// class default; ok is false for an unknown class.
func newVType(id, vclass string) (VType, bool) {
	c, ok := Class(vclass)
	d, known := vclassDefaults[vclass]
	if !known {
		d = otherDefaults
	}
	return VType{
		ID: id, VClass: vclass, Class: c,
		Accel: d.accel, Decel: d.decel, EmergencyDecel: d.emergency, Sigma: 0.5, Tau: 1,
		Length: d.length, MinGap: d.minGap, MaxSpeed: d.maxSpeed,
		SpeedFactor:    Dist{Mean: 1, Dev: d.speedDev, Min: 0.2, Max: 2},
		CarFollowModel: "Krauss", Probability: 1,
	}, ok
}
