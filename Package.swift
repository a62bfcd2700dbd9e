// swift-tools-version:6.0
// The modules and the one-way data flow between them: docs/ARCHITECTURE.md.
import PackageDescription

// FilePath for Subprocess on Linux (macOS has it in the System framework).
let systemPackage: Target.Dependency = .product(
    name: "SystemPackage", package: "swift-system", condition: .when(platforms: [.linux]))

let package = Package(
    name: "sandbox-bench",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sandbox-bench", targets: ["sandbox-bench"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.24.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        // The URL swift-subprocess names, without `.git`, so that both name the same package.
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.21.0"),
    ],
    targets: [
        // Shared vocabulary: metric names and directions, lifecycle phases, samples, run status, exit categories.
        .target(name: "BenchModel"),

        // Measuring: the engine interface, the Docker client behind it, the sandbox on top of the interface,
        // the suite on top of that. Knows no store.
        // What a sandbox needs of an engine (the ContainerEngine protocol, its requests, answers, errors and
        // deadlines), without any networking: the sandbox and the suite import this, never the client.
        .target(
            name: "EngineInterface", dependencies: ["BenchModel", .product(name: "Logging", package: "swift-log")]),
        .target(
            name: "DockerEngine",
            dependencies: [
                "EngineInterface", "BenchModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Sandbox",
            dependencies: ["EngineInterface", "BenchModel", .product(name: "Logging", package: "swift-log")],
            resources: [.embedInCode("Resources/seccomp_profile.json")]
        ),
        .target(
            name: "BenchSuite",
            dependencies: [
                "Sandbox", "EngineInterface", "BenchModel", .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"), systemPackage,
            ]
        ),

        // Analysing: values in, verdicts out. Knows no store.
        .target(name: "Regression", dependencies: ["BenchModel"]),

        // The store: a protocol and its records, and the SQLite backend.
        .target(name: "ResultsStore", dependencies: ["BenchModel"]),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // Every SQL file of Migrations/ is embedded by the EmbedMigrations build plugin: the folder is the list.
        .target(
            name: "Migrations", path: "Migrations", exclude: ["README.md", "postgresql"], plugins: ["EmbedMigrations"]),
        // The PostgreSQL dialect of the same schema, numbered alike: every SQL file of Migrations/postgresql/.
        .target(
            name: "PostgresMigrations", dependencies: ["Migrations"], path: "Migrations/postgresql",
            plugins: ["EmbedMigrations"]),
        .executableTarget(name: "migration-embedder", path: "Plugins/MigrationEmbedder"),
        .plugin(name: "EmbedMigrations", capability: .buildTool(), dependencies: ["migration-embedder"]),
        // The store's queries, writes and migrator, written once over a small SQL-database protocol.
        .target(
            name: "SQLStore",
            dependencies: [
                "ResultsStore", "Migrations", "BenchModel", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // The SQLite driver (libsqlite3).
        .target(
            name: "SQLiteStore",
            dependencies: ["SQLStore", "ResultsStore", "CSQLite", "Migrations", "BenchModel"]
        ),

        // The PostgreSQL driver (postgres-nio), for a fleet of hosts that share one history.
        .target(
            name: "PostgresStore",
            dependencies: [
                "SQLStore", "ResultsStore", "PostgresMigrations", "Migrations", "BenchModel",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Reports of a run from values: HTML with inline SVG trend charts, Markdown, JSON, JUnit, Prometheus.
        .target(
            name: "Reporting", dependencies: ["Regression", "ResultsStore", "BenchModel"], exclude: ["REPORT-JSON.md"]),

        // Orchestration: open the store, take the lock, run, store, resolve the baseline, compare, confirm, publish.
        .target(
            name: "BenchWorkflow",
            dependencies: [
                "BenchSuite", "Sandbox", "DockerEngine", "EngineInterface", "Regression", "Reporting", "ResultsStore",
                "SQLiteStore", "PostgresStore",
                "BenchModel", .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Before every executable's main(): SIGPIPE ignored, a closed stdin/stdout/stderr given /dev/null.
        .target(name: "CStandardStreams"),
        // The end of every executable's main(): parse, run, and turn the outcome into the documented exit code.
        .target(
            name: "CommandLineSupport",
            dependencies: [
                "BenchModel", "CStandardStreams", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "sandbox-bench",
            dependencies: [
                "BenchModel", "EngineInterface", "Sandbox", "BenchSuite", "Regression", "ResultsStore", "Reporting",
                "BenchWorkflow",
                "CommandLineSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Synthetic nightly runs, generated and stored the same way for the store and report benchmarks.
        .target(
            name: "SyntheticHistory", dependencies: ["Regression", "ResultsStore", "BenchModel"],
            path: "Benchmarks/SyntheticHistory"
        ),
        // Fills a database with ten years of synthetic nightly runs and times the store (Scripts/bench-store.sh).
        .executableTarget(
            name: "store-benchmark",
            dependencies: [
                "SyntheticHistory", "CommandLineSupport", "ResultsStore", "SQLiteStore", "BenchWorkflow", "BenchSuite",
                "Reporting", "Regression",
                "BenchModel", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/StoreBenchmark"
        ),
        // Times report generation on a filled database, and writes the demo database the page is checked on (Scripts/bench-report.sh).
        .executableTarget(
            name: "report-benchmark",
            dependencies: [
                "SyntheticHistory", "CommandLineSupport", "BenchWorkflow", "BenchSuite", "Reporting", "Regression",
                "ResultsStore",
                "SQLiteStore", "BenchModel", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/ReportBenchmark"
        ),
        // The sandbox-bench side of the client-overhead benchmark against the Docker SDK for Python (Scripts/bench-client.sh).
        .executableTarget(
            name: "client-benchmark",
            dependencies: [
                "Sandbox", "DockerEngine", "EngineInterface", "BenchModel", "CommandLineSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/ClientBenchmark"
        ),

        // Helpers shared by the test targets: Docker availability, temporary databases, running the binary.
        .target(
            name: "TestSupport",
            dependencies: [
                "EngineInterface", .product(name: "Subprocess", package: "swift-subprocess"), systemPackage,
            ],
            path: "Tests/TestSupport"
        ),
        // An engine in memory for tests: containers, volumes and execs, a clock the test moves, and faults on cue.
        .target(
            name: "EngineTestSupport",
            dependencies: ["EngineInterface", "BenchModel", .product(name: "Logging", package: "swift-log")],
            path: "Tests/EngineTestSupport"),
        // The suite on an in-memory engine: what the sandbox image's python3 prints for the suite's code, a
        // scripted host interpreter, and a suite runner wired to both.
        .target(
            name: "SuiteTestSupport",
            dependencies: [
                "EngineTestSupport", "EngineInterface", "BenchSuite", "Sandbox", "BenchModel",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/SuiteTestSupport"),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"]),
        // Package.swift, the import lines and docs/ARCHITECTURE.md's table of modules agree.
        .testTarget(name: "ArchitectureTests"),
        // Results stores for tests: a temporary SQLite store, and one-query reads.
        .target(
            name: "StoreTestSupport",
            dependencies: [
                "ResultsStore", "SQLiteStore", "PostgresStore", "BenchModel", "TestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/StoreTestSupport"),
        .testTarget(name: "BenchModelTests", dependencies: ["BenchModel"]),
        .testTarget(
            name: "EngineInterfaceTests",
            dependencies: ["EngineInterface", "BenchModel", "EngineTestSupport", "TestSupport"]),
        .testTarget(
            name: "DockerEngineTests", dependencies: ["DockerEngine", "EngineInterface", "BenchModel", "TestSupport"]),
        .testTarget(
            name: "SandboxTests",
            dependencies: [
                "Sandbox", "DockerEngine", "EngineInterface", "BenchModel", "TestSupport", "EngineTestSupport",
            ],
            // Probe output recorded on this machine, read by path (#filePath) by IsolationStandardTests.
            exclude: ["RecordedProbes"]),
        .testTarget(
            name: "ResultsStoreTests",
            // The writer-process tests start the benchmark's `fill` mode, so it must be built.
            dependencies: [
                "ResultsStore", "SQLStore", "SQLiteStore", "PostgresStore", "Migrations", "PostgresMigrations",
                "BenchModel", "TestSupport", "CSQLite",
                "StoreTestSupport", "store-benchmark", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Fixtures")]
        ),
        // Comparisons built from fixed samples, shared by the comparison and the report tests.
        .target(
            name: "RegressionFixtures", dependencies: ["Regression", "BenchModel"], path: "Tests/RegressionFixtures"),
        // The change-point tests also run Apache Otava (PyPI) as a reference, through Scripts/changepoint-reference.sh.
        .testTarget(
            name: "RegressionTests", dependencies: ["Regression", "RegressionFixtures", "BenchModel", "TestSupport"]),
        .testTarget(
            name: "ReportingTests",
            dependencies: [
                "Reporting", "ResultsStore", "SQLiteStore", "BenchWorkflow", "BenchSuite", "Regression",
                "RegressionFixtures",
                "BenchModel", "TestSupport", "StoreTestSupport", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "BenchSuiteTests",
            dependencies: [
                "BenchSuite", "Sandbox", "EngineInterface", "BenchModel", "TestSupport", "EngineTestSupport",
                "SuiteTestSupport",
            ]),
        .testTarget(
            name: "BenchWorkflowTests",
            dependencies: [
                "BenchWorkflow", "BenchSuite", "Sandbox", "DockerEngine", "EngineInterface", "Regression", "Reporting",
                "ResultsStore", "SQLiteStore", "PostgresStore", "BenchModel", "TestSupport", "StoreTestSupport",
                "EngineTestSupport", "SuiteTestSupport", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Unit tests of the command line's own code (terminal tables), apart from the built binary's.
        .testTarget(
            name: "SandboxBenchTests",
            dependencies: ["sandbox-bench", "Reporting", "Regression", "RegressionFixtures", "BenchModel"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "sandbox-bench", "CommandLineSupport", "TestSupport", "StoreTestSupport", "ResultsStore", "SQLiteStore",
                "DockerEngine",
                "EngineInterface", "Sandbox", "BenchModel", .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
