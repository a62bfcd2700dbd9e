import Foundation

/// Any key of a configuration object or index of an array: lists the keys an object really
/// has, and names a place that no `CodingKeys` case names.
struct ConfigurationKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(_ name: String) {
        self.stringValue = name
    }

    init(index: Int) {
        self.stringValue = "Index \(index)"
        self.intValue = index
    }

    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(index: intValue) }
}

/// Marks a `DecodingError` whose description is the configuration's own sentence, fit to show;
/// `RegressionInputError(decoding:document:)` shows no other decoder text.
struct ConfigurationRefusal: Error {}

extension DecodingError {
    /// A value the configuration refuses, at `codingPath`, with `reason` as the end of the sentence.
    static func refusal(_ reason: String, at codingPath: [any CodingKey]) -> DecodingError {
        .dataCorrupted(
            Context(codingPath: codingPath, debugDescription: reason, underlyingError: ConfigurationRefusal()))
    }

    var isRefusal: Bool {
        if case .dataCorrupted(let context) = self { return context.underlyingError is ConfigurationRefusal }
        return false
    }
}

extension Decoder {
    /// The object at this place, refusing keys that `Keys` does not list (a misspelt key must not
    /// silently leave a default in place). The error lists the known keys in `Keys`' order.
    func configurationObject<Keys: CodingKey & CaseIterable>(_: Keys.Type) throws -> KeyedDecodingContainer<Keys> {
        let present: KeyedDecodingContainer<ConfigurationKey>
        do {
            present = try container(keyedBy: ConfigurationKey.self)
        } catch {
            throw mismatch(expected: "an object")
        }
        let known = Keys.allCases.map(\.stringValue)
        if let unknown = present.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw DecodingError.refusal(
                "unknown key; the known keys here are \(known.joined(separator: ", ")).",
                at: codingPath + [ConfigurationKey(unknown)])
        }
        return try container(keyedBy: Keys.self)
    }

    func mismatch(expected: String) -> DecodingError {
        let found = (try? singleValueContainer().decode(JSONKind.self)) ?? .null
        return .refusal("expected \(expected), found \(found).", at: codingPath)
    }
}

/// Typed reads of configuration values. Each refuses a value with a sentence naming what it
/// expected and what it found; callers check `contains(_:)` first, so that an explicit `null`
/// is refused rather than taken for an absent key.
extension KeyedDecodingContainer {
    func refusal(_ reason: String, at key: Key) -> DecodingError {
        .refusal(reason, at: codingPath + [key])
    }

    func mismatch(_ key: Key, expected: String) -> DecodingError {
        let found = (try? decode(JSONKind.self, forKey: key)) ?? .null
        // A number JSON can write but a Double cannot hold (1e999, or 1e-400, which would read as 0)
        // is no mismatch of kind.
        if case .number = found, (try? decode(Double.self, forKey: key)) == nil {
            return refusal(
                "is a number too large, or too close to 0, to be read exactly; expected \(expected).", at: key)
        }
        return refusal("expected \(expected), found \(found).", at: key)
    }

    func string(_ key: Key) throws -> String {
        guard let text = try? decode(String.self, forKey: key) else { throw mismatch(key, expected: "a string") }
        return text
    }

    /// A name or title: surrounding white space is dropped, and nothing else must remain.
    func nonEmptyString(_ key: Key) throws -> String {
        let text = try string(key).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw refusal("is empty.", at: key) }
        return text
    }

    func flag(_ key: Key) throws -> Bool {
        guard let flag = try? decode(Bool.self, forKey: key) else { throw mismatch(key, expected: "true or false") }
        return flag
    }

    func wholeNumber(_ key: Key) throws -> UInt64 {
        guard let number = try? decode(UInt64.self, forKey: key) else {
            throw mismatch(key, expected: "a whole number, 0 or more")
        }
        return number
    }

    /// A count that must lie in `range`: "12 is not between 4 and 10000." otherwise.
    func count(_ key: Key, in range: ClosedRange<Int>) throws -> Int {
        let count = try wholeNumber(key)
        guard count <= UInt64(range.upperBound), range.contains(Int(count)) else {
            throw refusal("\(count) is not between \(range.lowerBound) and \(range.upperBound).", at: key)
        }
        return Int(count)
    }

    /// A threshold given as text ("20%") or as a JSON number (0.2), read by the same rules as the flags.
    func threshold(_ key: Key, _ read: (ThresholdText.Number) throws -> Double) throws -> Double {
        let shown: String
        let number: () throws -> ThresholdText.Number
        if let value = try? decode(Double.self, forKey: key) {
            shown = ThresholdText.Number.literal(value)
            number = { try ThresholdText.Number(json: value) }
        } else if let text = try? decode(String.self, forKey: key) {
            shown = "\"\(text)\""
            number = { try ThresholdText.parse(text) }
        } else {
            throw mismatch(key, expected: "a percentage such as \"20%\" or a fraction such as 0.2")
        }
        do {
            return try read(number())
        } catch let rejection as ThresholdText.Rejection {
            throw refusal("\(shown) \(rejection.reason)", at: key)
        }
    }

    /// A probability such as alpha or a confidence level: strictly between 0 and 1.
    func openFraction(_ key: Key) throws -> Double {
        let fraction = try threshold(key, ThresholdText.fraction)
        guard fraction > 0, fraction < 1 else {
            throw refusal("must be above 0 and below 1 (or 0% … 100%).", at: key)
        }
        return fraction
    }
}

extension KeyedEncodingContainer {
    /// A relative change as the configuration file writes it: a bare fraction below 1, otherwise
    /// a percentage ("150%"), because the file refuses a bare number of 1 or more as ambiguous.
    mutating func encode(relativeChange fraction: Double, forKey key: Key) throws {
        if fraction >= 1, fraction.isFinite {
            try encode(ThresholdText.percentage(fraction), forKey: key)
        } else {
            try encode(fraction, forKey: key)
        }
    }
}
