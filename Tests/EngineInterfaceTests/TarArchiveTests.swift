import EngineInterface
import Foundation
import TestSupport
import Testing

@Suite struct TarArchiveTests {
    @Test func headerFieldsAndChecksumFollowUstar() throws {
        let archive = TarArchive([
            .init(name: "main.py", contents: Array("print('hello')\n".utf8), mode: 0o444, uid: 1000, gid: 1000)
        ])
        let bytes = archive.bytes
        #expect(bytes.count == 512 + 512 + 1024)
        func field(_ offset: Int, _ length: Int) -> String {
            String(decoding: bytes[offset..<offset + length].prefix { $0 != 0 }, as: UTF8.self)
        }
        #expect(field(0, 100) == "main.py")
        #expect(field(100, 8) == "0000444")
        #expect(field(108, 8) == "0001750")
        #expect(field(124, 12) == "00000000017")
        #expect(field(257, 6) == "ustar")
        var unsigned = Array(bytes[0..<512])
        for i in 148..<156 { unsigned[i] = UInt8(ascii: " ") }
        let expected = unsigned.reduce(0) { $0 + Int($1) }
        #expect(Int(field(148, 7), radix: 8) == expected)
    }

    @Test func systemTarExtractsContentsAndModes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 1_000_001)
        let archive = TarArchive([
            .init(name: "main.py", contents: Array("print('hi')\n".utf8), mode: 0o444),
            .init(name: "big.txt", contents: big, mode: 0o640),
        ])
        let tarPath = directory.file("code.tar")
        try Data(archive.bytes).write(to: URL(fileURLWithPath: tarPath))
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["-xf", tarPath, "-C", directory.path]
        try tar.run()
        tar.waitUntilExit()
        #expect(tar.terminationStatus == 0)
        #expect(try String(contentsOfFile: directory.file("main.py"), encoding: .utf8) == "print('hi')\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.file("big.txt"))).count == big.count)
        let mode =
            try FileManager.default.attributesOfItem(atPath: directory.file("main.py"))[.posixPermissions] as? Int
        #expect(mode == 0o444)
    }
}
