import Foundation

/// The only JSON decoder of this tool: ``StrictJSON`` checks the document (valid JSON, no key
/// twice in one object), then Foundation's `JSONDecoder` decodes it. Foundation has no option to
/// refuse duplicate keys, so every decode goes through here — a test fails on any `JSONDecoder()`
/// or `JSONSerialization` elsewhere in the package, so that a new reader cannot forget the check.
///
/// A refused document throws ``JSONDocumentProblem``; each reader says which document it was and
/// what that means (bad input for a file the user named, a damaged store for what the tool wrote).
package struct StrictJSONDecoder: Sendable {
    package var dateDecodingStrategy: JSONDecoder.DateDecodingStrategy = .deferredToDate
    package var nonConformingFloatDecodingStrategy: JSONDecoder.NonConformingFloatDecodingStrategy = .throw
    /// What a type's `init(from:)` may read besides the document (`decoder.userInfo`).
    package var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    package init() {}

    package func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decode(type, from: try CheckedJSON(data))
    }

    package func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try decode(type, from: Data(text.utf8))
    }

    /// Decodes a document checked before, so that a large one read in two steps is scanned once.
    package func decode<T: Decodable>(_ type: T.Type, from document: CheckedJSON) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = dateDecodingStrategy
        decoder.nonConformingFloatDecodingStrategy = nonConformingFloatDecodingStrategy
        decoder.userInfo = userInfo
        return try decoder.decode(type, from: document.data)
    }
}

/// A document ``StrictJSON`` accepted: valid JSON without a key twice in one object.
package struct CheckedJSON: Sendable {
    package let data: Data
    /// What its top level is.
    package let kind: StrictJSON.Kind

    package init(_ data: Data) throws(JSONDocumentProblem) {
        self.kind = try StrictJSON.check(data)
        self.data = data
    }

    package init(_ text: String) throws(JSONDocumentProblem) {
        try self.init(Data(text.utf8))
    }
}
