extension HTMLBuilder {
    /// A table in a box that scrolls sideways on a narrow screen: a header row (`true` marks a
    /// numeric, right-aligned column; none when `headers` is empty), then a row per item.
    mutating func table<Item>(
        _ items: [Item], cssClass: String, headers: [(String, Bool)], row: (Item, inout HTMLBuilder) -> Void
    ) {
        element("div", ["class": "table-wrap"]) { wrap in
            wrap.element("table", ["class": cssClass]) { table in
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
        }
    }
}
