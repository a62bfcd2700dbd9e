import Regression
import Testing

/// Reference values from scipy 1.17.1:
/// `mannwhitneyu(x, y, alternative='two-sided', method=...)` (use_continuity=True).
@Suite struct MannWhitneyTestTests {
    struct Reference: Sendable, CustomTestStringConvertible {
        var name: String
        var first: [Double]
        var second: [Double]
        var method: MannWhitneyTest.Method
        var u: Double
        var p: Double
        var testDescription: String { name }
    }

    static let twentyFirst = [
        0.307, 0.311, 0.322, 0.34, 0.344, 0.355, 0.373, 0.377, 0.388, 0.406,
        0.41, 0.421, 0.439, 0.443, 0.454, 0.472, 0.476, 0.487, 0.505, 0.509,
    ]
    static let twentySecond = [
        0.339, 0.3463, 0.3576, 0.3689, 0.3842, 0.3915, 0.4028, 0.4141, 0.4294, 0.4367,
        0.448, 0.4593, 0.4746, 0.4819, 0.4932, 0.5045, 0.5198, 0.5271, 0.5384, 0.5497,
    ]
    static let interleavedFirst = [0.412, 0.398, 0.431, 0.405, 0.421, 0.417]
    static let interleavedSecond = [0.512, 0.401, 0.498, 0.53, 0.415, 0.466, 0.489, 0.444]
    static let separatedFirst = [1.1, 2.2, 3.3, 4.4, 5.5]
    static let separatedSecond = [6.6, 7.7, 8.8, 9.9, 10.1]

    static let references: [Reference] = [
        Reference(
            name: "fully separated, exact", first: separatedFirst, second: separatedSecond, method: .exact,
            u: 0, p: 0.007936507936507936),
        Reference(
            name: "interleaved 6 vs 8, exact", first: interleavedFirst, second: interleavedSecond, method: .exact,
            u: 8, p: 0.042624042624042624),
        Reference(
            name: "one baseline sample, exact", first: [0.5], second: [0.61, 0.42, 0.55, 0.73, 0.66], method: .exact,
            u: 1, p: 0.6666666666666666),
        Reference(
            name: "U in the middle, exact, p clipped to 1", first: [3, 1, 5], second: [2, 4, 6, 0.5], method: .exact,
            u: 6, p: 1),
        Reference(
            name: "20 vs 20, exact", first: twentyFirst, second: twentySecond, method: .exact,
            u: 141, p: 0.11425448053585593),
        Reference(
            name: "ties, asymptotic", first: [0, 0, 1, 0, 2, 0], second: [1, 1, 0, 2, 3, 1, 0], method: .asymptotic,
            u: 13, p: 0.25166879088100313),
        Reference(
            name: "25 vs 30, asymptotic",
            first: [
                0.4, 0.4698, 0.4396, 0.4094, 0.4792, 0.4491, 0.4189, 0.4887, 0.4585, 0.4283, 0.4981, 0.4679, 0.4377,
                0.4075, 0.4774, 0.4472, 0.417, 0.4868, 0.4566, 0.4264, 0.4962, 0.466, 0.4358, 0.4057, 0.4755,
            ],
            second: [
                0.42, 0.4895, 0.459, 0.4285, 0.498, 0.4675, 0.4369, 0.5064, 0.4759, 0.4454, 0.5149, 0.4844, 0.4539,
                0.4234, 0.4929, 0.4624, 0.4319, 0.5014, 0.4708, 0.4403, 0.5098, 0.4793, 0.4488, 0.5183, 0.4878,
                0.4573, 0.4268, 0.4963, 0.4658, 0.4353,
            ],
            method: .asymptotic, u: 256, p: 0.04517561581884573),
        Reference(name: "all equal, asymptotic", first: [1, 1, 1], second: [1, 1], method: .asymptotic, u: 3, p: 1),
        Reference(
            name: "20 vs 20 forced asymptotic", first: twentyFirst, second: twentySecond, method: .asymptotic,
            u: 141, p: 0.11355139298344043),
        Reference(
            name: "separated forced asymptotic", first: separatedFirst, second: separatedSecond, method: .asymptotic,
            u: 0, p: 0.012185780355344813),
        Reference(
            name: "interleaved forced asymptotic", first: interleavedFirst, second: interleavedSecond,
            method: .asymptotic, u: 8, p: 0.045387929038794385),
    ]

    @Test(arguments: references)
    func matchesScipy(_ reference: Reference) throws {
        let test = try #require(MannWhitneyTest(reference.first, reference.second, method: reference.method))
        #expect(test.method == reference.method)
        #expect(test.u == reference.u)
        #expect(abs(test.pValue - reference.p) < 1e-12, "p = \(test.pValue), scipy \(reference.p)")
    }

    @Test func automaticChoiceIsExactForSmallUntiedSamplesOnly() throws {
        #expect(try #require(MannWhitneyTest(Self.twentyFirst, Self.twentySecond)).method == .exact)
        #expect(try #require(MannWhitneyTest(Self.twentyFirst + [0.6], Self.twentySecond)).method == .asymptotic)
        #expect(try #require(MannWhitneyTest([0, 0, 1], [1, 2, 3])).method == .asymptotic)
    }

    @Test func exactOnTiedDataFallsBackToTheApproximation() throws {
        let test = try #require(MannWhitneyTest([0, 0, 1, 0, 2, 0], [1, 1, 0, 2, 3, 1, 0], method: .exact))
        #expect(test.method == .asymptotic)
        #expect(abs(test.pValue - 0.25166879088100313) < 1e-12)
    }

    @Test func swappingTheSamplesKeepsThePValueAndMirrorsU() throws {
        let forward = try #require(MannWhitneyTest(Self.interleavedFirst, Self.interleavedSecond))
        let backward = try #require(MannWhitneyTest(Self.interleavedSecond, Self.interleavedFirst))
        #expect(backward.u == Double(6 * 8) - forward.u)
        #expect(abs(backward.pValue - forward.pValue) < 1e-15)
    }

    @Test func emptySideHasNoTest() {
        #expect(MannWhitneyTest([], [1, 2]) == nil)
        #expect(MannWhitneyTest([1], []) == nil)
    }

    @Test func singleSamplesOnBothSidesAreNeverSignificant() throws {
        let test = try #require(MannWhitneyTest([0.4], [4.0]))
        #expect(test.pValue == 1)
    }
}
