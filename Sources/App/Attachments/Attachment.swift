import Fluent
import Vapor

/// A file attached to a filed record (certificates, contracts). Its bytes live in `FileStorage` under
/// their SHA-256. Removing it from the working version only marks it removed: an archived version may
/// still list it, and the archive must stay viewable.
final class Attachment: Model, @unchecked Sendable {
    static let schema = "attachments"

    @ID(key: .id) var id: UUID?
    @Field(key: "filing_id") var filingID: UUID
    @Field(key: "company_id") var companyID: UUID
    @Field(key: "name") var name: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "uploaded_by") var uploadedBy: String
    @Field(key: "uploaded_at") var uploadedAt: Date
    @OptionalField(key: "removed_at") var removedAt: Date?

    init() {}

    var ref: FilingSnapshot.AttachmentRef {
        .init(id: id ?? UUID(), name: name, size: size, sha256: sha256, contentType: contentType)
    }
}

/// File contents kept in the database, for deployments with several app instances and no shared disk.
final class StoredBlob: Model, @unchecked Sendable {
    static let schema = "blobs"

    @ID(custom: "sha256", generatedBy: .user) var id: String?
    @Field(key: "data") var data: Data

    init() {}

    init(sha256: String, data: Data) {
        self.id = sha256
        self.data = data
    }
}

extension Attachment {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [
            $id, $filingID, $companyID, $name, $contentType, $size, $sha256, $uploadedBy, $uploadedAt, $removedAt
        ]
    }
}

extension StoredBlob {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] { [$id, $data] }
}
