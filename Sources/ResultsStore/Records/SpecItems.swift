import BenchModel

/// A check with the spec that made it.
public struct RecordedCheck: Sendable, Codable, Hashable {
    public var spec: String
    public var check: CheckResult

    public init(spec: String, check: CheckResult) {
        self.spec = spec
        self.check = check
    }
}

/// A failed iteration with the spec it belongs to.
public struct RecordedFailure: Sendable, Codable, Hashable {
    public var spec: String
    public var failure: SampleFailure

    public init(spec: String, failure: SampleFailure) {
        self.spec = spec
        self.failure = failure
    }
}

/// A note with the spec that wrote it.
public struct RecordedNote: Sendable, Codable, Hashable {
    public var spec: String
    public var text: String

    public init(spec: String, text: String) {
        self.spec = spec
        self.text = text
    }
}

/// A container with the spec that created it.
public struct RecordedContainer: Sendable, Codable, Hashable {
    public var spec: String
    public var container: ContainerRecord

    public init(spec: String, container: ContainerRecord) {
        self.spec = spec
        self.container = container
    }
}

/// A raw sample with the spec that measured it.
public struct RecordedSample: Sendable, Codable, Hashable {
    public var spec: String
    public var sample: Sample

    public init(spec: String, sample: Sample) {
        self.spec = spec
        self.sample = sample
    }
}
