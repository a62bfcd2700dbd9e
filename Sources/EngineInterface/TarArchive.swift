/// A minimal writer of POSIX ustar archives: regular files with explicit owner and mode, which is
/// how code reaches a sandbox without depending on the host's file permissions.
package struct TarArchive: Sendable {
    package struct Entry: Sendable {
        package var name: String
        package var contents: [UInt8]
        package var mode: Int
        package var uid: Int
        package var gid: Int

        package init(name: String, contents: [UInt8], mode: Int = 0o444, uid: Int = 0, gid: Int = 0) {
            self.name = name
            self.contents = contents
            self.mode = mode
            self.uid = uid
            self.gid = gid
        }
    }

    package let entries: [Entry]

    package init(_ entries: [Entry]) {
        self.entries = entries
    }

    /// The archive: one 512-byte header per entry, its contents padded to 512 bytes, and two
    /// zero blocks at the end.
    package var bytes: [UInt8] {
        var archive: [UInt8] = []
        for entry in entries {
            archive += Self.header(for: entry)
            archive += entry.contents
            archive += [UInt8](repeating: 0, count: (512 - entry.contents.count % 512) % 512)
        }
        archive += [UInt8](repeating: 0, count: 1024)
        return archive
    }

    static func header(for entry: Entry) -> [UInt8] {
        precondition(entry.name.utf8.count < 100, "tar entry names are limited to 99 bytes")
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) {
            for (i, byte) in text.utf8.enumerated() { header[offset + i] = byte }
        }
        func octal(_ value: Int, width: Int) -> String {
            let digits = String(value, radix: 8)
            return String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits
        }
        put(entry.name, at: 0)
        put(octal(entry.mode, width: 8), at: 100)
        put(octal(entry.uid, width: 8), at: 108)
        put(octal(entry.gid, width: 8), at: 116)
        put(octal(entry.contents.count, width: 12), at: 124)
        put(octal(0, width: 12), at: 136)  // mtime: reproducible archives
        put("0", at: 156)  // regular file
        put("ustar", at: 257)
        put("00", at: 263)
        // The checksum is computed with its own field filled with spaces.
        for i in 148..<156 { header[i] = UInt8(ascii: " ") }
        let checksum = header.reduce(0) { $0 + Int($1) }
        put(octal(checksum, width: 7), at: 148)
        header[154] = 0
        header[155] = UInt8(ascii: " ")
        return header
    }
}
