import AsyncHTTPClient
import BenchModel
import EngineInterface
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// A response whose status was checked and whose body has not been read yet.
struct EngineResponse: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: HTTPClientResponse.Body
    let request: String
    let socketPath: String

    func body(upTo limit: Int) async throws -> ByteBuffer {
        do {
            return try await body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw DockerEngineError.invalidResponse(request: request, reason: "the answer exceeds \(limit) bytes")
        } catch {
            throw DockerEngine.streamError(error, request: request, socketPath: socketPath)
        }
    }
}

extension DockerEngine {
    static let jsonEncoder = JSONEncoder()
    static let jsonDecoder = StrictJSONDecoder()
    /// Generous enough for a large `docker inspect`, small enough that a runaway answer cannot exhaust memory.
    static let jsonBodyLimit = 16 << 20

    /// Runs one exchange with the engine (the request and reading its answer) within `deadline`
    /// (the deadline of an ordinary call when nil); a missed deadline is
    /// ``DockerEngineError/deadlineExceeded(request:seconds:)``.
    func withDeadline<T: Sendable>(
        _ method: HTTPMethod, _ path: String, _ deadline: Duration? = nil,
        _ exchange: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await EngineCall.run(
            Self.requestName(method, path), within: deadline ?? deadlines.call, outage: outage, exchange)
    }

    static func requestName(_ method: HTTPMethod, _ path: String) -> String {
        EngineCall.name(method.rawValue, path)
    }

    /// Sends one request and checks its status; a status of 400 or more becomes ``DockerEngineError/api(status:message:request:)``.
    /// Its time is bounded by the caller's deadline (``withDeadline(_:_:_:_:)``), not here.
    func send(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: ByteBuffer? = nil,
        contentType: String = "application/json", versioned: Bool = true
    ) async throws -> EngineResponse {
        let requestName = Self.requestName(method, path)
        var uri = versioned ? "/v\(apiVersion)\(path)" : path
        if !query.isEmpty {
            uri += "?" + query.map { "\(Self.percentEncode($0.0))=\(Self.percentEncode($0.1))" }.joined(separator: "&")
        }
        guard let url = URL(httpURLWithSocketPath: host.socketPath, uri: uri) else {
            throw DockerEngineError.unsupportedHost(host.description)
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        // AsyncHTTPClient sends no Host header over a Unix socket and dockerd rejects requests without one.
        request.headers.add(name: "Host", value: "localhost")
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(body)
        }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .hours(24), logger: logger)
        } catch let error as HTTPClientError {
            if error == .cancelled || Task.isCancelled { throw CancellationError() }
            throw Self.transportError(error, socketPath: host.socketPath, request: requestName)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw DockerEngineError.daemonUnreachable(socketPath: host.socketPath, reason: "\(error)")
        }
        let status = Int(response.status.code)
        if status >= 400 {
            let text = (try? await response.body.collect(upTo: 1 << 20)).map { String(buffer: $0) } ?? ""
            let message = Self.daemonMessage(in: text)
            // A daemon that is shutting down answers "database not open" and the like on the
            // connections it still has: that is an engine going away, not a refused request.
            if status >= 500, !host.acceptsConnections() {
                throw DockerEngineError.daemonUnreachable(
                    socketPath: host.socketPath,
                    reason:
                        "it stopped accepting connections; its last answer, to \(requestName), was status \(status): \(message)"
                )
            }
            throw DockerEngineError.api(status: status, message: message, request: requestName)
        }
        return EngineResponse(
            status: status, headers: response.headers, body: response.body, request: requestName,
            socketPath: host.socketPath)
    }

    /// Sends a request and decodes its JSON answer, within `deadline` (an ordinary call's when nil).
    func decode<T: Decodable & Sendable>(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], json: (any Encodable)? = nil,
        versioned: Bool = true, deadline: Duration? = nil
    ) async throws -> T {
        let body = try json.map { ByteBuffer(data: try Self.jsonEncoder.encode($0)) }
        return try await withDeadline(method, path, deadline) {
            let response = try await self.send(method, path, query: query, body: body, versioned: versioned)
            let buffer = try await response.body(upTo: Self.jsonBodyLimit)
            do {
                return try Self.jsonDecoder.decode(T.self, from: Data(buffer: buffer))
            } catch let problem as JSONDocumentProblem {
                throw DockerEngineError.invalidResponse(
                    request: response.request, reason: "not the JSON expected: \(problem.summary)")
            } catch let error as DecodingError {
                throw DockerEngineError.invalidResponse(
                    request: response.request,
                    reason: "not the JSON expected" + DecodingErrorSentence.describe(error).clause)
            } catch {
                throw DockerEngineError.invalidResponse(request: response.request, reason: "\(error)")
            }
        }
    }

    /// Sends a request whose answer carries nothing we need, and drains it so the connection can be reused.
    func perform(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], json: (any Encodable)? = nil,
        deadline: Duration? = nil
    ) async throws {
        let body = try json.map { ByteBuffer(data: try Self.jsonEncoder.encode($0)) }
        try await withDeadline(method, path, deadline) {
            let response = try await self.send(method, path, query: query, body: body)
            _ = try await response.body(upTo: Self.jsonBodyLimit)
        }
    }

    /// An error while a response body streams in: cancellation stays cancellation (the caller
    /// was interrupted); a connection that closed or broke means the daemon went away mid-answer
    /// (it stopped or restarted); anything else is an answer that could not be read.
    static func streamError(_ error: any Error, request: String, socketPath: String) -> any Error {
        if error is CancellationError || (error as? HTTPClientError) == .cancelled || Task.isCancelled {
            return CancellationError()
        }
        if error is DockerEngineError { return error }
        if error is HTTPClientError || error is IOError || error is ChannelError {
            return DockerEngineError.daemonUnreachable(
                socketPath: socketPath,
                reason: "the connection broke off in the middle of the answer to \(request): \(error)")
        }
        return DockerEngineError.invalidResponse(request: request, reason: "the answer broke off: \(error)")
    }

    /// The daemon's `{"message": "..."}`, or the raw text when the body is not that shape.
    static func daemonMessage(in text: String) -> String {
        struct Message: Decodable { let message: String }
        if let decoded = try? jsonDecoder.decode(Message.self, from: text) {
            return decoded.message
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "no message" : trimmed
    }

    static func transportError(_ error: HTTPClientError, socketPath: String, request: String) -> DockerEngineError {
        switch error {
        case .deadlineExceeded, .readTimeout:
            return .invalidResponse(request: request, reason: "no answer before the timeout")
        case .remoteConnectionClosed:
            return .daemonUnreachable(
                socketPath: socketPath, reason: "it closed the connection before answering \(request)")
        case .connectTimeout:
            return .daemonUnreachable(socketPath: socketPath, reason: "no connection could be made within 3 s")
        case .alreadyShutdown:
            return .daemonUnreachable(
                socketPath: socketPath, reason: "the request came after this command had finished with the engine")
        default:
            return .daemonUnreachable(
                socketPath: socketPath, reason: DockerHost(socketPath: socketPath).connectionProblem() ?? "\(error)")
        }
    }

    private static let queryAllowed: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~")
        return set
    }()

    static func percentEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? text
    }
}
