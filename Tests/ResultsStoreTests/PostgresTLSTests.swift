import BenchModel
import Foundation
import PostgresNIO
import StoreTestSupport
import TestSupport
import Testing

@testable import PostgresStore
@testable import ResultsStore

/// PostgreSQL over TLS as operators set it up: a throw-away cluster listening on loopback with a
/// certificate signed by a CA made here (openssl), `verify-full` passing with that CA and the host
/// name the certificate names, refused (exit 3, one line) with another CA or another host name,
/// and a client certificate accepted by a `clientcert=verify-full` line of pg_hba.conf.
@Suite(
    .serialized,
    .enabled(
        if: PostgresTestServer.shouldRun && (DockerRequirement.isRequired || (try? ExecutableFile.locate()) != nil)))
struct PostgresTLSTests {
    /// The certificates of one test: a CA, another CA, the server's (for `localhost` only) and
    /// `cert_user`'s client certificate.
    struct Certificates {
        let folder: TemporaryDirectory
        var path: String { folder.path }
        func file(_ name: String) -> String { folder.file(name) }

        static func make() async throws -> Certificates {
            let folder = try TemporaryDirectory()
            let script = """
                set -e
                openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=sandbox-bench-test-ca \
                  -keyout ca.key -out ca.crt 2>/dev/null
                openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=another-ca \
                  -keyout wrong-ca.key -out wrong-ca.crt 2>/dev/null
                printf 'subjectAltName=DNS:localhost\\n' > server.ext
                openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout server.key -out server.csr 2>/dev/null
                openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
                  -extfile server.ext -out server.crt 2>/dev/null
                openssl req -newkey rsa:2048 -nodes -subj /CN=cert_user -keyout client.key -out client.csr 2>/dev/null
                openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
                  -out client.crt 2>/dev/null
                chmod 600 client.key
                """
            let outcome = try await ExecutableFile(path: "/bin/sh").run(["-c", script], in: folder.url)
            guard outcome.exitCode == 0 else {
                throw OpenSSLFailed(stderr: outcome.stderr)
            }
            return Certificates(folder: folder)
        }
    }

    /// A cluster with TLS on a loopback port, the roles `tls_user` and `cert_user`, and the
    /// databases `fleet` and `certified` each owns.
    static func withCluster(_ body: (ThrowAwayCluster, Certificates, Int) async throws -> Void) async throws {
        let certificates = try await Certificates.make()
        defer { certificates.folder.remove() }
        let port = Int.random(in: 20_000...60_000)
        let cluster = try await ThrowAwayCluster.start(tls: certificates.path, port: port)
        do {
            for statement in [
                "CREATE ROLE tls_user LOGIN", "CREATE ROLE cert_user LOGIN",
                "CREATE DATABASE fleet OWNER tls_user", "CREATE DATABASE certified OWNER cert_user",
            ] {
                try await PostgresTestServer.execute(PostgresQuery(unsafeSQL: statement), on: cluster.url)
            }
            try await body(cluster, certificates, port)
            await cluster.stop()
        } catch {
            await cluster.stop()
            throw error
        }
    }

    struct OpenSSLFailed: Error {
        var stderr: String
    }

    @Test func verifyFullPassesWithTheRightCAAndHostAndIsRefusedOtherwise() async throws {
        try await Self.withCluster { _, certificates, port in
            let binary = try ExecutableFile.locate()
            let ca = certificates.file("ca.crt")
            let good = "postgresql://tls_user@localhost:\(port)/fleet?sslmode=verify-full&sslrootcert=\(ca)"
            let store = try await PostgresResultsStore.open(try PostgresTestServer.location(good))
            try await store.storeRun(startedAt: Date(timeIntervalSinceNow: -60))
            await store.close()
            let listed = try await binary.run(["runs", "list", "--db", good])
            #expect(listed.exitCode == 0, "\(listed.stderr)")
            #expect(listed.stdout.contains("completed"))

            // The same through libpq's environment variables.
            let viaEnvironment = try await binary.run(
                ["runs", "list", "--db", "postgresql://tls_user@localhost:\(port)/fleet"],
                environment: ["PGSSLMODE": "verify-full", "PGSSLROOTCERT": ca])
            #expect(viaEnvironment.exitCode == 0, "\(viaEnvironment.stderr)")

            let wrongCA =
                "postgresql://tls_user@localhost:\(port)/fleet?sslmode=verify-full"
                + "&sslrootcert=\(certificates.file("wrong-ca.crt"))"
            let wrongHost = "postgresql://tls_user@127.0.0.1:\(port)/fleet?sslmode=verify-full&sslrootcert=\(ca)"
            for url in [wrongCA, wrongHost] {
                let refused = try await binary.run(["runs", "list", "--db", url])
                #expect(refused.exitCode == FailureKind.environment.exitCode, "\(url): \(refused.stderr)")
                #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
                #expect(refused.stderr.contains("the TLS handshake failed"), "\(refused.stderr)")
            }
            // verify-ca checks the CA only: the address the certificate does not name is fine.
            let caOnly = try await binary.run([
                "runs", "list", "--db",
                "postgresql://tls_user@127.0.0.1:\(port)/fleet?sslmode=verify-ca&sslrootcert=\(ca)",
            ])
            #expect(caOnly.exitCode == 0, "\(caOnly.stderr)")
            // A missing root certificate file is said, not skipped.
            let missing = try await binary.run([
                "runs", "list", "--db",
                "postgresql://tls_user@localhost:\(port)/fleet?sslmode=verify-full&sslrootcert=/nonexistent/root.crt",
            ])
            #expect(missing.exitCode == FailureKind.environment.exitCode)
            #expect(missing.stderr.contains("root certificate file (sslrootcert) /nonexistent/root.crt"))
        }
    }

    @Test func aClientCertificateIsAcceptedByClientcertVerifyFull() async throws {
        try await Self.withCluster { _, certificates, port in
            let binary = try ExecutableFile.locate()
            let base =
                "postgresql://cert_user@localhost:\(port)/certified?sslmode=verify-full"
                + "&sslrootcert=\(certificates.file("ca.crt"))"
            let withCertificate =
                base + "&sslcert=\(certificates.file("client.crt"))&sslkey=\(certificates.file("client.key"))"
            let accepted = try await binary.run(["runs", "list", "--db", withCertificate])
            #expect(accepted.exitCode == 0, "\(accepted.stderr)")
            let viaEnvironment = try await binary.run(
                ["runs", "list", "--db", base],
                environment: [
                    "PGSSLCERT": certificates.file("client.crt"), "PGSSLKEY": certificates.file("client.key"),
                ])
            #expect(viaEnvironment.exitCode == 0, "\(viaEnvironment.stderr)")
            let without = try await binary.run(
                ["runs", "list", "--db", base], environment: ["HOME": certificates.path])
            #expect(without.exitCode == FailureKind.environment.exitCode)
            #expect(without.stderr.split(separator: "\n").count == 1, "\(without.stderr)")
        }
    }
}
