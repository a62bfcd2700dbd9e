import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import ResultsStore
import SQLStore

extension StoreError {
    /// The store's reading of an error from postgres-nio or the connection beneath it; nil for
    /// any other error. Only the server's message and SQLSTATE are used: never the statement,
    /// its values or the password.
    init?(postgres error: any Error, store: String, lockTimeoutSeconds: Int) {
        if let error = error as? PSQLError {
            self.init(psql: error, store: store, lockTimeoutSeconds: lockTimeoutSeconds)
        } else if let error = error as? PostgresDeadlineExceeded {
            self = .unreachable(store: store, reason: error.description)
        } else if let error = error as? PostgresConnectionClosed {
            self = .unreachable(store: store, reason: error.description)
        } else if let error = error as? PostgresValueError {
            self = .damaged(store: store, message: "\(error.column) does not hold \(error.expected)")
        } else if let error = error as? SQLStoreError {
            self = .damaged(store: store, message: error.message)
        } else if let error = error as? NIOConnectionError {
            self = .unreachable(
                store: store, reason: Self.reason(connecting: error.connectionErrors.first?.error ?? error))
        } else if error is ChannelError || error is IOError || error is NIOSSLError {
            self = .unreachable(store: store, reason: Self.reason(connecting: error))
        } else {
            return nil
        }
    }

    private init(psql error: PSQLError, store: String, lockTimeoutSeconds: Int) {
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            let message = error.serverInfo?[.message] ?? "an error without a message"
            switch state {
            case "3D000": self = .noDatabase(store: store)
            case "28000", "28P01":
                self = .unreachable(store: store, reason: "the server refused the login (\(message))")
            case "25006": self = .readOnly(store: store)
            case "42501": self = .unwritable(store: store, reason: message)
            case "55P03", "40P01", "40001": self = .busy(store: store, timeoutSeconds: lockTimeoutSeconds)
            case _ where state.hasPrefix("57P") || state.hasPrefix("08"):
                self = .unreachable(store: store, reason: "the server is shutting down or starting up (\(message))")
            // disk_full: the server's disk, which the run handles as SQLite's full disk (ends
            // the run, records it aborted where it still can).
            case "53100": self = .diskFull(store: store)
            case _ where state.hasPrefix("53"): self = .unwritable(store: store, reason: message)
            case _ where state.hasPrefix("XX"): self = .damaged(store: store, message: message)
            default: self = .backend(store: store, code: state, message: message)
            }
        case .connectionError:
            self = .unreachable(store: store, reason: Self.reason(connecting: error.underlying ?? error))
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            self = .unreachable(store: store, reason: "the connection to the server was lost")
        case .authMechanismRequiresPassword:
            self = .unreachable(
                store: store,
                reason:
                    "the server asks for a password, and none was given (in the URL, PGPASSWORD, or a ~/.pgpass only its owner may read)"
            )
        case .unsupportedAuthMechanism, .saslError:
            self = .unreachable(
                store: store, reason: "the server asks for a login method sandbox-bench does not support")
        case .sslUnsupported:
            self = .unreachable(store: store, reason: "the server does not offer TLS, which sslmode=require demands")
        default:
            self = .backend(
                store: store, code: error.code.description,
                message: "the PostgreSQL client failed (\(error.code.description))")
        }
    }

    /// Why a connection could not be made, in a few words.
    private static func reason(connecting error: any Error) -> String {
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return "nothing accepts connections there (is the server running?)"
            case ENOENT: return "there is no server socket there (is the server running?)"
            case EACCES: return "the server socket cannot be opened (permission denied)"
            default: return String(cString: strerror(error.errnoCode))
            }
        }
        // The client's own connect timeout is the connect deadline too (``ConnectionPool``): either
        // one that fires first says the same.
        if let error = error as? ChannelError, case .connectTimeout(let amount) = error {
            return PostgresDeadlineExceeded(
                wait: .connect, deadline: .nanoseconds(amount.nanoseconds)
            ).description
        }
        if error is NIOSSLError || error is NIOSSLExtraError { return reason(tls: error) }
        if let error = error as? NIOConnectionError {
            return error.connectionErrors.first.map { reason(connecting: $0.error) } ?? "the host name did not resolve"
        }
        return "\(error)"
    }

    /// A failed TLS handshake: which check failed, in libpq's terms. ``ErrorAdvice`` recognises
    /// the prefix "the TLS handshake failed" and says what to check.
    private static func reason(tls error: any Error) -> String {
        if let error = error as? NIOSSLExtraError, error == .failedToValidateHostname {
            return "the TLS handshake failed: the server's certificate does not name the host connected to "
                + "(sslmode=verify-full)"
        }
        let detail = "\(error)".replacingOccurrences(of: "\n", with: " ")
        if detail.contains("CERTIFICATE_VERIFY_FAILED") {
            return "the TLS handshake failed: the server's certificate is not signed by a CA of sslrootcert"
        }
        // BoringSSL names its own source file and line (" at /…/handshake.cc:320"): not the user's concern.
        return "the TLS handshake failed (\(detail.replacing(/\ at \/[^\]\s]*/, with: "")))"
    }
}
