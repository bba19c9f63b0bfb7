// Command stdlib writes a heap profile (and an allocs profile) of a program
// that exercises many standard-library packages, so that stacks are deep and
// contain inlined frames from both the standard library and this program.
//
// Usage: stdlib HEAP_OUT [ALLOCS_OUT]
//
// HEAP_OUT is written with pprof.Lookup("heap"), ALLOCS_OUT (optional) with
// pprof.Lookup("allocs"), both after runtime.GC(). The two contain the same
// samples; the allocs profile carries default_sample_type = alloc_space.
//
// Packages exercised: encoding/json, regexp, text/template, compress/gzip,
// net/http (server and client on 127.0.0.1), strings.Builder, bytes.Buffer,
// sort. Part of every result is retained in globals so inuse is non-empty.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"time"
)

// Retained results (kept reachable until the profile is written).
var (
	keptRecords   []Record
	keptDecoded   []map[string]interface{}
	keptMatches   [][]string
	keptRendered  []string
	keptGzipped   [][]byte
	keptBodies    [][]byte
	keptReport    string
	keptSorted    []string
	keptBufReport []byte
)

type Record struct {
	ID      int               `json:"id"`
	Name    string            `json:"name"`
	Email   string            `json:"email"`
	Tags    []string          `json:"tags"`
	Score   float64           `json:"score"`
	Attrs   map[string]string `json:"attrs"`
	Created time.Time         `json:"created"`
}

// recordName is small and gets inlined into makeRecords.
func recordName(i int) string {
	return "user-" + strconv.Itoa(i)
}

//go:noinline
func makeRecords(n int) []Record {
	out := make([]Record, 0, n)
	base := time.Date(2023, 1, 2, 3, 4, 5, 0, time.UTC)
	for i := 0; i < n; i++ {
		name := recordName(i)
		out = append(out, Record{
			ID:      i,
			Name:    name,
			Email:   name + "@example.com",
			Tags:    []string{"t" + strconv.Itoa(i%7), "group-" + strconv.Itoa(i%13)},
			Score:   float64(i) * 1.25,
			Attrs:   map[string]string{"k": strconv.Itoa(i), "shard": strconv.Itoa(i % 4)},
			Created: base.Add(time.Duration(i) * time.Minute),
		})
	}
	return out
}

//go:noinline
func jsonRoundTrip(recs []Record) ([]byte, []map[string]interface{}) {
	data, err := json.Marshal(recs)
	if err != nil {
		panic(err)
	}
	var decoded []map[string]interface{}
	if err := json.Unmarshal(data, &decoded); err != nil {
		panic(err)
	}
	return data, decoded
}

var (
	emailRE = regexp.MustCompile(`[a-z]+-(\d+)@example\.com`)
	tagRE   = regexp.MustCompile(`"(t\d|group-\d+)"`)
)

//go:noinline
func regexpScan(text string) [][]string {
	var out [][]string
	out = append(out, emailRE.FindAllString(text, 400))
	for _, m := range tagRE.FindAllStringSubmatch(text, 400) {
		out = append(out, m)
	}
	replaced := emailRE.ReplaceAllString(text[:len(text)/4], "<user $1>")
	out = append(out, []string{replaced})
	return out
}

const reportTmpl = `{{range .}}#{{.ID}} {{.Name | printf "%-12s"}} <{{.Email}}> score={{printf "%.2f" .Score}}{{range .Tags}} [{{.}}]{{end}}
{{end}}`

//go:noinline
func renderTemplate(recs []Record) string {
	t := template.Must(template.New("report").Parse(reportTmpl))
	var buf bytes.Buffer
	if err := t.Execute(&buf, recs); err != nil {
		panic(err)
	}
	return buf.String()
}

//go:noinline
func gzipRoundTrip(data []byte) ([]byte, []byte) {
	var zbuf bytes.Buffer
	zw := gzip.NewWriter(&zbuf)
	if _, err := zw.Write(data); err != nil {
		panic(err)
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	compressed := append([]byte(nil), zbuf.Bytes()...)
	zr, err := gzip.NewReader(bytes.NewReader(compressed))
	if err != nil {
		panic(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		panic(err)
	}
	return compressed, plain
}

// apiHandler serves JSON built from a slice of records.
func apiHandler(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.URL.Query().Get("n"))
	if n <= 0 {
		n = 10
	}
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(makeRecords(n)); err != nil {
		http.Error(w, err.Error(), 500)
	}
}

//go:noinline
func httpRoundTrips(count int) [][]byte {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/records", apiHandler)
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	defer srv.Close()

	client := &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()
	url := "http://" + ln.Addr().String() + "/api/records?n="
	var bodies [][]byte
	for i := 0; i < count; i++ {
		resp, err := client.Get(url + strconv.Itoa(20+i%30))
		if err != nil {
			panic(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			panic(err)
		}
		if i%4 == 0 {
			bodies = append(bodies, body)
		}
	}
	return bodies
}

// line is a tiny helper that gets inlined into buildReport.
func line(sb *strings.Builder, k, v string) {
	sb.WriteString(k + ": " + v + "\n")
}

//go:noinline
func buildReport(recs []Record) string {
	var sb strings.Builder
	for _, r := range recs {
		line(&sb, r.Name, r.Email)
	}
	return sb.String()
}

//go:noinline
func bufferReport(recs []Record) []byte {
	var buf bytes.Buffer
	for _, r := range recs {
		fmt.Fprintf(&buf, "%d\t%s\t%s\t%v\n", r.ID, r.Name, r.Email, r.Tags)
	}
	return buf.Bytes()
}

//go:noinline
func sortRecords(recs []Record) []string {
	cp := append([]Record(nil), recs...)
	sort.Slice(cp, func(i, j int) bool {
		if cp[i].Tags[1] != cp[j].Tags[1] {
			return cp[i].Tags[1] < cp[j].Tags[1]
		}
		return cp[i].Email > cp[j].Email
	})
	names := make([]string, 0, len(cp))
	for _, r := range cp {
		names = append(names, strings.ToUpper(r.Name))
	}
	sort.Strings(names)
	return names
}

func writeProfile(name, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup(name).WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// warmUp is a throwaway allocation; see initProfiling.
var warmUp []byte

// initProfiling sets runtime.MemProfileRate so that every later allocation is
// sampled at the new rate. Setting the variable alone is not enough: each P's
// allocation cache keeps the next sampling point it drew at start-up with the
// default rate (512 KiB), so a large allocation made soon after could go
// unsampled. Running on a single P and making one big allocation (which is
// sampled and redraws the next sampling point at the new rate) fixes that.
// The warm-up shows up in alloc_* as main.initProfiling, with inuse 0.
//
//go:noinline
func initProfiling(rate int) {
	runtime.MemProfileRate = rate
	runtime.GOMAXPROCS(1)
	warmUp = make([]byte, 4<<20)
	warmUp = nil
}

func main() {
	initProfiling(512)

	if len(os.Args) < 2 || len(os.Args) > 3 {
		fmt.Fprintln(os.Stderr, "usage: stdlib HEAP_OUT [ALLOCS_OUT]")
		os.Exit(2)
	}

	for round := 0; round < 3; round++ {
		recs := makeRecords(1500)
		data, decoded := jsonRoundTrip(recs)
		matches := regexpScan(string(data))
		rendered := renderTemplate(recs)
		compressed, _ := gzipRoundTrip([]byte(rendered))
		report := buildReport(recs)
		bufRep := bufferReport(recs)
		sorted := sortRecords(recs)

		keptRecords = append(keptRecords, recs[:300]...)
		keptDecoded = append(keptDecoded, decoded[:200]...)
		keptMatches = append(keptMatches, matches...)
		keptRendered = append(keptRendered, rendered)
		keptGzipped = append(keptGzipped, compressed)
		keptReport = report
		keptBufReport = bufRep
		keptSorted = sorted
	}
	keptBodies = httpRoundTrips(60)

	runtime.GC()
	if err := writeProfile("heap", os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if len(os.Args) == 3 {
		if err := writeProfile("allocs", os.Args[2]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	runtime.KeepAlive(keptRecords)
	runtime.KeepAlive(keptDecoded)
	runtime.KeepAlive(keptMatches)
	runtime.KeepAlive(keptRendered)
	runtime.KeepAlive(keptGzipped)
	runtime.KeepAlive(keptBodies)
	runtime.KeepAlive(keptReport)
	runtime.KeepAlive(keptSorted)
	runtime.KeepAlive(keptBufReport)
}
