/// Every metric the suite records: the names a rule in the configuration file may watch. A rule
/// on any other name could never fire, so the configuration refuses it and suggests the nearest
/// known name. A test runs the quick suite and checks that it records exactly these.
package enum MetricCatalogue {
    /// The metrics of each spec, in suite order, then the run's own.
    package static let all: [MetricID] = {
        var names = ["creation.create_s", "creation.start_s", "creation.create_start_s"]
        for spec in ["overhead_simple", "overhead_compute", "overhead_pandas"] {
            names += ["docker_s", "docker_code_s", "direct_s", "direct_code_s", "overhead_pct"].map { "\(spec).\($0)" }
        }
        names += ["parallel.parallel_wall_s", "parallel.sequential_wall_s", "parallel.speedup", "parallel.efficiency"]
        names += [
            "cleanup.remove_s", "cleanup.failures", "cleanup_all.wall_s", "cleanup_all.failures", "e2e.cycle_s",
            "e2e.failures",
        ]
        names += ["512m", "1g", "2g"].map { "memory_limit.\($0).cycle_s" }
        names += ["default", "unconfined", "profile"].map { "seccomp.\($0).cycle_s" }
        names += ["seccomp.overhead_pct", "seccomp.profile_overhead_pct", "seccomp.profile_violations"]
        names += ["warm.exec_s", "warm.code_s", "warm.direct_s", "warm.overhead_pct"]
        for n in [1, 2, 5, 10] {
            names += ["wall_s", "efficiency", "speedup"].map { "scaling.n\(n).\($0)" }
        }
        names += ["security.violations"]
        names += IsolationProperty.allCases.map(\.metric.rawValue) + [IsolationProperty.heldCount.rawValue]
        names += [MetricID.leftoverContainers.rawValue]
        return names.map { MetricID($0) }
    }()

    /// Metrics of the host's side of a comparison that need a module the host interpreter may
    /// lack (pandas); a run says so in a note and records the sandbox side only.
    package static let needHostPandas: Set<MetricID> = [
        "overhead_pandas.direct_s", "overhead_pandas.direct_code_s", "overhead_pandas.overhead_pct",
    ]

    private static let known = Set(all)

    package static func contains(_ metric: MetricID) -> Bool {
        known.contains(metric)
    }

    /// The known metric whose name is fewest edits away from `name`, when it is close enough to
    /// be what was meant.
    package static func nearest(to name: String) -> MetricID? {
        let scored = all.map { ($0, editDistance(Array(name.lowercased()), Array($0.rawValue))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(3, name.count / 3) else { return nil }
        return best.0
    }

    /// Levenshtein distance: insertions, deletions and substitutions.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
