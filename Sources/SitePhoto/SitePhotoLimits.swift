/// How much a single uploaded site photo may cost the server.
public struct SitePhotoLimits: Sendable, Equatable {
    /// A 12 MB JPEG is more than any phone camera writes; the check runs before the data is looked at.
    public var maxBytes: Int = 12 * 1024 * 1024
    /// Checked against the size the JPEG header declares, before any pixel is decoded: the declared size,
    /// not the file size, decides how much work and memory decoding takes.
    public var maxPixels: Int = 50_000_000

    public init() {}
}
