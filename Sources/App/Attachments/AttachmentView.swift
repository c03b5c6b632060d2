import Foundation

/// An attachment as a list shows it: name, size, who and when, links to view and download.
struct AttachmentView: Encodable {
    let name: String
    let size: String
    let uploadedBy: String
    let uploadedAt: String
    let viewURL: String
    let downloadURL: String
    let isImage: Bool
    let isPDF: Bool
    let removeURL: String?

    init(_ a: Attachment, removable: Bool) {
        self.init(ref: a.ref, uploadedBy: a.uploadedBy, uploadedAt: DisplayDate.minute(a.uploadedAt),
                  removeURL: removable ? SiteURL.companyAttachmentRemove(a.id).path : nil)
    }

    /// From an archived snapshot, where only the reference is kept.
    init(ref: FilingSnapshot.AttachmentRef, uploadedBy: String = "", uploadedAt: String = "", removeURL: String? = nil) {
        name = ref.name
        size = Self.humanSize(ref.size)
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
        viewURL = SiteURL.file(ref.id).path + "?inline=1"
        downloadURL = SiteURL.file(ref.id).path
        isImage = ref.contentType.hasPrefix("image/")
        isPDF = ref.contentType == "application/pdf"
        self.removeURL = removeURL
    }

    static func humanSize(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return String(format: "%.0f KB", Double(bytes) / 1024) }
        return String(format: "%.1f MB", Double(bytes) / 1024 / 1024)
    }
}
