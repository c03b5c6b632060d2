/// Reads sharedStrings.xml into the table that `t="s"` cells index.
final class SharedStringsHandler: XMLPartHandler {
    private(set) var strings: [String] = []
    private var item = StringItemCollector()
    private var inItem = false

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
            strings.append(item.value)
            inItem = false
        } else {
            item.end(name)
        }
    }

    override func text(_ string: String) {
        if inItem { item.characters(string) }
    }
}
