/// The benchmark specs, by the name every metric of theirs starts with (`creation.create_s`).
///
/// Declared here, below the suite, so that the metrics a family declares per spec
/// (``HostLoadMetrics``) and the analysis that reads them per spec name the same cases the suite
/// runs; what only the suite knows of a spec (its summary, the original pytest suite's nine) is
/// `SpecName+Suite.swift` in `BenchSuite`.
package enum SpecName: String, Codable, Comparable, MetricParameter {
    case creation
    case overheadSimple = "overhead_simple"
    case overheadCompute = "overhead_compute"
    case parallel
    case cleanup
    case cleanupAll = "cleanup_all"
    case e2e
    case memoryLimit = "memory_limit"
    case seccomp
    case overheadPandas = "overhead_pandas"
    case warm
    case scaling
    case security

    package static func < (lhs: SpecName, rhs: SpecName) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
