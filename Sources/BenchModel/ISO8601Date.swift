import Foundation

/// A date read strictly: `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`,
/// the fraction at most nine digits. Every date the tool reads — an option (`export --since`),
/// a document (a baseline file, a stored decision) — is read here. Foundation's ISO 8601
/// formatter accepts trailing text (`2026-12-01junk`), rolls an hour of 25 over into the next
/// day, and its ICU parser crashes (SIGFPE) on a fraction of a hundred digits.
package enum ISO8601Date {
    /// `requiringTime`: a document's time, never a bare day.
    package static func parse(_ text: String, requiringTime: Bool = false) -> Date? {
        let characters = Array(text.utf8)
        var reader = Reader(characters: characters)
        guard let year = reader.number(digits: 4), reader.skip("-"), let month = reader.number(digits: 2),
            reader.skip("-"),
            let day = reader.number(digits: 2)
        else { return nil }
        if requiringTime, reader.atEnd { return nil }
        var components = DateComponents(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
        var offsetSeconds = 0
        var fraction = 0.0
        if !reader.atEnd {
            guard reader.skip("T"), let hour = reader.number(digits: 2), reader.skip(":"),
                let minute = reader.number(digits: 2),
                reader.skip(":"), let second = reader.number(digits: 2)
            else { return nil }
            (components.hour, components.minute, components.second) = (hour, minute, second)
            if reader.skip(".") {
                guard let digits = reader.digits(), digits.count <= 9 else { return nil }
                fraction = Double("0." + digits) ?? 0
            }
            if reader.skip("Z") {
                offsetSeconds = 0
            } else if let sign = reader.sign(), let hours = reader.number(digits: 2), reader.skip(":"),
                let minutes = reader.number(digits: 2), hours <= 23, minutes <= 59
            {
                offsetSeconds = sign * (hours * 3600 + minutes * 60)
            } else {
                return nil
            }
            guard reader.atEnd else { return nil }
        }
        guard (1...12).contains(month), (0...23).contains(components.hour!), (0...59).contains(components.minute!),
            (0...59).contains(components.second!)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // A day the month does not have (February 30) would roll over; the round trip catches it.
        guard let date = calendar.date(from: components), calendar.component(.day, from: date) == day else {
            return nil
        }
        return date.addingTimeInterval(fraction - Double(offsetSeconds))
    }

    private struct Reader {
        let characters: [UInt8]
        var index = 0

        var atEnd: Bool { index == characters.count }

        mutating func skip(_ character: Character) -> Bool {
            guard !atEnd, characters[index] == character.asciiValue else { return false }
            index += 1
            return true
        }

        mutating func number(digits count: Int) -> Int? {
            guard index + count <= characters.count else { return nil }
            let slice = characters[index..<index + count]
            guard slice.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
            index += count
            return slice.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }

        mutating func digits() -> String? {
            let start = index
            while !atEnd, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(characters[index]) { index += 1 }
            return index > start ? String(decoding: characters[start..<index], as: UTF8.self) : nil
        }

        mutating func sign() -> Int? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }
    }
}
