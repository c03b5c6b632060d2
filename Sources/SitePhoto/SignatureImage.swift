import Foundation

/// The user unit's signature as the phone's canvas sends it: a PNG, checked by its header before it is
/// kept (it is stored and shown as sent, never decoded here), so that only a bounded picture is accepted.
public enum SignatureImage {
    public static let maxBytes = 256 * 1024
    public static let maxSide = 2000

    public enum Refusal: Error, Equatable, Sendable {
        case empty, tooLarge, notPNG, badSize

        public var message: String {
            switch self {
            case .empty: "请使用单位确认人在框内签名"
            case .tooLarge: "签名图片过大，请清除后重新签名"
            case .notPNG, .badSize: "签名图片无法识别，请清除后重新签名"
            }
        }
    }

    /// The PNG's width and height from its IHDR chunk, which must come first.
    public static func check(_ png: [UInt8]) -> Result<(width: Int, height: Int), Refusal> {
        guard !png.isEmpty else { return .failure(.empty) }
        guard png.count <= maxBytes else { return .failure(.tooLarge) }
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        // Signature, IHDR's length (13) and type, its width and height.
        guard png.count >= 33, Array(png[0..<8]) == signature, Array(png[8..<16]) == [0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52] else {
            return .failure(.notPNG)
        }
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        guard (1...maxSide).contains(width), (1...maxSide).contains(height) else { return .failure(.badSize) }
        return .success((width, height))
    }

    /// The bytes of a `data:image/png;base64,…` URL (what canvas.toDataURL gives), bounded before decoding.
    public static func bytes(ofDataURL text: String) -> [UInt8]? {
        let prefix = "data:image/png;base64,"
        guard text.hasPrefix(prefix), text.utf8.count <= prefix.utf8.count + (maxBytes / 3 + 1) * 4 else { return nil }
        return Data(base64Encoded: String(text.dropFirst(prefix.count))).map { [UInt8]($0) }
    }
}
