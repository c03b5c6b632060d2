/// Reads sharedStrings.xml into the table that `t="s"` cells index.
///
/// The table stays in memory for the whole sheet, so it is bounded like cells are: no more entries than
/// `maxCells`, none longer than `maxCellBytes`, all together within `maxTextBytes`.
final class SharedStringsHandler: XMLPartHandler {
    private(set) var strings: [String] = []
    /// UTF-8 bytes of the table, which the sheet's own text then adds to.
    private(set) var textBytes = 0
    private let limits: XLSXLimits
    private var item = StringItemCollector()
    private var inItem = false

    init(limits: XLSXLimits) {
        self.limits = limits
    }

    override func start(_ name: String, attributes: [String: String]) {
        if name == "si" {
            inItem = true
            item.reset()
        } else if inItem {
            item.start(name)
        }
    }

    override func end(_ name: String) {
        guard inItem else { return }
        if name == "si" {
            inItem = false
            guard strings.count < limits.maxCells else { return fail(.overLimit(.cells(limits.maxCells))) }
            let value = item.value
            textBytes += value.utf8.count
            guard textBytes <= limits.maxTextBytes else { return fail(.overLimit(.textBytes(limits.maxTextBytes))) }
            strings.append(value)
        } else {
            item.end(name)
        }
    }

    override func text(_ string: String) {
        guard inItem else { return }
        item.characters(string)
        if item.byteCount > limits.maxCellBytes { fail(.overLimit(.cellBytes(limits.maxCellBytes, row: nil))) }
    }
}
