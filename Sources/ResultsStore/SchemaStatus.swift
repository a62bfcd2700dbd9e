/// A database's schema against this binary's: what `sandbox-bench migrate` reports and applies.
package struct SchemaStatus: Sendable, Equatable {
    /// One migration the database lacks, with the statements that apply it, in order, in one transaction.
    package struct Step: Sendable, Equatable {
        package var version: Int
        package var name: String
        package var statements: [String]

        package init(version: Int, name: String, statements: [String]) {
            self.version = version
            self.name = name
            self.statements = statements
        }
    }

    /// How messages name the database.
    package var store: String
    /// 0 for an empty database.
    package var version: Int
    package var latestVersion: Int
    /// The oldest schema version whose binaries may use the database, when it records one.
    package var compatibleFrom: Int?
    /// What would bring it to `latestVersion`, in order.
    package var pending: [Step]

    package init(store: String, version: Int, latestVersion: Int, compatibleFrom: Int?, pending: [Step]) {
        self.store = store
        self.version = version
        self.latestVersion = latestVersion
        self.compatibleFrom = compatibleFrom
        self.pending = pending
    }
}
