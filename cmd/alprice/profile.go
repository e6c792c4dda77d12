package main

import (
	"os"
	"runtime"
	"runtime/pprof"

	"alprice/cmd/alprice/i18n"
)

// startProfiles starts the profiles the environment asks for, for
// measuring a run as bench/ does (docs/performance.md):
// ALPRICE_CPUPROFILE=FILE writes a CPU profile, ALPRICE_MEMPROFILE=FILE a
// heap profile of what the run allocated, both readable by go tool pprof.
// It returns what stops them. A profile that cannot be written is said on
// stderr and left out: it never changes the run's result.
func startProfiles(getenv func(string) string) (stop func()) {
	say := func(name string, err error) {
		os.Stderr.WriteString("alprice: " + name + ": " + i18n.LangFromEnv(getenv).SayError(err) + "\n")
	}
	var stops []func()
	if path := getenv("ALPRICE_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err != nil {
			say("ALPRICE_CPUPROFILE", err)
		} else if err := pprof.StartCPUProfile(f); err != nil {
			say("ALPRICE_CPUPROFILE", err)
			f.Close()
		} else {
			stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
		}
	}
	if path := getenv("ALPRICE_MEMPROFILE"); path != "" {
		runtime.MemProfileRate = 64 << 10
		stops = append(stops, func() {
			f, err := os.Create(path)
			if err == nil {
				err = pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
			if err != nil {
				say("ALPRICE_MEMPROFILE", err)
			}
		})
	}
	return func() {
		for _, s := range stops {
			s()
		}
	}
}
