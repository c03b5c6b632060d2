import Captcha
@testable import QRCode

/// Texts that fill a version exactly, for capacity edges and for the decoder over all versions.
enum CapacityText {
    /// Bytes a version holds in byte mode (no ECI) at a level.
    static func byteCapacity(version: Int, level: ErrorCorrection) -> Int {
        let symbol = SymbolVersion(version)
        return (symbol.dataCodewords(level) * 8 - 4 - symbol.characterCountBits(.byte)) / 8
    }

    /// Printable ASCII with lower case (so byte mode), different for each version and level.
    static func filling(version: Int, level: ErrorCorrection) -> String {
        text(length: byteCapacity(version: version, level: level), seed: UInt64(version * 4 + level.rawValue))
    }

    static func text(length: Int, seed: UInt64) -> String {
        let characters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !#$%&'()*+,-./:;<=>?@[]^_{|}~")
        var generator = SeededGenerator(seed: seed)
        var text = String((0..<length).map { _ in characters.randomElement(using: &generator)! })
        if length > 0 { text.replaceSubrange(text.startIndex...text.startIndex, with: "x") } // never all digits or capitals
        return text
    }
}
