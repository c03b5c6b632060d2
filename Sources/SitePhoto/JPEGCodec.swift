import JPEGShim

/// Swift's side of the C shim: copies results into Swift arrays and frees what libjpeg allocated.
enum JPEGCodec {
    struct Decoded {
        let image: RGBImage
        /// Of the full image as stored, before DCT scaling.
        let storedWidth: Int
        let storedHeight: Int
    }

    static func decode(_ data: [UInt8], maxPixels: Int, minLongSide: Int) throws(SitePhotoError) -> Decoded {
        guard !data.isEmpty else { throw .empty }
        var result = JPEGShimImage()
        let status = data.withUnsafeBufferPointer { buffer in
            jpegshim_decode(buffer.baseAddress!, buffer.count, UInt64(max(0, maxPixels)), Int32(minLongSide), &result)
        }
        defer { jpegshim_free(result.pixels) }
        switch status {
        case .success:
            break
        case .notJPEG:
            throw .notJPEG
        case .corrupt:
            throw .corrupt
        case .tooManyPixels:
            throw .tooManyPixels(width: Int(result.imageWidth), height: Int(result.imageHeight))
        case .outOfMemory:
            throw .outOfMemory
        }
        let width = Int(result.width), height = Int(result.height)
        guard let pixels = result.pixels, width > 0, height > 0 else { throw .corrupt }
        let image = RGBImage(width: width, height: height,
                             pixels: Array(UnsafeBufferPointer(start: pixels, count: width * height * 3)))
        return Decoded(image: image, storedWidth: Int(result.imageWidth), storedHeight: Int(result.imageHeight))
    }

    static func encode(_ image: RGBImage, quality: Int) throws(SitePhotoError) -> [UInt8] {
        // The C side reads width × height × 3 bytes whatever the array holds.
        precondition(image.width > 0 && image.height > 0 && image.pixels.count == image.width * image.height * 3,
                     "RGB pixels must match the image size")
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = image.pixels.withUnsafeBufferPointer { buffer in
            jpegshim_encode_rgb(buffer.baseAddress!, Int32(image.width), Int32(image.height), Int32(quality),
                                &output, &length)
        }
        defer { jpegshim_free(output) }
        // Our own pixels cannot be malformed: a failure here is an allocation that did not succeed.
        guard status == .success, let output else { throw .outOfMemory }
        return Array(UnsafeBufferPointer(start: output, count: length))
    }
}
