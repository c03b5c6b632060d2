/// One file inside the zip, as its central directory record describes it.
struct ZipEntry: Sendable {
    /// The name as stored, with backslashes turned into slashes and any leading slash removed.
    let path: String
    let method: UInt16
    let flags: UInt16
    let crc32: UInt32
    let compressedSize: UInt64
    let uncompressedSize: UInt64
    let localHeaderOffset: UInt64

    /// General-purpose flag bit 0: traditional PKWARE or AES encryption of this entry.
    var isEncrypted: Bool { flags & 1 != 0 }
}
