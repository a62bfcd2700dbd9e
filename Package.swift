// swift-tools-version:6.0
import PackageDescription

let systemPackage: Target.Dependency = .product(name: "SystemPackage", package: "swift-system", condition: .when(platforms: [.linux]))

let package = Package(
    name: "sandbox-bench",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sandbox-bench", targets: ["sandbox-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.24.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        // FilePath for Subprocess on Linux (macOS has it in the System framework). The URL is the one swift-subprocess
        // names, without `.git`, so that both name the same package.
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
    ],
    targets: [
        // Shared vocabulary: metric names and directions, lifecycle phases, samples, run status.
        .target(name: "BenchModel"),

        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(
            name: "Migrations",
            path: "Migrations",
            exclude: ["README.md"],
            resources: [.embedInCode("0001_init.sql"), .embedInCode("0002_views.sql")]
        ),

        .target(
            name: "DockerEngine",
            dependencies: [
                "BenchModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "Sandbox", dependencies: ["DockerEngine", "BenchModel"]),
        .target(name: "ResultsStore", dependencies: ["CSQLite", "Migrations", "BenchModel"]),
        .target(
            name: "BenchSuite",
            dependencies: [
                "Sandbox", "ResultsStore", "BenchModel", .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"), systemPackage,
            ],
            resources: [.embedInCode("Resources/seccomp_profile.json")]
        ),
        .target(name: "Regression", dependencies: ["BenchModel", "ResultsStore"]),
        // What `run --gate` and `gate` do: compare, confirm by re-running, store the alerts; publish reports.
        .target(
            name: "BenchWorkflow",
            dependencies: [
                "BenchSuite", "Regression", "Reporting", "ResultsStore", "BenchModel", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Reports of a run: HTML with inline SVG trend charts, Markdown, JSON, and the Prometheus textfile.
        .target(name: "Reporting", dependencies: ["Regression", "ResultsStore", "BenchModel"], exclude: ["REPORT-JSON.md"]),
        .executableTarget(
            name: "sandbox-bench",
            dependencies: [
                "BenchModel", "DockerEngine", "Sandbox", "ResultsStore", "BenchSuite", "Regression", "BenchWorkflow", "Reporting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Synthetic nightly runs, generated and stored the same way for the store and report benchmarks.
        .target(name: "SyntheticHistory", dependencies: ["Regression", "ResultsStore", "BenchModel"], path: "Benchmarks/SyntheticHistory"),
        // The benchmarks' root command: argument parsing that ends with sandbox-bench's exit codes.
        .target(
            name: "BenchmarkCommandLine",
            dependencies: ["BenchModel", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/BenchmarkCommandLine"
        ),

        // Fills a database with ten years of synthetic nightly runs and times the store (Scripts/bench-store.sh).
        .executableTarget(
            name: "store-benchmark",
            dependencies: [
                "SyntheticHistory", "BenchmarkCommandLine", "ResultsStore", "BenchModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/StoreBenchmark"
        ),

        // Times report generation on a filled database, and writes the demo database the page is checked on (Scripts/bench-report.sh).
        .executableTarget(
            name: "report-benchmark",
            dependencies: [
                "SyntheticHistory", "BenchmarkCommandLine", "Reporting", "Regression", "ResultsStore", "BenchModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/ReportBenchmark"
        ),

        // The sandbox-bench side of the client-overhead benchmark against the Docker SDK for Python (Scripts/bench-client.sh).
        .executableTarget(name: "client-benchmark", dependencies: ["Sandbox", "DockerEngine"], path: "Benchmarks/ClientBenchmark"),

        // Helpers shared by the test targets: Docker availability, temporary directories, running executables.
        .target(
            name: "TestSupport",
            dependencies: [.product(name: "Subprocess", package: "swift-subprocess"), systemPackage],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"]),
        .testTarget(name: "BenchModelTests", dependencies: ["BenchModel"]),
        .testTarget(name: "DockerEngineTests", dependencies: ["DockerEngine", "TestSupport"]),
        .testTarget(name: "SandboxTests", dependencies: ["Sandbox", "TestSupport"]),
        .testTarget(
            name: "ResultsStoreTests",
            // The writer-process tests start the benchmark's `fill` mode, so it must be built.
            dependencies: ["ResultsStore", "TestSupport", "store-benchmark"],
            resources: [.copy("Fixtures")]
        ),
        // Comparisons built from fixed samples, shared by the comparison and the report tests.
        .target(name: "RegressionFixtures", dependencies: ["Regression", "BenchModel"], path: "Tests/RegressionFixtures"),
        .testTarget(name: "RegressionTests", dependencies: ["Regression", "RegressionFixtures", "ResultsStore", "TestSupport"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "ResultsStore", "Regression", "RegressionFixtures", "TestSupport"]),
        .testTarget(name: "BenchSuiteTests", dependencies: ["BenchSuite", "Sandbox", "DockerEngine", "ResultsStore", "TestSupport"]),
        .testTarget(name: "BenchWorkflowTests", dependencies: ["BenchWorkflow", "BenchSuite", "Regression", "ResultsStore", "TestSupport"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["sandbox-bench", "TestSupport", "ResultsStore", "DockerEngine", "Sandbox"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
