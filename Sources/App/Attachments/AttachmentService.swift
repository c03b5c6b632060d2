import Fluent
import Validation
import Vapor

/// Adds and removes a filed record's attachments. Files are checked by their content (PDF, JPEG,
/// PNG only) and size; one bad file refuses the whole upload. Each change is an edit of the record,
/// recorded in its history, in one transaction.
struct AttachmentService {
    let db: any Database
    let storage: any FileStorage
    let maxBytes: Int
    let filings: FilingService

    struct Upload {
        let name: String
        let data: Data
    }

    struct Refused: Error { let problems: [String] }

    func add(_ uploads: [Upload], to record: CompanyFiling, uploadedBy: String) async throws -> Result<Int, Refused> {
        var problems: [String] = []
        if uploads.isEmpty { problems.append("请选择要上传的文件") }
        var checked: [(Upload, UploadFileType, String)] = []
        for upload in uploads {
            let name = upload.name.isEmpty ? "未命名文件" : upload.name
            if upload.data.count > maxBytes {
                problems.append("“\(name)”超过\(maxBytes / 1024 / 1024)MB，请压缩后上传")
            } else if upload.data.isEmpty {
                problems.append("“\(name)”是空文件")
            } else if let type = UploadFileType.sniff(upload.data) {
                checked.append((Upload(name: name, data: upload.data), type, SHA256.hash(data: upload.data).hex))
            } else {
                problems.append("“\(name)”不是PDF、JPG或PNG文件（按文件内容判断），不能上传")
            }
        }
        guard problems.isEmpty else { return .failure(Refused(problems: problems)) }
        if record.filing.reviewStatus == .pending { return .failure(Refused(problems: [FilingRefusal.underReview.message])) }
        let accepted = checked

        let now = filings.now
        try await db.transaction { db in
            var added: [Attachment] = []
            for (upload, type, sha) in accepted {
                try await storage.put(upload.data, sha256: sha, on: db)
                let row = Attachment()
                row.filingID = try record.filing.requireID()
                row.companyID = record.filing.companyID
                row.name = Self.cleanName(upload.name, type: type)
                row.contentType = type.contentType
                row.size = upload.data.count
                row.sha256 = sha
                row.uploadedBy = uploadedBy
                row.uploadedAt = now
                try await row.create(on: db)
                added.append(row)
            }
            let after = record.company.snapshot(regionName: record.regionName, attachments: record.attachments + added)
            try await filings.recordEdit(record.filing, subject: record.filing.subject, regionCode: record.filing.regionCode,
                                         before: record.snapshot, after: after, on: db)
        }
        return .success(accepted.count)
    }

    func remove(_ attachmentID: UUID, from record: CompanyFiling) async throws {
        guard let attachment = record.attachments.first(where: { $0.id == attachmentID }) else { throw AppError.notFound }
        if record.filing.reviewStatus == .pending { throw FilingRefusal.underReview }
        let before = record.snapshot
        try await db.transaction { db in
            attachment.removedAt = filings.now
            try await attachment.update(on: db)
            let after = record.company.snapshot(regionName: record.regionName,
                                                attachments: record.attachments.filter { $0.id != attachmentID })
            try await filings.recordEdit(record.filing, subject: record.filing.subject, regionCode: record.filing.regionCode,
                                         before: before, after: after, on: db)
        }
    }

    /// The name as uploaded, without any folder part, with an extension that matches the content.
    static func cleanName(_ name: String, type: UploadFileType) -> String {
        var base = String(name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "附件")
        base = String(base.filter { !$0.isNewline && $0 != "\"" }.prefix(120))
        let ext = type == .jpeg ? ["jpg", "jpeg"] : [type.rawValue]
        if !ext.contains((base as NSString).pathExtension.lowercased()) { base += "." + ext[0] }
        return base
    }
}

extension Digest {
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
