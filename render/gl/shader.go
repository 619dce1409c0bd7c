//go:build cgo

package gl

import (
	"fmt"
	"strings"

	gogl "github.com/go-gl/gl/v3.3-core/gl"
)

// meshVS draws triangles and lines: Lambert shading from a fixed sun plus
// ambient light, unless uUnlit is set or the vertex normal is zero; the
// colour is multiplied by the material's tint.
const meshVS = `#version 330 core
layout(location = 0) in vec3 aPos;
layout(location = 1) in vec3 aNormal;
layout(location = 2) in vec4 aColor;
uniform mat4 uViewProj;
uniform vec4 uTint;
uniform int uUnlit;
out vec4 vColor;
void main() {
	gl_Position = uViewProj * vec4(aPos, 1.0);
	float shade = 1.0;
	if (uUnlit == 0 && dot(aNormal, aNormal) > 0.25) {
		vec3 sun = normalize(vec3(0.35, 0.55, 0.76));
		shade = 0.6 + 0.4 * max(dot(normalize(aNormal), sun), 0.0);
	}
	vColor = vec4(aColor.rgb * shade, aColor.a) * uTint;
}
` + "\x00"

const colorFS = `#version 330 core
in vec4 vColor;
out vec4 fragColor;
void main() { fragColor = vColor; }
` + "\x00"

// billboardVS draws one camera-facing square per instance (a 4-vertex
// triangle strip, corner from gl_VertexID): centre, side in metres and
// colour per instance; uRight and uUp are the camera's world axes.
const billboardVS = `#version 330 core
layout(location = 0) in vec3 iCenter;
layout(location = 1) in float iSize;
layout(location = 2) in vec4 iColor;
uniform mat4 uViewProj;
uniform vec4 uTint;
uniform vec3 uRight;
uniform vec3 uUp;
out vec4 vColor;
void main() {
	vec2 c = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1)) - 0.5;
	vec3 p = iCenter + (c.x * uRight + c.y * uUp) * iSize;
	gl_Position = uViewProj * vec4(p, 1.0);
	vColor = iColor * uTint;
}
` + "\x00"

// overlayVS/overlayFS blend the HUD image over a pixel rectangle (uRect in
// normalised device coordinates: x0, y0, x1, y1).
const overlayVS = `#version 330 core
uniform vec4 uRect;
out vec2 vUV;
void main() {
	vec2 c = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
	vUV = vec2(c.x, 1.0 - c.y);
	gl_Position = vec4(mix(uRect.xy, uRect.zw, c), 0.0, 1.0);
}
` + "\x00"

const overlayFS = `#version 330 core
in vec2 vUV;
uniform sampler2D uTex;
out vec4 fragColor;
void main() { fragColor = texture(uTex, vUV); }
` + "\x00"

// program is a linked shader program and its uniform locations.
type program struct {
	id                       uint32
	viewProj, tint, unlit    int32
	right, up, rect, texture int32
}

func newProgram(vs, fs string) (program, error) {
	v, err := compile(vs, gogl.VERTEX_SHADER)
	if err != nil {
		return program{}, err
	}
	f, err := compile(fs, gogl.FRAGMENT_SHADER)
	if err != nil {
		return program{}, err
	}
	id := gogl.CreateProgram()
	gogl.AttachShader(id, v)
	gogl.AttachShader(id, f)
	gogl.LinkProgram(id)
	gogl.DeleteShader(v)
	gogl.DeleteShader(f)
	var ok int32
	gogl.GetProgramiv(id, gogl.LINK_STATUS, &ok)
	if ok == gogl.FALSE {
		return program{}, fmt.Errorf("%w: link: %s", ErrShader, infoLog(id, true))
	}
	u := func(name string) int32 { return gogl.GetUniformLocation(id, gogl.Str(name+"\x00")) }
	return program{
		id: id, viewProj: u("uViewProj"), tint: u("uTint"), unlit: u("uUnlit"),
		right: u("uRight"), up: u("uUp"), rect: u("uRect"), texture: u("uTex"),
	}, nil
}

func compile(src string, kind uint32) (uint32, error) {
	s := gogl.CreateShader(kind)
	cs, free := gogl.Strs(src)
	gogl.ShaderSource(s, 1, cs, nil)
	free()
	gogl.CompileShader(s)
	var ok int32
	gogl.GetShaderiv(s, gogl.COMPILE_STATUS, &ok)
	if ok == gogl.FALSE {
		return 0, fmt.Errorf("%w: compile: %s", ErrShader, infoLog(s, false))
	}
	return s, nil
}

func infoLog(id uint32, isProgram bool) string {
	var n int32
	if isProgram {
		gogl.GetProgramiv(id, gogl.INFO_LOG_LENGTH, &n)
	} else {
		gogl.GetShaderiv(id, gogl.INFO_LOG_LENGTH, &n)
	}
	buf := strings.Repeat("\x00", int(n)+1)
	if isProgram {
		gogl.GetProgramInfoLog(id, n, nil, gogl.Str(buf))
	} else {
		gogl.GetShaderInfoLog(id, n, nil, gogl.Str(buf))
	}
	return strings.TrimRight(buf, "\x00")
}
