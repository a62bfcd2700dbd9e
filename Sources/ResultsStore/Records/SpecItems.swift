import BenchModel

/// A check with the spec that made it.
public struct RecordedCheck: Sendable, Codable, Hashable {
    public var spec: String
    public var check: CheckResult
}

/// A failed iteration with the spec it belongs to.
public struct RecordedFailure: Sendable, Codable, Hashable {
    public var spec: String
    public var failure: SampleFailure
}

/// A note with the spec that wrote it.
public struct RecordedNote: Sendable, Codable, Hashable {
    public var spec: String
    public var text: String
}

/// A container with the spec that created it.
public struct RecordedContainer: Sendable, Codable, Hashable {
    public var spec: String
    public var container: ContainerRecord
}

/// A raw sample with the spec that measured it.
public struct RecordedSample: Sendable, Codable, Hashable {
    public var spec: String
    public var sample: Sample
}
