/// Why an uploaded site photo was refused.
public enum SitePhotoError: Error, Equatable, Sendable {
    case empty
    case tooLarge(bytes: Int)
    case notJPEG
    case tooManyPixels(width: Int, height: Int)
    case corrupt
    case outOfMemory

    /// What the maintenance worker sees, phrased as what to do next; states the default byte limit.
    public var message: String { message(limits: SitePhotoLimits()) }

    /// The same, stating the byte limit actually in force.
    public func message(limits: SitePhotoLimits) -> String {
        switch self {
        case .empty:
            return "没有收到照片，请重新拍摄后上传"
        case .tooLarge(let bytes):
            // The limit rounded down and the file rounded up, so the file never reads as within the limit.
            return "照片超过\(Self.megabytes(limits.maxBytes, roundingUp: false))MB"
                + "（这张约\(Self.megabytes(bytes, roundingUp: true))MB），请重新拍摄后上传"
        case .notJPEG:
            return "请上传手机相机拍摄的JPEG照片"
        case .tooManyPixels(let width, let height):
            return "照片像素过多（\(width)×\(height)），请调低相机分辨率后重新拍摄"
        case .corrupt:
            return "照片文件已损坏，请重新拍摄"
        case .outOfMemory:
            return "照片过大，服务器无法处理，请调低相机分辨率后重新拍摄"
        }
    }

    /// In MB to one decimal, without a trailing ".0".
    private static func megabytes(_ bytes: Int, roundingUp: Bool) -> String {
        let (quotient, remainder) = (bytes * 10).quotientAndRemainder(dividingBy: 1024 * 1024)
        let tenths = quotient + (roundingUp && remainder != 0 ? 1 : 0)
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}
