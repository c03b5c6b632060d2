import Testing
@testable import SecondFactor

@Suite struct Base32Tests {
    /// RFC 4648 §10, without the padding we leave out.
    static let vectors = [("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"),
                          ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI")]

    @Test func encodesRFC4648Vectors() {
        for (plain, encoded) in Self.vectors { #expect(Base32.encode(Array(plain.utf8)) == encoded) }
        #expect(Base32.encode(Array("12345678901234567890".utf8)) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    }

    @Test func decodesRFC4648VectorsPaddedOrNotInAnyCase() {
        for (plain, encoded) in Self.vectors {
            #expect(Base32.decode(encoded) == Array(plain.utf8))
            #expect(Base32.decode(encoded.lowercased()) == Array(plain.utf8))
            let padding = String(repeating: "=", count: (8 - encoded.count % 8) % 8)
            #expect(Base32.decode(encoded + padding) == Array(plain.utf8))
        }
        #expect(Base32.decode("MZXW 6YTB OI") == Array("foobar".utf8), "grouped as shown on screen")
    }

    @Test func refusesWhatNoEncodingProduces() {
        #expect(Base32.decode("MZXW1") == nil, "1 is not in the alphabet")
        #expect(Base32.decode("M") == nil, "one character cannot hold a byte")
        #expect(Base32.decode("MZX") == nil)
        #expect(Base32.decode("MZ") == nil, "unused bits must be zero: MY is the encoding of f")
        #expect(Base32.decode("MZXW6YTB=OI") == nil)
    }

    @Test func roundTripsEveryLength() {
        for length in 0...41 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 + length) }
            #expect(Base32.decode(Base32.encode(bytes)) == bytes)
        }
    }
}
