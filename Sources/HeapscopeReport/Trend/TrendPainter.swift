import HeapscopeAnalysis

/// ANSI colours for the trend's text report, or none.
struct TrendPainter {
    let enabled: Bool

    func bold(_ text: String) -> String { wrap(text, "1") }

    func verdict(_ verdict: TrendVerdict, _ text: String) -> String {
        switch verdict {
        case .growing: return wrap(text, "31")
        case .shrinking: return wrap(text, "32")
        case .new: return wrap(text, "33")
        case .gone: return wrap(text, "36")
        case .fluctuating: return wrap(text, "35")
        case .plateau: return wrap(text, "34")
        case .stable: return text
        }
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
