extension HTMLBuilder {
    /// How a table's rows read as cards on a narrow screen (≤ 700 px, `ReportStyle`): the
    /// `title` column and the `verdict` column first, each on a line of its own, the other
    /// cells below, each after its column's header — so that the verdict is visible without
    /// scrolling sideways.
    struct Card {
        var title: Int
        var verdict: Int
    }

    /// A table in a box that scrolls sideways on a narrow screen (or, with `card`, whose rows
    /// become cards there): a header row (`true` marks a numeric, right-aligned column; none
    /// when `headers` is empty), then a row per item.
    mutating func table<Item>(
        _ items: [Item], cssClass: String, headers: [(String, Bool)], card: Card? = nil,
        row: (Item, inout HTMLBuilder) -> Void
    ) {
        element("div", ["class": "table-wrap"]) { wrap in
            if let card { wrap.raw(Self.cardStyle(cssClass: cssClass, headers: headers.map(\.0), card: card)) }
            let body = { (table: inout HTMLBuilder) in
                if !headers.isEmpty {
                    table.raw("<thead><tr>")
                    for (header, numeric) in headers {
                        table.element("th", numeric ? ["class": "num"] : [:], text: header)
                    }
                    table.raw("</tr></thead>")
                }
                table.raw("<tbody>")
                for item in items { row(item, &table) }
                table.raw("</tbody>")
            }
            if card == nil {
                wrap.element("table", ["class": cssClass], body: body)
            } else {
                wrap.element("table", ["class": cssClass, "data-layout": "cards"], body: body)
            }
        }
    }

    /// The narrow layout's labels and order for one table class: CSS generated from the
    /// headers (our own words; anything but letters, digits, spaces and a few signs dropped, so
    /// that the sheet stays well-formed XML and a quote cannot end a string).
    static func cardStyle(cssClass: String, headers: [String], card: Card) -> String {
        let selector = "table." + cssClass.split(separator: " ").joined(separator: ".") + "[data-layout=cards]"
        var css = "@media (max-width: 700px) {"
        for (index, header) in headers.enumerated() {
            let cell = "\(selector) td:nth-child(\(index + 1))"
            if index == card.title {
                css += "\(cell) { order: -2; flex-basis: 100%; font-weight: 600; }"
            } else if index == card.verdict {
                css += "\(cell) { order: -1; flex-basis: 100%; }"
            } else {
                let label = header.filter { $0.isLetter || $0.isNumber || " %.,()/+-".contains($0) }
                if !label.isEmpty { css += "\(cell)::before { content: \"\(label) \"; }" }
            }
        }
        return "<style>" + css + "}</style>"
    }
}
