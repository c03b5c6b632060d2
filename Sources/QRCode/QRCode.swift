/// Our QR Code encoder (ISO/IEC 18004): the smallest version that holds the text at the asked
/// error correction level, Reed–Solomon blocks, and the mask with the lowest penalty.
public enum QRCode {
    /// Encodes `text` whole: as digits (numeric mode), as upper-case letters, digits and ` $%*+-./:`
    /// (alphanumeric mode), or else as UTF-8 bytes (byte mode, with an ECI naming UTF-8 when the
    /// text is not plain ASCII).
    /// - Throws: `QRCodeError.textTooLong` when even version 40 cannot hold it at this level.
    public static func encode(_ text: String, correction: ErrorCorrection = .medium) throws(QRCodeError) -> QRMatrix {
        let segment = Segment(text)
        guard let version = SymbolVersion.all.first(where: { version in
            segment.countFits(in: version) && segment.bitLength(in: version) <= version.dataCodewords(correction) * 8
        }) else {
            throw .textTooLong(bytes: text.utf8.count, correction: correction)
        }

        let data = Codewords.data(for: segment, version: version, level: correction)
        var grid = ModuleGrid(version: version)
        grid.placeData(Codewords.interleaved(data: data, version: version, level: correction))

        var best: (mask: Int, penalty: Int, dark: [Bool])?
        for mask in DataMask.all {
            var candidate = grid
            candidate.applyMask(mask)
            FormatInformation.place(FormatInformation.bits(level: correction, mask: mask), in: &candidate)
            let penalty = MaskPenalty.score(candidate.dark, size: candidate.size)
            if best == nil || penalty < best!.penalty {
                best = (mask, penalty, candidate.dark)
            }
        }
        return QRMatrix(size: version.size, version: version.number, correction: correction, mask: best!.mask, modules: best!.dark)
    }
}

public enum QRCodeError: Error, Equatable, Sendable {
    /// More than a version 40 symbol holds at this level (2,953 bytes at L, 2,331 at M, 1,663 at Q, 1,273 at H).
    case textTooLong(bytes: Int, correction: ErrorCorrection)
}
