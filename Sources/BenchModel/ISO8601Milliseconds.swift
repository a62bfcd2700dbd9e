import Foundation

/// UTC times with milliseconds (`2026-01-31T02:00:00.123Z`), as the stores keep them: the time
/// format of every document sandbox-bench writes (decisions, baseline files).
package enum ISO8601Milliseconds {
    nonisolated(unsafe) private static let seconds: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }()
    // ISO8601DateFormatter is not documented as thread-safe.
    private static let lock = NSLock()

    /// The time rounded to the millisecond; the milliseconds are written by hand, because the
    /// formatter may truncate a time such as …0.1229999 to .122.
    package static func string(from date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (whole, fraction) = (milliseconds.quotientAndRemainder(dividingBy: 1000))
        let (second, millisecond) = fraction < 0 ? (whole - 1, fraction + 1000) : (whole, fraction)
        let text = lock.withLock { seconds.string(from: Date(timeIntervalSince1970: Double(second))) }
        return String(text.dropLast()) + String(format: ".%03lldZ", millisecond)
    }

    /// The time, to the millisecond, as the stores keep it: `Date(timeIntervalSince1970: ms / 1000)`.
    /// Read by ``ISO8601Date`` (strict; a day or an hour the calendar does not have is refused).
    package static func date(from text: String) -> Date? {
        guard let date = ISO8601Date.parse(text, requiringTime: true) else { return nil }
        return Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}

extension JSONEncoder.DateEncodingStrategy {
    /// Times as ``ISO8601Milliseconds`` text.
    package static var iso8601Milliseconds: Self {
        .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601Milliseconds.string(from: date))
        }
    }
}

extension JSONDecoder.DateDecodingStrategy {
    /// Times as ``ISO8601Milliseconds`` text; anything else is refused with the text found.
    package static var iso8601Milliseconds: Self {
        .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISO8601Milliseconds.date(from: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "\"\(text)\" is not a time such as 2026-01-31T02:00:00.000Z")
            }
            return date
        }
    }
}
