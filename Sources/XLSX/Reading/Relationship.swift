/// One `<Relationship>` of a .rels part.
struct Relationship: Sendable {
    let id: String
    /// The full type URI; compared by its last segment because Transitional and Strict files use
    /// different prefixes (`…/officeDocument/2006/relationships/worksheet`,
    /// `http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet`).
    let type: String
    let target: String
    let isExternal: Bool

    func hasType(_ lastSegment: String) -> Bool {
        type.hasSuffix("/" + lastSegment)
    }
}
