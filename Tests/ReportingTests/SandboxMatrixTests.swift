import BenchModel
import Foundation
import Testing

@testable import Reporting

/// The matrix of `compare`: figures from each run's samples, each later column against the first,
/// and the renderings of documents (Markdown, JSON, HTML) with every user string made safe; the
/// terminal's is the command line's (`SandboxMatrixTerminalTests`).
@Suite struct SandboxMatrixTests {
    static func results(creation: [Double], warm: Double, held: [IsolationProperty: Double], memory: Double?)
        -> [SpecResult]
    {
        let creationSamples = creation.enumerated().map {
            Sample(metric: Metric.creation.createStart.id, iteration: $0.offset, value: $0.element)
        }
        var security = held.map { Sample(metric: $0.key.metric, iteration: 0, value: $0.value) }
        security.append(
            Sample(
                metric: Metric.security.propertiesHeld.id, iteration: 0,
                value: held.values.filter { $0 == 1 }.reduce(0, +)))
        if let memory { security.append(Sample(metric: Metric.security.memory.id, iteration: 0, value: memory)) }
        return [
            SpecResult(spec: "creation", samples: creationSamples),
            SpecResult(spec: "warm", samples: [Sample(metric: Metric.warm.overhead.id, iteration: 0, value: warm)]),
            SpecResult(spec: "security", samples: security),
        ]
    }

    static func matrix(secondSource: String = "gvisor.json") -> SandboxMatrix {
        var allHeld = Dictionary(uniqueKeysWithValues: IsolationProperty.allCases.map { ($0, 1.0) })
        var runc = allHeld
        runc[.hostKernelShielded] = 0
        allHeld[.readOnlyRoot] = 0
        let columns = [
            SandboxMatrix.Column(
                side: "A", source: "runc.json", runtime: "runc", runID: 1, runUUID: UUID(), status: .completed,
                results: results(creation: [0.2, 0.3, 0.4], warm: 20, held: runc, memory: 10_240), verdict: nil),
            SandboxMatrix.Column(
                side: "B", source: secondSource, runtime: "runsc", runID: 2, runUUID: UUID(), status: .completed,
                results: results(creation: [2.0, 2.1, 2.2], warm: 50, held: allHeld, memory: nil),
                verdict: .init(passed: false, alerts: ["creation.create_start_s is 600 % slower than A"])),
        ]
        return SandboxMatrix(
            testbed: "host/compare", suite: "quick", startedAt: Date(timeIntervalSince1970: 0), seconds: 61,
            columns: columns)
    }

    @Test func figuresAreMediansAndLaterColumnsReadAgainstTheFirst() {
        let matrix = Self.matrix()
        let (a, b) = (matrix.columns[0], matrix.columns[1])
        #expect(a.figures[.creation] == 0.3)
        #expect(matrix.cell(.creation, b).hasSuffix("(×7.00 of A)"))
        #expect(matrix.cell(.warmExecOverhead, b).hasSuffix("(+30.0 points)"))
        #expect(matrix.cell(.memoryPerSandbox, a) == "10.0 MiB")
        #expect(matrix.cell(.memoryPerSandbox, b) == "not reported")
        #expect(matrix.cell(.coldExecOverhead, a) == "not measured")
        #expect(matrix.cell(.propertiesHeld, b) == "11 of 12 (as A)")
        let (lost, gained) = matrix.propertyDifferences(b)
        #expect(lost == [.readOnlyRoot])
        #expect(gained == [.hostKernelShielded])
        #expect(matrix.verdictText(b) == "1 alert against A")
        #expect(matrix.verdictText(a) == "the baseline")
    }

    @Test func everyRenderingShowsEveryRowAndColumn() throws {
        let matrix = Self.matrix()
        let markdown = matrix.markdown()
        let page = SandboxMatrixHTML.page(matrix)
        for text in [markdown, page] {
            for row in SandboxMatrix.Row.allCases { #expect(text.contains(row.title), "\(row)") }
            #expect(text.contains("read-only root"))
        }
        struct Document: Decodable {
            struct Column: Decodable {
                var properties_lost: [String]
                var figures: [String: Double?]
            }
            var format: String
            var columns: [Column]
        }
        let document = try StrictJSONDecoder().decode(Document.self, from: try matrix.json())
        #expect(document.format == "sandbox-bench.compare")
        #expect(document.columns.count == 2)
        #expect(document.columns[1].properties_lost == ["read_only_root"])
        // Present, and null: not reported by the engine.
        #expect(document.columns[1].figures.keys.contains("memory_per_sandbox"))
        #expect(document.columns[1].figures["memory_per_sandbox"] == .some(nil))
    }

    @Test func aHostileProfileNameIsEscapedEverywhere() throws {
        let hostile = "<script>alert(1)</script>|**x**\u{1B}[2J.json"
        let matrix = Self.matrix(secondSource: hostile)
        let page = SandboxMatrixHTML.page(matrix)
        #expect(!page.contains("<script>"))
        #expect(page.contains("&lt;script&gt;"))
        #expect(!matrix.markdown().contains("|**x**"))
    }

    /// A profile that gives up isolation is named in every rendering, above the figures — the
    /// first column too, whose own weakenings no gate against it can judge — escaped like any
    /// user string; a profile that gives up nothing is not.
    @Test func everyWeakenedProfileIsNamedInEveryRendering() throws {
        var matrix = Self.matrix(secondSource: "<img src=x onerror=alert(1)>.json")
        matrix.columns[0].weakenings = ["keeps Docker's default capabilities"]
        matrix.columns[1].weakenings = ["runs as root (user <b>0</b>: uid 0)", "a writable root filesystem"]
        let lines = matrix.weakeningLines()
        #expect(
            lines == [
                "A (runc.json) gives up isolation a sandbox for untrusted code should keep: keeps Docker's default "
                    + "capabilities.",
                "B (<img src=x onerror=alert(1)>.json) gives up isolation a sandbox for untrusted code should keep: "
                    + "runs as root (user <b>0</b>: uid 0); a writable root filesystem.",
            ])
        let page = SandboxMatrixHTML.page(matrix)
        #expect(!page.contains("<img") && !page.contains("<b>0"))
        #expect(page.contains("default capabilities."))
        #expect(page.contains("runs as root (user &lt;b&gt;0&lt;/b&gt;: uid 0); a writable root filesystem."))
        let weakened = try #require(page.range(of: "class=\"weakened\""))
        #expect(weakened.lowerBound < page.range(of: "<table")!.lowerBound, "named before the figures")
        let markdown = matrix.markdown()
        #expect(markdown.contains("⚠️ A (runc.json) gives up isolation"), "\(markdown)")
        #expect(markdown.range(of: "gives up")!.lowerBound < markdown.range(of: "| creation")!.lowerBound)
        struct Document: Decodable {
            struct Column: Decodable { var weakenings: [String] }
            var columns: [Column]
        }
        let document = try StrictJSONDecoder().decode(Document.self, from: try matrix.json())
        #expect(document.columns.map(\.weakenings) == matrix.columns.map(\.weakenings))
        matrix.columns[0].weakenings = []
        matrix.columns[1].weakenings = []
        #expect(matrix.weakeningLines().isEmpty)
        #expect(!SandboxMatrixHTML.page(matrix).contains("class=\"weakened\""))
        #expect(!matrix.markdown().contains("gives up"))
    }

    @Test func theWriterNamesItsFilesByTheFirstRun() throws {
        #expect(SandboxMatrixWriter.fileNames(firstRunID: 7) == ["compare-7.html", "compare-7.md", "compare-7.json"])
        #expect(SandboxMatrixWriter.writes(fileName: "compare-7.json"))
        #expect(!SandboxMatrixWriter.writes(fileName: "compare-.json"))
        #expect(!SandboxMatrixWriter.writes(fileName: "run-7.html"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let written = try SandboxMatrixWriter(directory: folder).write(Self.matrix())
        #expect(
            written.map { URL(fileURLWithPath: $0).lastPathComponent } == SandboxMatrixWriter.fileNames(firstRunID: 1))
    }
}
