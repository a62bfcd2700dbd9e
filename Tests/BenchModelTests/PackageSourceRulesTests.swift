import Foundation
import Testing

/// The package's own code (Sources, Benchmarks, Plugins), line by line, without comment lines.
struct PackageSources {
    struct Line {
        let place: String
        let text: Substring
    }

    let lines: [Line]
    let fileCount: Int

    init() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var lines: [Line] = []
        var fileCount = 0
        for folder in ["Sources", "Benchmarks", "Plugins"] {
            let base = root.appendingPathComponent(folder)
            guard let files = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let name as String in files where name.hasSuffix(".swift") {
                let text = try String(contentsOf: base.appendingPathComponent(name), encoding: .utf8)
                fileCount += 1
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                    lines.append(Line(place: "\(folder)/\(name):\(number + 1)", text: line))
                }
            }
        }
        self.lines = lines
        self.fileCount = fileCount
    }

    /// True when `line` names `word`, not as the end of a longer name (`StrictJSONDecoder(` for `JSONDecoder(`).
    static func names(_ line: Substring, _ word: String) -> Bool {
        var rest = line[...]
        while let found = rest.range(of: word) {
            if found.lowerBound == line.startIndex || !line[line.index(before: found.lowerBound)].isLetter {
                return true
            }
            rest = rest[found.upperBound...]
        }
        return false
    }

    /// The lines outside `allowedIn` (a path under the folder) that name any of `words`.
    func offenders(naming words: [String], allowedIn allowed: String) -> [String] {
        lines.filter { line in
            !line.place.hasPrefix(allowed + ":") && words.contains { Self.names(line.text, $0) }
        }.map { "\($0.place): \($0.text.trimmingCharacters(in: .whitespaces))" }
    }
}

/// Rules that keep a whole class of mistakes out of any code written later, checked on the sources.
@Suite struct PackageSourceRulesTests {
    @Test func theCheckFindsANameButNotALongerOne() {
        #expect(PackageSources.names("let d = JSONDecoder()", "JSONDecoder("))
        #expect(PackageSources.names("_ = try? JSONSerialization.jsonObject(with: data)", "JSONSerialization"))
        #expect(!PackageSources.names("let d = StrictJSONDecoder()", "JSONDecoder("))
    }

    /// No reader can forget the duplicate-key check: outside `StrictJSONDecoder.swift`, no code
    /// makes a Foundation JSON decoder or parser of its own.
    @Test func everyJSONReaderGoesThroughTheStrictDecoder() throws {
        let sources = try PackageSources()
        #expect(sources.fileCount > 100, "the package's sources were not found")
        let offenders = sources.offenders(
            naming: ["JSONDecoder(", "JSONSerialization", "readJSONDecodable", "getJSONDecodable"],
            allowedIn: "Sources/BenchModel/StrictJSONDecoder.swift")
        #expect(
            offenders.isEmpty,
            "decode JSON with StrictJSONDecoder or StrictJSON.check:\n\(offenders.joined(separator: "\n"))")
    }

    /// No output can kill the process: Foundation's FileHandle raises an exception Swift cannot
    /// catch when a write fails, so stdout and stderr are written only through `StandardOutput`
    /// and `StandardError` (CommandLineSupport).
    @Test func nothingWritesTheStandardStreamsThroughFileHandle() throws {
        let offenders = try PackageSources().offenders(
            naming: ["FileHandle.standardError", "FileHandle.standardOutput"],
            allowedIn: "Sources/CommandLineSupport/StandardStreams.swift")
        #expect(
            offenders.isEmpty,
            "write with StandardOutput or StandardError:\n\(offenders.joined(separator: "\n"))")
    }
}
