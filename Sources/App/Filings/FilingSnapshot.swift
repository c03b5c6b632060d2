import Foundation

/// A full copy of a record as filed: its fields in display order and its attachments. Archived
/// versions and history entries keep one, so what was approved can always be shown as it was.
struct FilingSnapshot: Codable, Equatable, Sendable {
    struct Field: Codable, Equatable, Sendable {
        let key: String
        let label: String
        let value: String
    }

    struct AttachmentRef: Codable, Equatable, Sendable {
        let id: UUID
        let name: String
        let size: Int
        let sha256: String
        let contentType: String
    }

    var fields: [Field]
    var attachments: [AttachmentRef]

    static let empty = FilingSnapshot(fields: [], attachments: [])

    func value(_ key: String) -> String? { fields.first { $0.key == key }?.value }

    /// One changed field between two snapshots.
    struct Change: Codable, Equatable, Sendable {
        let key: String
        let label: String
        let old: String
        let new: String
    }

    /// What differs from `older`, field by field, with attachments as one line each way.
    func changes(from older: FilingSnapshot) -> [Change] {
        var result: [Change] = []
        let old = Dictionary(older.fields.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        for field in fields where old[field.key]?.value != field.value {
            result.append(Change(key: field.key, label: field.label, old: old[field.key]?.value ?? "", new: field.value))
        }
        let keys = Set(fields.map(\.key))
        for field in older.fields where !keys.contains(field.key) {
            result.append(Change(key: field.key, label: field.label, old: field.value, new: ""))
        }
        let oldFiles = Set(older.attachments.map(\.sha256)), newFiles = Set(attachments.map(\.sha256))
        let added = attachments.filter { !oldFiles.contains($0.sha256) }.map(\.name)
        let removed = older.attachments.filter { !newFiles.contains($0.sha256) }.map(\.name)
        if !added.isEmpty || !removed.isEmpty {
            result.append(Change(key: "attachments", label: "附件",
                                 old: removed.joined(separator: "、"), new: added.joined(separator: "、")))
        }
        return result
    }

    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func decode(_ text: String?) -> FilingSnapshot? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(FilingSnapshot.self, from: Data(text.utf8))
    }
}
