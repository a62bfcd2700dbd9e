package enum ToolVersion {
    /// The version of sandbox-bench, stored with every run.
    package static let current = "0.1.0"
}
