/// Where "more than" starts. A limit of 20 % must not fire on (1.2 − 1.0) / 1.0, which is
/// 0.19999999999999996 in binary floating point, nor on 0.20000000000000004 from another pair
/// of values: a value counts as beyond its limit only when it passes the limit by more than
/// one part in a billion (relative to the limit, or absolute for limits below 1).
/// 20.1 % is beyond 20 %; 20.0000001 % is not.
package enum BoundaryTolerance {
    package static let epsilon = 1e-9

    package static func isAbove(_ value: Double, limit: Double) -> Bool {
        value > limit + margin(limit)
    }

    package static func isBelow(_ value: Double, limit: Double) -> Bool {
        value < limit - margin(limit)
    }

    private static func margin(_ limit: Double) -> Double {
        epsilon * max(1, abs(limit))
    }
}
