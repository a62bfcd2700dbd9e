/// The `noise` object of the configuration file, also written into every comparison's JSON.
/// Decoding refuses what the file refuses; encoding writes what decodes to an equal value.
extension NoiseSettings: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case alpha, confidence, resamples, minimumEffect, seed, requiredForAlerts, paired
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.configurationObject(CodingKeys.self)
        self.init()
        if container.contains(.alpha) {
            alpha = try container.openFraction(.alpha)
        }
        if container.contains(.confidence) {
            confidence = try container.openFraction(.confidence)
        }
        if container.contains(.minimumEffect) {
            minimumEffect = try container.threshold(.minimumEffect, ThresholdText.relativeChange)
        }
        if container.contains(.resamples) {
            resamples = try container.count(.resamples, in: 100...1_000_000)
        }
        if container.contains(.seed) {
            seed = try container.wholeNumber(.seed)
        }
        if container.contains(.requiredForAlerts) {
            requiredForAlerts = try container.flag(.requiredForAlerts)
        }
        if container.contains(.paired) {
            paired = try container.flag(.paired)
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(alpha, forKey: .alpha)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(resamples, forKey: .resamples)
        try container.encode(relativeChange: minimumEffect, forKey: .minimumEffect)
        try container.encode(seed, forKey: .seed)
        try container.encode(requiredForAlerts, forKey: .requiredForAlerts)
        // Written only when on, so that every comparison made before it existed encodes as it did.
        if paired { try container.encode(paired, forKey: .paired) }
    }
}
