/// Reed–Solomon error correction codewords as ISO/IEC 18004 §7.5.2 defines them: the remainder of
/// the data polynomial times xⁿ divided by the generator (x − α⁰)(x − α¹)…(x − αⁿ⁻¹).
struct ReedSolomon {
    /// Generator coefficients, highest degree first, without the leading 1.
    let generator: [UInt8]

    init(degree: Int) {
        precondition((1...68).contains(degree), "QR Code blocks use 7 to 68 error correction codewords")
        // Start from the polynomial 1 and multiply by (x − αⁱ) for each i; in GF(2⁸), − is +.
        var coefficients: [UInt8] = [1]
        for i in 0..<degree {
            let root = GaloisField.exp[i]
            var next = coefficients + [0]
            for j in 0..<coefficients.count {
                next[j + 1] ^= GaloisField.multiply(coefficients[j], root)
            }
            coefficients = next
        }
        generator = Array(coefficients.dropFirst())
    }

    /// The error correction codewords for one block of data codewords.
    func remainder(of data: [UInt8]) -> [UInt8] {
        // Polynomial long division, one data codeword at a time (a linear feedback shift register).
        var register = [UInt8](repeating: 0, count: generator.count)
        for byte in data {
            let factor = byte ^ register[0]
            register.removeFirst()
            register.append(0)
            for j in 0..<generator.count {
                register[j] ^= GaloisField.multiply(generator[j], factor)
            }
        }
        return register
    }
}
