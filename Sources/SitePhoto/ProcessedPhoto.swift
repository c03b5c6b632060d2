/// What the server keeps of an accepted site photo besides the original bytes.
public struct ProcessedPhoto: Sendable {
    /// Of the full image as it is shown (after EXIF orientation).
    public let width: Int
    public let height: Int
    /// Of the image as shown (orientation applied), so a photo re-saved upright still matches.
    public let hash: PerceptualHash
    /// JPEG, long side <= 320 px, orientation applied, quality ~80.
    public let thumbnail: [UInt8]
}
