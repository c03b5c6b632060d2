import Leaf

/// The `<tr>` rows of a register page's table, written in Swift. Leaf's interpreted loop over 20 rows of a
/// dozen cells, with their encoding into Leaf's data, was a sixth of a register page's CPU time under load
/// (BENCHMARKS.md); the rest of the page stays in `register-list.leaf`. Every text goes through the same
/// escaping as Leaf's `#(…)`.
enum RegisterTableRows {
    static func html(_ rows: [RegisterPage.Row], showsStatus: Bool, span: Int, emptyText: String) -> String {
        guard !rows.isEmpty else {
            return "<tr><td colspan=\"\(span)\" class=\"empty\">\(emptyText.htmlEscaped())</td></tr>"
        }
        var html = ""
        html.reserveCapacity(rows.count * 900)
        for row in rows {
            html += "<tr>\n    <td class=\"check\"><input type=\"checkbox\" class=\"row-check\" value=\""
            html += row.id.htmlEscaped()
            html += "\" aria-label=\"选择\"></td>\n    "
            if showsStatus {
                let review = row.reviewStatus.htmlEscaped()
                html += "<td><span class=\"status status-\(review)\">\(review)</span></td><td>\(row.infoStatus.htmlEscaped())</td>"
                html += "<td class=\"opinion\">\(row.opinion.htmlEscaped())</td>"
            }
            for cell in row.cells {
                html += cell.wrap ? "<td class=\"wrap\">" : "<td>"
                html += cell.text.htmlEscaped()
                html += "</td>"
            }
            html += "\n  </tr>\n  "
        }
        return html
    }
}
