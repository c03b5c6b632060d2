/// Collects the relationships of a .rels part.
final class RelationshipsHandler: XMLPartHandler {
    private(set) var relationships: [Relationship] = []

    override func start(_ name: String, attributes: [String: String]) {
        guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
        relationships.append(Relationship(id: id, type: attributes["Type"] ?? "", target: target,
                                          isExternal: attributes["TargetMode"] == "External"))
    }
}
