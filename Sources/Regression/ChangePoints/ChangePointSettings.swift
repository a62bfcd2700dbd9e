/// How the change-point detector (`ChangePointDetector`) reads a metric's history: the
/// `changePoints` object of the configuration file.
package struct ChangePointSettings: Sendable, Hashable {
    /// Values per E-divisive window (Otava's `window_len`); windows overlap by half. The longest
    /// window: a history shorter than two of them is read in windows of half its length.
    package var window: Int
    /// A change point stands only when the t-test between its neighbouring segments has p below
    /// this (Otava's `max_pvalue`).
    package var maxPValue: Double
    /// ... and when its level changed by more than this fraction (Otava's `min_magnitude`).
    package var minimumMagnitude: Double
    /// ... and when both levels last at least this many runs: one bad night is not a shift.
    package var minimumRuns: Int

    package init(window: Int = 50, maxPValue: Double = 0.001, minimumMagnitude: Double = 0.05, minimumRuns: Int = 3) {
        self.window = window
        self.maxPValue = maxPValue
        self.minimumMagnitude = minimumMagnitude
        self.minimumRuns = minimumRuns
    }
}

/// The `changePoints` object of the configuration file; decoding refuses what the file refuses.
extension ChangePointSettings: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case window, maxPValue, minimumMagnitude, minimumRuns
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.configurationObject(CodingKeys.self)
        self.init()
        if container.contains(.window) {
            window = try container.count(.window, in: 4...10_000)
        }
        if container.contains(.maxPValue) {
            maxPValue = try container.openFraction(.maxPValue)
        }
        if container.contains(.minimumMagnitude) {
            minimumMagnitude = try container.threshold(.minimumMagnitude, ThresholdText.relativeChange)
        }
        if container.contains(.minimumRuns) {
            minimumRuns = try container.count(.minimumRuns, in: 1...1_000)
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(window, forKey: .window)
        try container.encode(maxPValue, forKey: .maxPValue)
        try container.encode(relativeChange: minimumMagnitude, forKey: .minimumMagnitude)
        try container.encode(minimumRuns, forKey: .minimumRuns)
    }
}
