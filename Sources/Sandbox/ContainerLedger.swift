import BenchModel
import EngineInterface
import Synchronization

/// Every container a sandbox created, and what became of its removal: the account that lets a run
/// record each of its containers even when the code path that created one failed half-way.
package final class ContainerLedger: Sendable {
    package struct Entry: Sendable, Equatable {
        package var id: String
        package var name: String
        package var spec: String?
        /// Nil until a removal was attempted.
        package var removal: ContainerRemoval.Outcome?
    }

    private let entries = Mutex<[Entry]>([])
    /// Names of creates sent and not yet returned, and of creates that returned without the
    /// engine's answer (a deadline, a signal, a broken connection): the engine may still make those.
    private let creates = Mutex<(inFlight: Set<String>, unanswered: Set<String>)>(([], []))
    private let volumes = Mutex<[String]>([])
    private let fault = Mutex<DockerEngineError?>(nil)

    /// The first time the engine itself failed on a removal (it hung past the deadline): a run
    /// goes no further on such an engine.
    package var engineFault: DockerEngineError? { fault.withLock { $0 } }

    package init() {}

    /// Code volumes that creates which failed half-way left behind. An engine shutting down
    /// creates the volume's folder, then fails to record it ("create <name>: database not
    /// open"): the volume then carries no labels, and only its name in that answer tells whose it is.
    package var halfCreatedVolumes: [String] { volumes.withLock { $0 } }

    /// A create of container `name` is sent.
    func createStarted(name: String) {
        creates.withLock { _ = $0.inFlight.insert(name) }
    }

    /// The create of `name` returned; `answered` is false when it returned without the engine's
    /// answer, so that the engine may still create the container, late.
    func createReturned(name: String, answered: Bool) {
        creates.withLock {
            $0.inFlight.remove(name)
            if !answered { $0.unanswered.insert(name) }
        }
    }

    /// Creates sent and not returned yet.
    package var createsInFlight: Int { creates.withLock { $0.inFlight.count } }

    /// Containers whose create returned without the engine's answer: the engine may have made
    /// them, or make them still. A sweep looks for them by name.
    package var unansweredCreates: [String] { creates.withLock { $0.unanswered.sorted() } }

    /// Notes the volume a failed create names in its error, if it names one.
    func createFailed(_ error: any Error) {
        guard let name = Self.volumeName(in: "\(error)") else { return }
        volumes.withLock { if !$0.contains(name) { $0.append(name) } }
    }

    /// The 64-hex-digit name after "create " in an engine's message.
    static func volumeName(in message: String) -> String? {
        var rest = message[...]
        while let range = rest.range(of: "create ") {
            let candidate = rest[range.upperBound...].prefix(65)
            if candidate.count == 65, candidate.last == ":",
                candidate.dropLast().allSatisfy({ $0.isHexDigit && !$0.isUppercase })
            {
                return String(candidate.dropLast())
            }
            rest = rest[range.upperBound...]
        }
        return nil
    }

    func created(id: String, name: String, spec: String?) {
        entries.withLock { $0.append(Entry(id: id, name: name, spec: spec, removal: nil)) }
    }

    func removed(name: String, _ outcome: ContainerRemoval.Outcome) {
        if let engineFault = outcome.engineFault { fault.withLock { $0 = $0 ?? engineFault } }
        entries.withLock { entries in
            for index in entries.indices where entries[index].name == name {
                // A container already confirmed gone stays gone; a later 404 must not hide a first failure.
                if entries[index].removal?.removed != true { entries[index].removal = outcome }
            }
        }
    }

    /// Every container created so far, in creation order.
    package var all: [Entry] { entries.withLock { $0 } }
}
