/// One metric the suite records, declared once, as a value, by the declarations of the spec that
/// produces it (`Metric.creation.createStart`): its stable name, what kind of figure it is, which
/// way is better, and what it means. Everything else — the spec that records it, the rules, the
/// reports, Prometheus, the synthetic history, the checks of what a sample can physically be —
/// refers to this value; nothing reads unit or direction from the name.
///
/// The declarations live in BenchModel, one file per spec file of `Sources/BenchSuite/Specs/`,
/// because the rules and the reports, which may not import the suite, refer to them too.
package struct Metric: Sendable, Hashable, CustomStringConvertible {
    /// What kind of figure a metric is; the kind fixes the unit and what a sample can be.
    package enum Kind: String, Sendable, CaseIterable {
        /// A duration in seconds, above 0.
        case time
        /// A relative difference in percent (an overhead), above −100 %.
        case percentage
        /// A dimensionless ratio of 0 or more (a speedup, an efficiency), at most its ceiling.
        case ratio
        /// A whole count of 0 or more.
        case count

        package var unit: MetricUnit {
            switch self {
            case .time: .seconds
            case .percentage: .percent
            case .ratio: .ratio
            case .count: .count
            }
        }
    }

    /// What a metric's value tells of the sandbox.
    package enum Role: String, Sendable, CaseIterable {
        /// A figure of the sandbox: a time, an overhead, a ratio, isolation violations found.
        case measurement
        /// The host interpreter's side of a comparison: alone, no measurement of the sandbox.
        case hostSide
        /// How often something the spec did failed. It happened, so it is kept even from an
        /// iteration discarded as impossible, and when its spec keeps nothing else; alone, no
        /// measurement of the sandbox.
        case failureCount
        /// What the host did besides the measurement (``HostLoadMetrics``): it says whether the
        /// run's timings are comparable; alone, no measurement of the sandbox.
        case hostLoad
    }

    /// The stable name, as every store, file and report keeps it.
    package let id: MetricID
    package let kind: Kind
    package let direction: Direction
    /// One line: what the value is.
    package let meaning: String
    package let role: Role
    /// The lifecycle phases the value is made of: a change of the metric is explained by a move
    /// of one of these (when its samples carry their container's phase timings). Empty for a
    /// figure no container's lifecycle makes.
    package let phases: [LifecyclePhase]
    /// The largest value the metric can physically take (a ratio of containers run at once).
    package let ceiling: Ceiling?
    /// How the figure follows from others of the same iteration, when the spec computes it so.
    package let derivation: Derivation?
    /// A figure that can only be a whole number though it is no count for its direction (a
    /// property held: 1 or 0; how many properties held).
    package let isWhole: Bool
    /// The module the host interpreter needs for this metric; without it, a run records a note
    /// and not the metric (pandas, for the host side of the pandas overhead).
    package let hostModule: String?
    /// The pattern of the family the metric belongs to (`scaling.n<N>.wall_s`), or nil.
    package internal(set) var family: String?

    package init(
        _ name: String, _ kind: Kind, _ direction: Direction, meaning: String, role: Role = .measurement,
        phases: [LifecyclePhase] = [], ceiling: Ceiling? = nil, derivation: Derivation? = nil, isWhole: Bool = false,
        hostModule: String? = nil
    ) {
        id = MetricID(name)
        self.kind = kind
        self.direction = direction
        self.meaning = meaning
        self.role = role
        self.phases = phases
        self.ceiling = ceiling
        self.derivation = derivation
        self.isWhole = isWhole
        self.hostModule = hostModule
    }

    package var unit: MetricUnit { kind.unit }

    /// The spec that records the metric (`run` for the run's own).
    package var spec: String { id.spec }

    package var description: String { id.rawValue }
}
