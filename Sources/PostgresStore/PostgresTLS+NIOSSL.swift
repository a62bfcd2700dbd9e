import Foundation
import NIOCore
import NIOSSL
import PostgresNIO
import ResultsStore

/// The TLS settings as postgres-nio takes them: a NIOSSL client configuration whose trust roots,
/// verification and client certificate follow the mode.
extension PostgresTLS {
    func connectionTLS(displayName: String) throws -> PostgresConnection.Configuration.TLS {
        guard mode != .disable else { return .disable }
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable, .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        func unusable(_ what: String, _ path: String, _ error: any Error) -> StoreError {
            .unreachable(
                store: displayName,
                reason: "the \(what) \(path) cannot be used for TLS (\(Self.sentence(error)))")
        }
        if mode != .prefer, let root = rootCertificate {
            if root == "system" {
                configuration.trustRoots = .default
            } else {
                do {
                    configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(root))
                } catch {
                    throw unusable("root certificate file (sslrootcert)", root, error)
                }
            }
        }
        if let certificate = clientCertificate {
            do {
                configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
            } catch {
                throw unusable("client certificate file (sslcert)", certificate, error)
            }
            let key = clientKey ?? certificate
            do {
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
            } catch {
                throw unusable("client key file (sslkey)", key, error)
            }
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw StoreError.unreachable(store: displayName, reason: "TLS could not be set up (\(error))")
        }
        return mode == .prefer ? .prefer(context) : .require(context)
    }

    /// A file error as a short phrase: "no such file", else NIOSSL's own words.
    private static func sentence(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)).lowercased() }
        return "\(error)".replacingOccurrences(of: "\n", with: " ")
    }
}
