// Command shotcheck checks a headless-browser screenshot of report.html:
// the page is not blank and at least N chart frames are there, each with
// ink inside (report.CheckScreenshot). It prints the frames found and
// exits 1 on failure.
//
//	shotcheck SCREENSHOT.png N
package main
