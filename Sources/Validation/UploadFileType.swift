/// The attachment types the system accepts, recognised by their first bytes — never by the file
/// name, which anyone can change.
public enum UploadFileType: String, Sendable, CaseIterable {
    case pdf
    case jpeg
    case png

    public var contentType: String {
        switch self {
        case .pdf: "application/pdf"
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        }
    }

    public var isImage: Bool { self != .pdf }

    /// The type whose signature starts `bytes`, or nil when it is none of the accepted ones.
    public static func sniff<Bytes: Collection>(_ bytes: Bytes) -> UploadFileType? where Bytes.Element == UInt8 {
        let head = Array(bytes.prefix(8))
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        return nil
    }
}
