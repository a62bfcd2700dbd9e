/// Strings: escapes, UTF-8 and the text of a key. A key's text is what a decoder sees after
/// unescaping, so that `"a"` and `"\u0061"` are one key. What no `String` can hold without
/// changing it — bytes that are not UTF-8, a lone UTF-16 surrogate escape — is refused, since a
/// reader would replace it with U+FFFD and two different keys could then read as one.
extension JSONScanner {
    /// Reads the string at `position` (its opening quote); returns its text when `keepingText`.
    mutating func string(keepingText: Bool) throws(JSONDocumentProblem) -> String {
        position += 1
        let start = position
        // The unescaped text so far, once an escape was met; until then the bytes are the text.
        var unescaped: [UInt8]?
        while true {
            guard position < bytes.count else { throw invalid("the text ends inside a string") }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                let text: String
                if !keepingText {
                    text = ""
                } else if let unescaped {
                    text = String(decoding: unescaped, as: UTF8.self)
                } else {
                    text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                }
                position += 1
                return text
            case UInt8(ascii: "\\"):
                if keepingText, unescaped == nil { unescaped = Array(bytes[start..<position]) }
                let scalar = try escape()
                if keepingText { unescaped?.append(contentsOf: String(scalar).utf8) }
            case 0..<0x20:
                throw invalid("a string holds a control character that is not escaped")
            case 0x80...:
                let length = try utf8Sequence()
                if keepingText, unescaped != nil { unescaped?.append(contentsOf: bytes[position..<position + length]) }
                position += length
            default:
                if keepingText, unescaped != nil { unescaped?.append(byte) }
                position += 1
            }
        }
    }

    /// Reads the escape at `position` (its backslash) and returns the character it stands for.
    private mutating func escape() throws(JSONDocumentProblem) -> Unicode.Scalar {
        guard position + 1 < bytes.count else { throw invalid("the text ends inside a string") }
        let letter = bytes[position + 1]
        let simple: Unicode.Scalar? =
            switch letter {
            case UInt8(ascii: "\""): "\""
            case UInt8(ascii: "\\"): "\\"
            case UInt8(ascii: "/"): "/"
            case UInt8(ascii: "b"): "\u{08}"
            case UInt8(ascii: "f"): "\u{0C}"
            case UInt8(ascii: "n"): "\n"
            case UInt8(ascii: "r"): "\r"
            case UInt8(ascii: "t"): "\t"
            default: nil
            }
        if let simple {
            position += 2
            return simple
        }
        guard letter == UInt8(ascii: "u") else { throw invalid("a string holds an escape that JSON does not have") }
        let unit = try hexUnit(at: position + 2)
        position += 6
        switch unit {
        case 0xD800...0xDBFF:
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                bytes[position + 1] == UInt8(ascii: "u")
            else { throw invalid("a string holds a UTF-16 high surrogate escape without its low surrogate") }
            let low = try hexUnit(at: position + 2)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw invalid("a string holds a UTF-16 high surrogate escape without its low surrogate")
            }
            position += 6
            let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            return Unicode.Scalar(value) ?? "\u{FFFD}"
        case 0xDC00...0xDFFF:
            throw invalid("a string holds a UTF-16 low surrogate escape without its high surrogate")
        default:
            return Unicode.Scalar(unit) ?? "\u{FFFD}"
        }
    }

    /// The four hexadecimal digits at `index`.
    private func hexUnit(at index: Int) throws(JSONDocumentProblem) -> UInt16 {
        guard index + 4 <= bytes.count else { throw invalid("the text ends inside a \\u escape") }
        var unit: UInt16 = 0
        for offset in 0..<4 {
            let byte = bytes[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw invalid("a \\u escape needs four hexadecimal digits")
            }
            unit = unit << 4 | UInt16(digit)
        }
        return unit
    }

    /// The length of the well-formed UTF-8 sequence at `position` (Unicode's table 3-7: no
    /// overlong forms, no surrogates, nothing above U+10FFFF).
    private func utf8Sequence() throws(JSONDocumentProblem) -> Int {
        let lead = bytes[position]
        let length: Int
        var second: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            second = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            second = 0x80...0x9F
        case 0xF0:
            length = 4
            second = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            second = 0x80...0x8F
        default: throw invalid("a string holds bytes that are not UTF-8")
        }
        guard position + length <= bytes.count, second.contains(bytes[position + 1]),
            (2..<length).allSatisfy({ (0x80...0xBF).contains(bytes[position + $0]) })
        else { throw invalid("a string holds bytes that are not UTF-8") }
        return length
    }
}
