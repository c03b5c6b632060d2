/// Checks an uploaded site photo (现场照片) and derives its size, perceptual hash and thumbnail.
public enum SitePhotoProcessor {
    /// Long side of a thumbnail; the decode only needs enough resolution for this.
    static let thumbnailLongSide = 320
    static let thumbnailQuality = 80

    /// Bounds the bytes before anything else, reads the JPEG header (SOI marker check first), bounds the
    /// pixel count before decoding, decodes at a DCT scale just large enough (long side >= 320 for the thumbnail),
    /// applies the EXIF orientation, computes the hash from luma, and encodes the thumbnail.
    public static func process(_ data: [UInt8], limits: SitePhotoLimits = .init()) throws(SitePhotoError) -> ProcessedPhoto {
        guard !data.isEmpty else { throw .empty }
        guard data.count <= limits.maxBytes else { throw .tooLarge(bytes: data.count) }
        guard data.count >= 2, data[0] == 0xFF, data[1] == 0xD8 else { throw .notJPEG }

        let decoded = try JPEGCodec.decode(data, maxPixels: limits.maxPixels, minLongSide: thumbnailLongSide)
        let orientation = exifOrientation(data)
        let shown = decoded.image.oriented(orientation)
        let swapsSides = orientation >= 5
        let hash = PerceptualHash.of(luma: shown.luma, width: shown.width, height: shown.height)
        let thumbnail = try JPEGCodec.encode(shown.fitted(longSide: thumbnailLongSide), quality: thumbnailQuality)
        return ProcessedPhoto(width: swapsSides ? decoded.storedHeight : decoded.storedWidth,
                              height: swapsSides ? decoded.storedWidth : decoded.storedHeight,
                              hash: hash, thumbnail: thumbnail)
    }

    /// The EXIF orientation (1 when absent or unreadable).
    public static func exifOrientation(_ data: [UInt8]) -> Int {
        ExifOrientation.read(data)
    }
}
