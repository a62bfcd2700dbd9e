/// Where the results database lives when a command is not told.
public enum DatabaseLocation {
    public static let environmentVariable = "SANDBOX_BENCH_DB"

    /// The text `--help` shows for the default.
    public static let defaultDescription =
        "$SANDBOX_BENCH_DB, else $XDG_DATA_HOME/sandbox-bench/results.sqlite, else ~/.local/share/sandbox-bench/results.sqlite"

    /// `explicitPath` (the `--db` flag) when given, else `$SANDBOX_BENCH_DB`, else
    /// `$XDG_DATA_HOME/sandbox-bench/results.sqlite`, else `$HOME/.local/share/sandbox-bench/results.sqlite`.
    /// Empty variables count as unset, as the XDG base directory specification asks.
    public static func resolve(explicitPath: String?, environment: [String: String]) -> String {
        if let explicitPath, !explicitPath.isEmpty { return explicitPath }
        if let path = nonEmpty(environment[environmentVariable]) { return path }
        if let dataHome = nonEmpty(environment["XDG_DATA_HOME"]) {
            return join(dataHome, "sandbox-bench/results.sqlite")
        }
        let home = nonEmpty(environment["HOME"]) ?? "/"
        return join(home, ".local/share/sandbox-bench/results.sqlite")
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    private static func join(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}
