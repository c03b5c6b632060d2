/// CRC-32 (ISO-HDLC, as used by PNG and zip) and Adler-32 (as used by zlib).
enum Checksum {
    /// Table for the reflected polynomial 0xEDB88320. Immutable, so safe to share.
    static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 {
            c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1
        }
        return c
    }

    /// Continues a CRC-32: pass the previous result as `crc` (0 to start).
    static func crc32<S: Sequence>(_ bytes: S, continuing crc: UInt32 = 0) -> UInt32 where S.Element == UInt8 {
        let table = crcTable
        var c = ~crc
        for byte in bytes {
            c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8)
        }
        return ~c
    }

    static func adler32<S: Sequence>(_ bytes: S) -> UInt32 where S.Element == UInt8 {
        let mod: UInt32 = 65_521
        var a: UInt32 = 1
        var b: UInt32 = 0
        var pending = 0
        for byte in bytes {
            a += UInt32(byte)
            b += a
            pending += 1
            // 5552 is the largest run for which b cannot overflow 32 bits.
            if pending == 5552 {
                a %= mod
                b %= mod
                pending = 0
            }
        }
        return ((b % mod) << 16) | (a % mod)
    }
}
