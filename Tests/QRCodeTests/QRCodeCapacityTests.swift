import Testing
@testable import QRCode

/// The longest text a version holds stays in it; one more character moves to the next version.
@Suite struct QRCodeCapacityTests {
    /// Byte-mode capacities from the standard's Table 7.
    @Test(arguments: [
        (1, ErrorCorrection.L, 17), (1, .M, 14), (1, .Q, 11), (1, .H, 7),
        (2, .L, 32), (2, .M, 26), (9, .L, 230), (9, .M, 180), (10, .M, 213), (10, .H, 119),
        (25, .L, 1273), (25, .M, 997), (25, .Q, 715), (25, .H, 535), (27, .L, 1465),
        (40, .L, 2953), (40, .M, 2331), (40, .Q, 1663), (40, .H, 1273),
    ])
    func byteCapacityEdges(version: Int, level: ErrorCorrection, capacity: Int) throws {
        #expect(CapacityText.byteCapacity(version: version, level: level) == capacity)
        let fitting = CapacityText.text(length: capacity, seed: 1)
        #expect(try QRCode.encode(fitting, correction: level).version == version)
        let oneMore = fitting + "x"
        if version < 40 {
            #expect(try QRCode.encode(oneMore, correction: level).version == version + 1)
        } else {
            #expect(throws: QRCodeError.textTooLong(bytes: capacity + 1, correction: level)) {
                try QRCode.encode(oneMore, correction: level)
            }
        }
    }

    @Test(arguments: [(1, ErrorCorrection.L, 41), (1, .H, 17), (10, .M, 513), (40, .L, 7089), (40, .H, 3057)])
    func numericCapacityEdges(version: Int, level: ErrorCorrection, capacity: Int) throws {
        let digits = String(repeating: "1234567890", count: capacity / 10 + 1).prefix(capacity)
        #expect(try QRCode.encode(String(digits), correction: level).version == version)
        if version < 40 {
            #expect(try QRCode.encode(digits + "1", correction: level).version == version + 1)
        } else {
            #expect(throws: QRCodeError.self) { try QRCode.encode(digits + "1", correction: level) }
        }
    }

    @Test(arguments: [(1, ErrorCorrection.L, 25), (1, .Q, 16), (40, .L, 4296), (40, .H, 1852)])
    func alphanumericCapacityEdges(version: Int, level: ErrorCorrection, capacity: Int) throws {
        let text = String(repeating: "LIFT WATCH:2FA-", count: capacity / 15 + 1).prefix(capacity)
        #expect(try QRCode.encode(String(text), correction: level).version == version)
        if version < 40 {
            #expect(try QRCode.encode(text + "A", correction: level).version == version + 1)
        } else {
            #expect(throws: QRCodeError.self) { try QRCode.encode(text + "A", correction: level) }
        }
    }

    /// UTF-8 text pays 12 bits for its ECI: at 1-M, 13 bytes remain, so four Chinese characters.
    @Test func chineseTextAtVersionOneEdge() throws {
        #expect(try QRCode.encode("电梯维保", correction: .medium).version == 1)
        #expect(try QRCode.encode("电梯维保站", correction: .medium).version == 2)
    }
}
