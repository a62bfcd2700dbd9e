import BenchModel
import Foundation

extension SandboxMatrix {
    /// The matrix as JSON (format `sandbox-bench.compare`, version 1): every figure as a number
    /// in its metric's unit (memory in KiB), null where it was not measured or not reported.
    package func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601Milliseconds.string(from: date))
        }
        let data = try encoder.encode(Document(self))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    struct Document: Encodable {
        var format = "sandbox-bench.compare"
        var version = 1
        var testbed: String
        var suite: String
        var startedAt: Date
        var seconds: Double
        var rows: [RowDocument]
        var columns: [ColumnDocument]

        enum CodingKeys: String, CodingKey {
            case format, version, testbed, suite, seconds, rows, columns
            case startedAt = "started_at"
        }

        init(_ matrix: SandboxMatrix) {
            testbed = matrix.testbed
            suite = matrix.suite
            startedAt = matrix.startedAt
            seconds = matrix.seconds
            rows = Row.allCases.map { RowDocument(key: $0.rawValue, title: $0.title, metric: $0.metric.id.rawValue) }
            columns = matrix.columns.map { column in
                let (lost, gained) = matrix.propertyDifferences(column)
                return ColumnDocument(
                    side: column.side, profile: column.source, runtime: column.runtime, runID: column.runID,
                    runUUID: column.runUUID.uuidString.lowercased(), status: column.status.rawValue,
                    figures: Dictionary(uniqueKeysWithValues: Row.allCases.map { ($0.rawValue, column.figures[$0]) }),
                    properties: Dictionary(
                        uniqueKeysWithValues: IsolationProperty.allCases.map { ($0.rawValue, column.properties[$0]) }),
                    propertiesLost: lost.map(\.rawValue), propertiesGained: gained.map(\.rawValue),
                    verdict: column.verdict.map { VerdictDocument(passed: $0.passed, alerts: $0.alerts) },
                    weakenings: column.weakenings)
            }
        }
    }

    struct RowDocument: Encodable {
        var key: String
        var title: String
        var metric: String
    }

    struct ColumnDocument: Encodable {
        var side: String
        var profile: String
        var runtime: String
        var runID: Int64
        var runUUID: String
        var status: String
        /// Null where not measured: encoded explicitly, so that a reader sees the key.
        var figures: [String: Double?]
        var properties: [String: Bool?]
        var propertiesLost: [String]
        var propertiesGained: [String]
        var verdict: VerdictDocument?
        /// How the profile gives up isolation, in words; empty when it does not.
        var weakenings: [String]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(side, forKey: Key("side"))
            try container.encode(profile, forKey: Key("profile"))
            try container.encode(runtime, forKey: Key("runtime"))
            try container.encode(runID, forKey: Key("run_id"))
            try container.encode(runUUID, forKey: Key("run_uuid"))
            try container.encode(status, forKey: Key("status"))
            var figureContainer = container.nestedContainer(keyedBy: Key.self, forKey: Key("figures"))
            for (key, value) in figures { try figureContainer.encode(value, forKey: Key(key)) }
            var propertyContainer = container.nestedContainer(keyedBy: Key.self, forKey: Key("properties"))
            for (key, value) in properties { try propertyContainer.encode(value, forKey: Key(key)) }
            try container.encode(propertiesLost, forKey: Key("properties_lost"))
            try container.encode(propertiesGained, forKey: Key("properties_gained"))
            try container.encode(verdict, forKey: Key("verdict"))
            try container.encode(weakenings, forKey: Key("weakenings"))
        }
    }

    struct VerdictDocument: Encodable {
        var passed: Bool
        var alerts: [String]
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
