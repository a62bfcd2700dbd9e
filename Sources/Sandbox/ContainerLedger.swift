import BenchModel
import Synchronization

/// Every container a sandbox created, and what became of its removal: the account that lets a run
/// record each of its containers even when the code path that created one failed half-way.
public final class ContainerLedger: Sendable {
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var name: String
        public var spec: String?
        /// Nil until a removal was attempted.
        public var removal: ContainerRemoval.Outcome?
    }

    private let entries = Mutex<[Entry]>([])

    public init() {}

    func created(id: String, name: String, spec: String?) {
        entries.withLock { $0.append(Entry(id: id, name: name, spec: spec, removal: nil)) }
    }

    func removed(name: String, _ outcome: ContainerRemoval.Outcome) {
        entries.withLock { entries in
            for index in entries.indices where entries[index].name == name {
                // A container already confirmed gone stays gone; a later 404 must not hide a first failure.
                if entries[index].removal?.removed != true { entries[index].removal = outcome }
            }
        }
    }

    /// Every container created so far, in creation order.
    public var all: [Entry] { entries.withLock { $0 } }
}
