/// Docker's grammar of image references (`[registry[:port]/]path[:tag][@algorithm:digest]`),
/// checked before a run starts: a name the engine would refuse — with white space, control
/// characters, capitals in the path — fails at once instead of after the run was stored.
package enum ImageReference {
    /// Why `reference` is not an image reference, as the end of a sentence; nil when it is one.
    package static func problem(_ reference: String) -> String? {
        guard !reference.isEmpty else { return "is empty" }
        guard reference.utf8.count <= 512,
            reference.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F })
        else { return "is not an image reference: it holds white space, control or non-ASCII characters" }
        var name = Substring(reference)
        if let at = name.firstIndex(of: "@") {
            let digest = name[name.index(after: at)...]
            let parts = digest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty,
                parts[0].allSatisfy({ $0.isLowercase || $0.isNumber || "+._-".contains($0) }),
                parts[1].count >= 32, parts[1].allSatisfy(\.isHexDigit)
            else { return "has a digest that is not algorithm:hex, such as sha256:…" }
            name = name[..<at]
        }
        if let colon = name.lastIndex(of: ":"), !name[colon...].contains("/") {
            let tag = name[name.index(after: colon)...]
            guard (1...128).contains(tag.count), tag.first.map({ $0.isLetter || $0.isNumber || $0 == "_" }) == true,
                tag.allSatisfy({ $0.isLetter || $0.isNumber || "_.-".contains($0) })
            else { return "has a tag that is not letters, digits, _ . or - (at most 128)" }
            name = name[..<colon]
        }
        var components = name.split(separator: "/", omittingEmptySubsequences: false)
        guard name.count <= 255, !components.isEmpty else { return "has a name longer than 255 characters" }
        if components.count > 1, let first = components.first,
            first.contains(".") || first.contains(":") || first == "localhost"
        {
            guard isDomain(first) else { return "has a registry that is not a host name with an optional port" }
            components.removeFirst()
        }
        guard components.allSatisfy(isPathComponent) else {
            return "has a name that is not lower-case letters and digits separated by /, ., _, __ or -"
        }
        return nil
    }

    /// `[a-z0-9]+` joined by `.`, `_`, `__` or dashes.
    static func isPathComponent(_ component: Substring) -> Bool {
        let characters = Array(component)
        guard let first = characters.first, let last = characters.last, isAlphaNumeric(first), isAlphaNumeric(last)
        else { return false }
        var index = 0
        while index < characters.count {
            if isAlphaNumeric(characters[index]) {
                index += 1
                continue
            }
            var end = index
            while end < characters.count, !isAlphaNumeric(characters[end]) { end += 1 }
            let separator = String(characters[index..<end])
            guard separator == "." || separator == "_" || separator == "__" || separator.allSatisfy({ $0 == "-" })
            else { return false }
            index = end
        }
        return true
    }

    static func isDomain(_ text: Substring) -> Bool {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2, parts[1].isEmpty || !parts[1].allSatisfy(\.isNumber) { return false }
        return parts[0].split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.first != "-" && label.last != "-"
                && label.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "-") && $0.isASCII }
        }
    }

    private static func isAlphaNumeric(_ character: Character) -> Bool {
        character.isASCII && (character.isLowercase || character.isNumber)
    }
}
