import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What stderr is, for what the tool prints there: not a terminal; a terminal that takes no
/// escape sequences (`TERM` unset or `dumb`, as Emacs' shell, a serial console or a CI log that
/// claims a terminal set it, or `NO_COLOR` set, https://no-color.org); or one that takes them.
enum TerminalKind: Equatable {
    case none
    case plain
    case ansi

    static func ofStandardError(environment: [String: String] = ProcessInfo.processInfo.environment) -> Self {
        of(isTerminal: isatty(STDERR_FILENO) == 1, environment: environment)
    }

    static func of(isTerminal: Bool, environment: [String: String]) -> Self {
        guard isTerminal else { return .none }
        // NO_COLOR counts when it holds anything, as its convention says; an empty value is unset.
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .plain }
        guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else { return .plain }
        return .ansi
    }
}
