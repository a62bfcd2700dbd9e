import CommandLineSupport

/// How sandbox-bench's commands print a failure or a warning outside the error that ends them:
/// one line on stderr, safe for a terminal (see `ErrorLine`).
enum FailureReport {
    static func print(_ message: String) {
        ErrorLine.print(tool: SandboxBench.toolName, message)
    }

    static func warn(_ message: String) {
        ErrorLine.warn(tool: SandboxBench.toolName, message)
    }
}
