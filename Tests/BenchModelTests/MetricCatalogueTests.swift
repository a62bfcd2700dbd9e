import BenchModel
import Testing

/// The catalogue is made of the specs' declarations; these check the declarations themselves.
@Suite struct MetricCatalogueTests {
    @Test func everyNameIsDeclaredOnce() {
        #expect(Set(MetricCatalogue.names).count == MetricCatalogue.all.count)
        for metric in MetricCatalogue.all {
            #expect(MetricCatalogue.declaration(of: metric.id) == metric, "\(metric)")
            #expect(metric.isDeclared, "\(metric)")
        }
    }

    /// Stored names never change: every metric earlier versions stored is still declared, by the
    /// same name, in the same order (a new metric may come between them).
    @Test func theStoredNamesAreThoseOfEarlierVersions() {
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
        names += ["security.violations", "run.leftover_containers"]
        let declared = MetricCatalogue.names.map(\.rawValue)
        #expect(declared.filter(names.contains) == names)
    }

    /// Earlier versions read unit and direction from a name's ending; every declared name keeps
    /// that convention so that they read this version's figures right.
    @Test func everyDeclaredNameReadsAsItsDeclarationByTheOldConvention() {
        for metric in MetricCatalogue.all {
            let read = Metric.undeclared(metric.id)
            #expect(read.kind == metric.kind, "\(metric)")
            #expect(read.direction == metric.direction, "\(metric)")
            #expect(!read.isDeclared)
        }
    }

    @Test func aNameNoVersionDeclaredIsReadByItsEnding() {
        let unknown = MetricID("creation.p95_create_start_s")
        #expect(MetricCatalogue.declaration(of: unknown) == nil)
        #expect(unknown.declaration.kind == .time && unknown.direction == .smallerIsBetter)
        #expect(MetricID("parallel.fairness").declaration.kind == .ratio)
        #expect(MetricID("parallel.fairness").direction == .largerIsBetter)
        #expect(MetricID("warm.oom_count").unit == .count)
    }

    /// What a declaration says holds together: a failure count is a count, a ceiling bounds a
    /// ratio, a host module belongs to a host-side figure or one made from it.
    @Test func declarationsAreConsistent() {
        for metric in MetricCatalogue.all {
            if metric.role == .failureCount { #expect(metric.kind == .count, "\(metric)") }
            if metric.ceiling != nil { #expect(metric.kind == .ratio, "\(metric)") }
            if metric.kind == .ratio { #expect(metric.direction == .largerIsBetter, "\(metric)") }
            if metric.hostModule != nil { #expect(metric.spec == "overhead_pandas", "\(metric)") }
            #expect(!metric.meaning.isEmpty, "\(metric)")
        }
        #expect(MetricCatalogue.all.filter { $0.hostModule != nil }.count == 3)
    }

    @Test func aFamilyMemberIsNamedByItsParameter() {
        #expect(Metric.scaling.wall(.n10).id == "scaling.n10.wall_s")
        #expect(Metric.seccomp.cycle(.dockerDefault).id == "seccomp.default.cycle_s")
        #expect(Metric.memoryLimit.cycle(.gb2).id == "memory_limit.2g.cycle_s")
        #expect(Metric.overhead.direct(.pandas).hostModule == "pandas")
        #expect(Metric.overhead.direct(.simple).hostModule == nil)
        #expect(Metric.scaling.wall(.n1).family == "scaling.n<N>.wall_s")
    }

    @Test func theNearestKnownNameIsSuggested() {
        #expect(MetricCatalogue.nearest(to: "creation.create_start") == Metric.creation.createStart.id)
        #expect(MetricCatalogue.nearest(to: "something else entirely") == nil)
    }
}
