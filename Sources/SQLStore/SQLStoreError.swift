/// A statement that did not answer as the schema promises (no id from an insert, a row that
/// vanished): each driver reports it as a damaged store, naming the database.
package struct SQLStoreError: Error, Sendable, Hashable {
    package var message: String

    package init(message: String) {
        self.message = message
    }
}
