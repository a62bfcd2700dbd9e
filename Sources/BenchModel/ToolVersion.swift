public enum ToolVersion {
    /// The version of sandbox-bench, stored with every run.
    public static let current = "0.1.0"
}
