import ArgumentParser
import CommandLineSupport
import Foundation
import Logging
import Synchronization

/// `--log-level`, shared by every command that talks to the engine or the database.
struct LoggingOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Log level of the lines written to stderr: trace, debug, info, notice, warning, error, critical.",
            valueName: "level"))
    var logLevel: Logger.Level = .warning

    /// Installs the stderr handler once and returns a logger for `label`.
    func makeLogger(_ label: String) -> Logger {
        LoggingBootstrap.once(level: logLevel)
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

enum LoggingBootstrap {
    private static let done = Mutex(false)

    static func once(level: Logger.Level) {
        done.withLock { done in
            guard !done else { return }
            done = true
            LoggingSystem.bootstrap { label in
                var handler = TimestampedStderrLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}

/// `2026-11-26T15:29:31.123Z warning sandbox-bench.run: message key=value`, one line per entry on stderr.
struct TimestampedStderrLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .warning
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let fields = merged.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        let timestamp = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
        let text = "\(timestamp) \(event.level) \(label): \(event.message)\(fields)"
        ErrorLine.write(ErrorLine.oneLine(text) + "\n")
    }
}
