import EngineInterface

extension TarArchive {
    /// The regular files of a ustar archive, by name: what an engine extracts from an upload.
    /// Nil when the bytes are not an archive of whole 512-byte blocks with valid headers.
    package static func files(in bytes: [UInt8]) -> [String: [UInt8]]? {
        var files: [String: [UInt8]] = [:]
        var offset = 0
        while offset + 512 <= bytes.count {
            let header = bytes[offset..<offset + 512]
            if header.allSatisfy({ $0 == 0 }) { return files }
            func field(_ start: Int, _ length: Int) -> String {
                String(decoding: header.dropFirst(start).prefix(length).prefix { $0 != 0 }, as: UTF8.self)
            }
            var unsigned = Array(header)
            for index in 148..<156 { unsigned[index] = UInt8(ascii: " ") }
            guard let size = Int(field(124, 12).filter { $0 != " " }, radix: 8),
                Int(field(148, 7).filter { $0 != " " }, radix: 8) == unsigned.reduce(0, { $0 + Int($1) }),
                offset + 512 + size <= bytes.count
            else { return nil }
            files[field(0, 100)] = Array(bytes[offset + 512..<offset + 512 + size])
            offset += 512 + (size + 511) / 512 * 512
        }
        return nil
    }
}
