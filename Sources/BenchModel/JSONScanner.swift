/// The pass behind ``StrictJSON``: walks a document's bytes once, by RFC 8259's grammar, with an
/// explicit stack of open objects and arrays, and remembers each open object's keys. The first
/// duplicate is kept while the scan goes on, so that a document that is not JSON at all is
/// reported as such rather than for a duplicate in its first half.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    /// Open objects and arrays, outermost first; `frames[depth...]` are kept for reuse.
    private var frames: [Frame] = []
    private var depth = 0
    private var firstDuplicate: JSONDocumentProblem?

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// An open object (its keys so far, the one whose value is being read) or array (the index).
    private struct Frame {
        var isObject = false
        var key = ""
        var index = 0
        /// The keys while there are few: a linear search beats hashing for the usual handful.
        var fewKeys: [String] = []
        var manyKeys: Set<String> = []

        mutating func reset(isObject: Bool) {
            self.isObject = isObject
            key = ""
            index = 0
            fewKeys.removeAll(keepingCapacity: true)
            if !manyKeys.isEmpty { manyKeys.removeAll() }
        }

        /// Adds `key`; returns the key already there that `String` equality takes for the same one.
        mutating func insert(_ key: String) -> String? {
            if manyKeys.isEmpty {
                if let existing = fewKeys.first(where: { $0 == key }) { return existing }
                fewKeys.append(key)
                if fewKeys.count > 16 { manyKeys = Set(fewKeys) }
                return nil
            }
            let (inserted, existing) = manyKeys.insert(key)
            return inserted ? nil : existing
        }
    }

    mutating func run() -> Result<StrictJSON.Kind, JSONDocumentProblem> {
        do throws(JSONDocumentProblem) {
            let kind = try document()
            if let firstDuplicate { return .failure(firstDuplicate) }
            return .success(kind)
        } catch {
            return .failure(error)
        }
    }

    private mutating func document() throws(JSONDocumentProblem) -> StrictJSON.Kind {
        if bytes.count >= 2,
            bytes[0] == 0 || bytes[1] == 0 || (bytes[0] == 0xFF && bytes[1] == 0xFE)
                || (bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            throw invalid("the text is UTF-16 or UTF-32, and JSON must be UTF-8")
        }
        // RFC 8259 lets a reader ignore a byte order mark, as Foundation does.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        skipWhitespace()
        let kind = try topLevelKind()
        values: while true {
            // A value that opens a non-empty object or array needs its first member's value next.
            if try value() { continue values }
            // After a value: close what ends here, or go on to the next member or element.
            while true {
                skipWhitespace()
                guard depth > 0 else { break values }
                guard position < bytes.count else { throw invalid("the text ends inside an object or array") }
                let byte = bytes[position]
                position += 1
                if frames[depth - 1].isObject {
                    if byte == UInt8(ascii: ",") {
                        try key()
                        continue values
                    }
                    if byte == UInt8(ascii: "}") {
                        depth -= 1
                        continue
                    }
                    position -= 1
                    throw invalid("expected , or } after a member of an object")
                }
                if byte == UInt8(ascii: ",") {
                    frames[depth - 1].index += 1
                    continue values
                }
                if byte == UInt8(ascii: "]") {
                    depth -= 1
                    continue
                }
                position -= 1
                throw invalid("expected , or ] after an element of an array")
            }
        }
        guard position == bytes.count else { throw invalid("there is more text after the end of the document") }
        return kind
    }

    private func topLevelKind() throws(JSONDocumentProblem) -> StrictJSON.Kind {
        guard position < bytes.count else { throw invalid("the document is empty") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .boolean
        case UInt8(ascii: "n"): return .null
        default: return .number
        }
    }

    /// Reads one value. An object or array that is not empty is opened (an object's first key
    /// read) and left open: true, and the caller reads its first value next.
    private mutating func value() throws(JSONDocumentProblem) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw invalid("the text ends where a value should be") }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            try open(isObject: true)
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                depth -= 1
                return false
            }
            try key()
            return true
        case UInt8(ascii: "["):
            try open(isObject: false)
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                depth -= 1
                return false
            }
            return true
        case UInt8(ascii: "\""):
            _ = try string(keepingText: false)
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw invalid("expected a value (an object, array, string, number, true, false or null)")
        }
        return false
    }

    private mutating func open(isObject: Bool) throws(JSONDocumentProblem) {
        guard depth < StrictJSON.maximumDepth else {
            throw invalid("objects and arrays are nested more than \(StrictJSON.maximumDepth) deep")
        }
        position += 1
        if depth == frames.count { frames.append(Frame()) }
        frames[depth].reset(isObject: isObject)
        depth += 1
    }

    /// Reads `"key" :` of the innermost object, and remembers the key.
    private mutating func key() throws(JSONDocumentProblem) {
        skipWhitespace()
        guard position < bytes.count else { throw invalid("the text ends inside an object or array") }
        guard bytes[position] == UInt8(ascii: "\"") else { throw invalid("expected a key in double quotes") }
        let key = try string(keepingText: true)
        let frame = depth - 1
        frames[frame].key = key
        if let existing = frames[frame].insert(key), firstDuplicate == nil {
            let path = StrictJSON.path(currentPath())
            firstDuplicate =
                existing.unicodeScalars.elementsEqual(key.unicodeScalars)
                ? .duplicateKey(path: path) : .equivalentKeys(path: path, first: existing, second: key)
        }
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
            throw invalid("expected : after a key")
        }
        position += 1
    }

    private func currentPath() -> [StrictJSON.PathComponent] {
        frames[0..<depth].map { $0.isObject ? .key($0.key) : .index($0.index) }
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONDocumentProblem) {
        let count = word.utf8CodeUnitCount
        guard bytes.count - position >= count,
            (0..<count).allSatisfy({ bytes[position + $0] == word.utf8Start[$0] })
        else {
            throw invalid("expected a value (an object, array, string, number, true, false or null)")
        }
        position += count
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func number() throws(JSONDocumentProblem) {
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw invalid("a number needs a digit") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) { throw invalid("a number has a leading zero") }
        } else {
            skipDigits()
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw invalid("a number needs a digit after its decimal point")
            }
            skipDigits()
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw invalid("a number needs a digit in its exponent")
            }
            skipDigits()
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }

    /// The problem at the current position, with its line and column.
    func invalid(_ reason: String) -> JSONDocumentProblem {
        var line = 1
        var lineStart = 0
        let end = min(position, bytes.count)
        for index in 0..<end where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return .invalid(reason: reason, line: line, column: end - lineStart + 1)
    }
}
