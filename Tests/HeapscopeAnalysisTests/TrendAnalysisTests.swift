import Testing
@testable import HeapscopeAnalysis
