/// Packed RGB to JPEG, for pictures the server draws itself (the demo's site photos, test scenes).
public enum JPEGEncoder {
    /// Nil when the sizes do not fit the pixels or the encoder could not allocate.
    public static func encode(rgb: [UInt8], width: Int, height: Int, quality: Int = 85) -> [UInt8]? {
        guard width > 0, height > 0, rgb.count == width * height * 3 else { return nil }
        return try? JPEGCodec.encode(RGBImage(width: width, height: height, pixels: rgb), quality: min(100, max(1, quality)))
    }
}
