/// Characters that print as nothing, or that change how the text around them prints: control
/// and format characters (a zero-width space, U+202E that reverses what follows, a byte-order
/// mark), other invisible code points (variation selectors, fillers), line and paragraph
/// separators, spaces other than U+0020, and code points with no character yet. Two names that
/// differ only by one of them print alike; a report showing one raw reads differently from what
/// it holds. Names given to the tool refuse them (``problem(inName:)``); every output shows them
/// escaped.
package enum VisibleText {
    /// True for a scalar that prints as nothing or changes how its neighbours print.
    package static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isDefaultIgnorableCodePoint { return true }
        switch properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
            return true
        case .spaceSeparator:
            return scalar != " "
        default:
            return false
        }
    }

    /// Why `name` (a baseline name, a testbed, a label) cannot be one that prints as itself, or nil.
    package static func problem(inName name: String) -> String? {
        guard let scalar = name.unicodeScalars.first(where: isInvisible) else { return nil }
        let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        return "it holds \(code), a character that does not print as itself (invisible, a control or format "
            + "character, or a space other than U+0020), so two names could print alike"
    }

    /// `‹U+202E›`: how a report shows an invisible scalar.
    package static func shown(_ scalar: Unicode.Scalar) -> String {
        "‹U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4) + "›"
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
