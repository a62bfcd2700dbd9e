import BenchModel
import Foundation

/// What a baseline may be called. A name must be usable wherever a baseline is asked for, where a
/// run id and `latest` are accepted too: a name that reads as either could never be referenced.
package enum BaselineName {
    package static let maximumLength = 200

    /// The name as stored: in Unicode's composed form (NFC), so that `café` typed as one
    /// character or as `e` + an accent names one baseline (or testbed), not two that print alike.
    package static func normalized(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping
    }

    /// A name given now (on the command line, in a file to import): as ``validate(_:)``, and it
    /// must print as itself (``VisibleText``), since two names differing by an invisible character
    /// print alike. A name an older version stored is still found and shown (escaped).
    package static func validateGiven(_ name: String) throws(StoreError) {
        try validate(name)
        if let problem = VisibleText.problem(inName: name) { throw .invalidBaselineName(name: name, reason: problem) }
    }

    package static func validate(_ name: String) throws(StoreError) {
        func refuse(_ reason: String) -> StoreError { .invalidBaselineName(name: name, reason: reason) }
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw refuse("a name must not be empty")
        }
        guard name.count <= maximumLength else { throw refuse("a name is at most \(maximumLength) characters") }
        guard Int64(name) == nil, !name.allSatisfy(\.isNumber) else {
            throw refuse("it reads as a run id; a baseline name needs a letter")
        }
        guard name.lowercased() != "latest" else { throw refuse("`latest` already means the latest completed run") }
    }
}
