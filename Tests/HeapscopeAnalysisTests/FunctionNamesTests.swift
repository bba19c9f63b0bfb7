import Testing

@testable import HeapscopeAnalysis

/// ShortenFunctionName: expected values produced by pprof's own Go regexps
/// (a copy of graph.ShortenFunctionName run on these inputs).
@Suite("Function names in graph labels")
struct FunctionNamesTests {
    @Test(arguments: [
        ("main.foo", "main.foo"),
        ("net/http.(*conn).serve", "http.(*conn).serve"),
        (
            "github.com/blah/blah/vendor/gopkg.in/redis.v3.(*baseClient).(github.com/blah/blah/vendor/gopkg.in/redis.v3.process)-fm",
            "redis.v3.(*baseClient).(github.com/blah/blah/vendor/gopkg.in/redis.v3.process)-fm"
        ),
        ("github.com/foo/bar/v4.(*Foo).Bar", "bar.(*Foo).Bar"),
        ("github.com/foo/bar/v4/baz.Foo.Bar", "baz.Foo.Bar"),
        ("github.com/foo/bar/v123.(*Foo).Bar", "bar.(*Foo).Bar"),
        ("github.com/foobar/v0.(*Foo).Bar", "v0.(*Foo).Bar"),
        ("github.com/foobar/v1.(*Foo).Bar", "v1.(*Foo).Bar"),
        ("example.org/v2xyz.Foo", "v2xyz.Foo"),
        ("github.com/foo/bar/v4/v4.(*Foo).Bar", "v4.(*Foo).Bar"),
        ("github.com/foo/bar/v4/foo/bar/v4.(*Foo).Bar", "v4.(*Foo).Bar"),
        ("java.util.concurrent.ThreadPoolExecutor$Worker.run", "ThreadPoolExecutor$Worker.run"),
        ("java.lang.Thread.run(Thread.java:748)", "Thread.run"),
        (
            "java.util.concurrent.ThreadPoolExecutor.runWorker(java.util.concurrent.ThreadPoolExecutor$Worker)",
            "ThreadPoolExecutor.runWorker"
        ),
        ("com.google.myproduct.server.ProductServer$1.run", "ProductServer$1.run"),
        ("com.google.SomeClass.<init>", "SomeClass.<init>"),
        ("(anonymous namespace)::Bar::Foo", "Bar::Foo"),
        ("(anonymous namespace)::foo", "foo"),
        ("cpp::namespace::Class::method()::$_100::operator()", "Class::method"),
        ("foo_bar::Foo::bar", "Foo::bar"),
        ("cpp::namespace::Class::method<long long>", "Class::method<long long>"),
        ("std::__1::deque<string>::push_back", "std::__1::deque<string>::push_back"),
        ("foo::operator<<(std::ostream&, foo::Bar&)", "foo::operator<<(std::ostream&, foo::Bar&)"),
        ("a::B::c", "B::c"),
        ("main.new\nline/x/v2.y", "main.new\nline/x/v2.y"),
        ("ünï/cødé.f", "ünï/cødé.f"),
        ("x/y.\n/z", "y."),
        ("Java.Lang.X", "Java.Lang.X"),
        ("github.com/evil/v2/pkg\"x.(*T).M", "pkg\"x.(*T).M"),
    ])
    func shortens(_ input: String, _ expected: String) {
        #expect(FunctionNames.shorten(input) == expected)
    }

    @Test func labelLinesSplitAtDotsAndKeepGenericEllipsis() {
        let info = NodeInfo(name: "example.com/pkg.Map[...].Get")
        #expect(info.multilineComponents == ["pkg", "Map[…]", "Get"])
        let line = NodeInfo(name: "a::B::c", file: "/src/x/f.cc", lineNumber: 12)
        #expect(line.multilineComponents == ["B", "c", "f.cc:12"])
        #expect(NodeInfo(objfile: "/bin/server").multilineComponents == ["[server]"])
        #expect(NodeInfo().multilineComponents == ["<unknown>"])
    }
}
