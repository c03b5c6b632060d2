/// The exact text a chained record's hash is taken over. Each field is written as its name, its length
/// in UTF-8 bytes and its value, so no value can be shifted into its neighbour, and the text depends on
/// nothing but the values (not on a JSON encoder's spacing or escaping, which could change between
/// releases and make every stored hash fail verification).
public struct RecordDigestText: Sendable {
    public private(set) var text: String

    /// `scheme` names the record type and layout version, so that a later layout cannot collide with this one.
    public init(scheme: String, previousHash: String) {
        text = ""
        add("scheme", scheme)
        add("previous", previousHash)
    }

    public mutating func add(_ name: String, _ value: String) {
        text += "\(name):\(value.utf8.count):\(value)\n"
    }

    public mutating func add(_ name: String, _ value: Int) { add(name, String(value)) }
}
