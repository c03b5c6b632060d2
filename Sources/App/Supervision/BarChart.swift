/// A horizontal bar chart drawn as SVG by the template: the view model computes every bar's geometry,
/// so the page needs no chart library and no script, prints as it shows, and each bar is a link.
struct BarChart: Encodable {
    struct Bar: Encodable {
        let label: String
        let value: Int
        let url: String
        let y: Int
        let width: Int
        let textY: Int
        let valueX: Int
    }

    let title: String
    let width: Int
    let height: Int
    let labelWidth: Int
    let bars: [Bar]

    static let rowHeight = 26, barHeight = 18, plotWidth = 420, labelWidth = 130

    init(title: String, items: [(label: String, value: Int, url: String)]) {
        self.title = title
        let top = max(items.map(\.value).max() ?? 0, 1)
        labelWidth = Self.labelWidth
        width = Self.labelWidth + Self.plotWidth + 60
        height = max(items.count, 1) * Self.rowHeight + 8
        bars = items.enumerated().map { n, item in
            let w = item.value == 0 ? 0 : max(2, item.value * Self.plotWidth / top)
            let y = 4 + n * Self.rowHeight
            return Bar(label: item.label, value: item.value, url: item.url, y: y, width: w,
                       textY: y + Self.barHeight - 4, valueX: Self.labelWidth + w + 6)
        }
    }
}
