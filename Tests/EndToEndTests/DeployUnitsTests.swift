import Foundation
import TestSupport
import Testing

/// The nightly units as `Deploy/verify-units.sh` checks them: valid for systemd, and only the
/// timer installs (a service with `WantedBy=multi-user.target` would run the suite at every boot).
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze"), "needs systemd-analyze"))
struct DeployUnitsTests {
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    @Test func theUnitsVerifyAndOnlyTheTimerInstalls() async throws {
        let script = Self.repository.appendingPathComponent("Deploy/verify-units.sh").path
        let outcome = try await ExecutableFile(path: "/bin/bash").run([script])
        #expect(outcome.exitCode == 0, "\(outcome.stdout)\(outcome.stderr)")
        let service = try String(
            contentsOf: Self.repository.appendingPathComponent("Deploy/sandbox-bench-nightly.service"), encoding: .utf8)
        let settings = service.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(!settings.contains { $0.hasPrefix("WantedBy=") || $0 == "[Install]" })
    }
}
