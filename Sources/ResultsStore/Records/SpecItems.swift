import BenchModel

/// A check with the spec that made it.
package struct RecordedCheck: Sendable, Codable, Hashable {
    package var spec: String
    package var check: CheckResult

    package init(spec: String, check: CheckResult) {
        self.spec = spec
        self.check = check
    }
}

/// A failed iteration with the spec it belongs to.
package struct RecordedFailure: Sendable, Codable, Hashable {
    package var spec: String
    package var failure: SampleFailure

    package init(spec: String, failure: SampleFailure) {
        self.spec = spec
        self.failure = failure
    }
}

/// A note with the spec that wrote it.
package struct RecordedNote: Sendable, Codable, Hashable {
    package var spec: String
    package var text: String

    package init(spec: String, text: String) {
        self.spec = spec
        self.text = text
    }
}

/// A container with the spec that created it.
package struct RecordedContainer: Sendable, Codable, Hashable {
    package var spec: String
    package var container: ContainerRecord

    package init(spec: String, container: ContainerRecord) {
        self.spec = spec
        self.container = container
    }
}

/// A raw sample with the spec that measured it.
package struct RecordedSample: Sendable, Codable, Hashable {
    package var spec: String
    package var sample: Sample

    package init(spec: String, sample: Sample) {
        self.spec = spec
        self.sample = sample
    }
}
