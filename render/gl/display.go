//go:build cgo

package gl

import (
	"fmt"
	"os"
	"sync"

	"github.com/go-gl/glfw/v3.3/glfw"
)

// GLFW is process-global state (one library init, one event queue), so all
// drivers share one GL thread and one init; this is the package's only
// package-level state.
var (
	glThreadOnce sync.Once
	glThread     *thread
	glfwErr      error
	glfwUsers    int
)

func sharedThread() *thread {
	glThreadOnce.Do(func() { glThread = newThread() })
	return glThread
}

// hasDisplay reports whether the environment names an X11 or Wayland
// display; GLFW's Init can succeed without one.
func hasDisplay() bool {
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

// acquireGLFW initialises GLFW on the GL thread (first user only).
func acquireGLFW() error {
	if !hasDisplay() {
		return ErrNoDisplay
	}
	if glfwUsers == 0 {
		if err := glfw.Init(); err != nil {
			return fmt.Errorf("%w: %v", ErrNoDisplay, err)
		}
	}
	glfwUsers++
	return nil
}

// releaseGLFW terminates GLFW after its last user, on the GL thread.
func releaseGLFW() {
	glfwUsers--
	if glfwUsers == 0 {
		glfw.Terminate()
	}
}

// createWindow makes a GL 3.3 core, forward-compatible window; panics from
// the binding (no display) become ErrNoDisplay.
func createWindow(o Options, share *glfw.Window) (w *glfw.Window, err error) {
	defer func() {
		if r := recover(); r != nil {
			w, err = nil, fmt.Errorf("%w: %v", ErrNoDisplay, r)
		}
	}()
	glfw.DefaultWindowHints()
	glfw.WindowHint(glfw.ContextVersionMajor, 3)
	glfw.WindowHint(glfw.ContextVersionMinor, 3)
	glfw.WindowHint(glfw.OpenGLProfile, glfw.OpenGLCoreProfile)
	glfw.WindowHint(glfw.OpenGLForwardCompatible, glfw.True)
	glfw.WindowHint(glfw.Visible, boolHint(o.Visible))
	glfw.WindowHint(glfw.Decorated, boolHint(!o.Undecorated))
	glfw.WindowHint(glfw.Resizable, glfw.False)
	w, err = glfw.CreateWindow(o.Width, o.Height, o.Title, nil, share)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoDisplay, err)
	}
	if o.Visible {
		w.SetPos(o.X, o.Y)
	}
	return w, nil
}

func boolHint(b bool) int {
	if b {
		return glfw.True
	}
	return glfw.False
}
