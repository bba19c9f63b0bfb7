import Testing

@testable import HeapscopeProfile

@Suite("FunctionNameSimplifier and RawBytes")
struct NameRuleUnitTests {
    // Expected values are what go tool pprof printed for the same names
    // (Fixtures/golden/names-top.txt).
    @Test(arguments: [
        ("std::vector<int, std::allocator<int> >::push_back(int const&)", "std::vector::push_back"),
        ("Foo::Bar(int) const", "Foo::Bar const"),
        ("ns::Outer<ns::Inner<char> >::method()", "ns::Outer::method"),
        ("unbalanced::f(int))", "unbalanced::f)"),
        ("java.util.HashMap.<init>", "java.util.HashMap.<init>"),
        ("main.(*List[go.shape.int_0]).Push", "main.(*List[go.shape.int_0]).Push"),
        ("main.Map[go.shape.func(int) string]", "main.Map[go.shape.func string]"),
        ("main.Keys[go.shape.struct { X int }]", "main.Keys[go.shape.struct { X int }]"),
        ("main.(*T).Method", "main.(*T).Method"),
        ("(anonymous namespace)::f(int)", "::f"),
    ])
    func simplified(_ input: String, _ expected: String) {
        #expect(FunctionNameSimplifier.simplified(input) == expected)
    }

    @Test func onlyUndemangledFunctions() {
        var profile = Profile()
        var cache: [String: Int32] = [:]
        profile.appendFunction(id: 1, name: "", systemName: "Only::system(int)", cache: &cache)
        profile.appendFunction(id: 2, name: "Kept(int)", systemName: "_ZN4KeptEi", cache: &cache)
        profile.appendFunction(id: 3, name: "Same::name(int)", systemName: "Same::name(int)", cache: &cache)
        FunctionNameSimplifier.apply(to: &profile)
        #expect(profile.functions.map(profile.name) == ["Only::system", "Kept(int)", "Same::name"])
    }

    @Test(
        "invalid UTF-8 survives decoding and writing",
        arguments: [
            [0x61, 0xFF, 0x62], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x98, 0x80, 0x80], Array("plain".utf8),
        ] as [[UInt8]])
    func rawBytesRoundTrip(_ bytes: [UInt8]) {
        #expect(RawBytes.bytes(RawBytes.string(bytes)) == bytes)
    }
}
