// Command hostilehttp is a local HTTP server for heapscope's tests: one
// well-behaved profile endpoint and one endpoint per way a profile server
// can go wrong.
//
// Usage: hostilehttp -profile FILE [-addr 127.0.0.1:0] [-exit-after 5m]
//
// It prints "listening on HOST:PORT" on standard output, then serves:
//
//	/profile          FILE as application/octet-stream
//	/slow             FILE in two halves, 2 s apart (a capture to interrupt)
//	/auth             FILE only with "Authorization: Bearer s3cret", else 401
//	/delta            FILE only with the query seconds=5, else 400
//	/redirect-once    302 to /profile
//	/status/404       404 with Go's text body
//	/status/500       500
//	/html             200 with an HTML page
//	/text             200 with plain text
//	/hang             200, half of FILE, then nothing until the client gives up
//	/short            200 with Content-Length of FILE, half of it, then close
//	/bomb             200 with a gzip stream of zeros (up to 1 GiB inflated)
//	/redirect         302 to itself, forever
//	/flaky            404 on odd-numbered requests, FILE on even ones
//	/hook             records a POSTed body (an alert webhook); GET /hook/bodies
//	                  returns every recorded body, one per line
//	/hook-fail        500 for every POST, counted; GET /hook-fail/count
//
// Every handler stops when the client disconnects; the server exits on its
// own after -exit-after.
package main

import (
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address (loopback)")
	profilePath := flag.String("profile", "", "the profile to serve")
	exitAfter := flag.Duration("exit-after", 5*time.Minute, "exit on its own after this long")
	flag.Parse()
	profile, err := os.ReadFile(*profilePath)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	half := len(profile) / 2
	serveProfile := func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(profile)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/profile", func(w http.ResponseWriter, r *http.Request) { serveProfile(w) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(profile)))
		w.Write(profile[:half])
		w.(http.Flusher).Flush()
		select {
		case <-time.After(2 * time.Second):
			w.Write(profile[half:])
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/auth", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer s3cret" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		serveProfile(w)
	})
	mux.HandleFunc("/delta", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("seconds") != "5" {
			http.Error(w, "want seconds=5", http.StatusBadRequest)
			return
		}
		serveProfile(w)
	})
	mux.HandleFunc("/redirect-once", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/profile", http.StatusFound)
	})
	mux.HandleFunc("/status/404", http.NotFound)
	mux.HandleFunc("/status/500", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "internal error", http.StatusInternalServerError)
	})
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!DOCTYPE html>\n<html><head><title>Login</title></head><body>Please sign in</body></html>\n")
	})
	mux.HandleFunc("/text", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, "goroutine 1 [running]:\nmain.main()\n\t/app/main.go:12 +0x1d\n")
	})
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(profile)))
		w.Write(profile[:half])
		w.(http.Flusher).Flush()
		select {
		case <-time.After(time.Minute):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/short", func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", len(profile))
		buf.Write(profile[:half])
		buf.Flush()
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
		zeros := make([]byte, 1<<20)
		for i := 0; i < 1024; i++ {
			if _, err := zw.Write(zeros); err != nil || r.Context().Err() != nil {
				return
			}
		}
		zw.Close()
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/redirect", http.StatusFound)
	})
	var flakyCount int64
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		if atomic.AddInt64(&flakyCount, 1)%2 == 1 {
			http.NotFound(w, r)
			return
		}
		serveProfile(w)
	})

	var hookMu sync.Mutex
	var hookBodies []string
	var hookFailures int
	mux.HandleFunc("/hook", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		hookMu.Lock()
		hookBodies = append(hookBodies, strings.ReplaceAll(string(body), "\n", " "))
		hookMu.Unlock()
	})
	mux.HandleFunc("/hook/bodies", func(w http.ResponseWriter, r *http.Request) {
		hookMu.Lock()
		defer hookMu.Unlock()
		for _, body := range hookBodies {
			fmt.Fprintln(w, body)
		}
	})
	mux.HandleFunc("/hook-fail", func(w http.ResponseWriter, r *http.Request) {
		hookMu.Lock()
		hookFailures++
		hookMu.Unlock()
		http.Error(w, "hook down", http.StatusInternalServerError)
	})
	mux.HandleFunc("/hook-fail/count", func(w http.ResponseWriter, r *http.Request) {
		hookMu.Lock()
		defer hookMu.Unlock()
		fmt.Fprintln(w, hookFailures)
	})

	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("listening on %s\n", listener.Addr())
	time.AfterFunc(*exitAfter, func() { os.Exit(0) })
	server := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	if err := server.Serve(listener); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
