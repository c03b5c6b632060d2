import Captcha
import Foundation
import Testing
@testable import QRCode

/// The encoder's output read back by an independent decoder (zxing-cpp, run as a Python
/// subprocess): the only test that the symbols are right as a phone would see them, rather than
/// right as we understood the standard. Needs `python3 -m pip install zxing-cpp pillow`
/// (scripts/install-test-deps); without it the test fails and says so.
@Suite struct QRDecoderTests {
    struct Case {
        let text: String
        let level: ErrorCorrection
        var expectedVersion: Int?
    }

    static let chineseIssuer = "新乡市电梯维保监管系统"

    static var payloads: [String] {
        let issuer = chineseIssuer.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        return [
            "otpauth://totp/\(issuer):zhangsan?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=\(issuer)&algorithm=SHA1&digits=6&period=30",
            chineseIssuer,
            "\(chineseIssuer)：管理员 张三（二次验证）",
            "电梯 🛗 Aufzug ascenseur",
            "HELLO WORLD",
            "LIFTWATCH $%*+-./: 2FA",
            String(repeating: "0123456789", count: 30),
            "a",
            CapacityText.text(length: 100, seed: 7),
            CapacityText.text(length: 600, seed: 8),
            String(repeating: "维保记录", count: 100), // 1,200 bytes: version 39 at H
        ]
    }

    static var cases: [Case] {
        var cases: [Case] = []
        for level in ErrorCorrection.allCases {
            cases += payloads.map { Case(text: $0, level: level) }
            // Every version at every level, each filled to its last byte.
            cases += (1...40).map { Case(text: CapacityText.filling(version: $0, level: level), level: level, expectedVersion: $0) }
        }
        return cases
    }

    @Test func zxingDecodesEveryPayloadAtEveryLevelAndVersion() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qrcode-decoder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let cases = Self.cases
        var files: [String] = []
        for (index, testCase) in cases.enumerated() {
            let matrix = try QRCode.encode(testCase.text, correction: testCase.level)
            if let version = testCase.expectedVersion { #expect(matrix.version == version) }
            let file = folder.appendingPathComponent("\(index).pgm")
            try Self.pgm(matrix).write(to: file)
            files.append(file.path)
        }

        guard let decoded = try Self.decode(files, in: folder) else { return }
        for (index, testCase) in cases.enumerated() {
            let codes = decoded[files[index]] ?? []
            let label = "case \(index): \(testCase.level), \(testCase.text.utf8.count) bytes, \(testCase.text.prefix(30))…"
            guard codes.count == 1, let code = codes.first else {
                Issue.record("zxing-cpp found \(codes.count) QR codes, expected 1 — \(label)")
                continue
            }
            #expect(code.text == testCase.text, "\(label)")
            #expect(code.ecLevel == "LMQH".map(String.init)[testCase.level.rawValue], "\(label)")
        }
    }

    /// The PNG path the app would serve: our QR matrix through the captcha's PNG encoder.
    @Test func zxingDecodesThePNGRendering() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qrcode-png-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let text = Self.payloads[0]
        let image = try QRCode.encode(text).rgbPixels(scale: 3)
        let file = folder.appendingPathComponent("otpauth.png")
        try Data(PNGEncoder.encodeRGB(width: image.width, height: image.height, pixels: image.pixels)).write(to: file)
        guard let decoded = try Self.decode([file.path], in: folder) else { return }
        #expect(decoded[file.path]?.map(\.text) == [text])
    }

    // MARK: - Support

    struct DecodedCode: Decodable {
        let text: String
        let ecLevel: String

        enum CodingKeys: String, CodingKey {
            case text
            case ecLevel = "ec_level"
        }
    }

    /// A binary greyscale image (PGM), 2 pixels per module, with the 4-module quiet zone.
    static func pgm(_ matrix: QRMatrix) -> Data {
        let image = matrix.rgbPixels(scale: 2)
        var data = Data("P5\n\(image.width) \(image.height)\n255\n".utf8)
        data.append(contentsOf: stride(from: 0, to: image.pixels.count, by: 3).map { image.pixels[$0] })
        return data
    }

    /// Runs decode_qr.py over the files; records an issue and returns nil when it cannot run.
    static func decode(_ files: [String], in folder: URL) throws -> [String: [DecodedCode]]? {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("decode_qr.py")
        let output = folder.appendingPathComponent("decoded.jsonl")
        let errors = folder.appendingPathComponent("errors.txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + files
        // To files, not pipes: hundreds of results would fill a pipe and block the decoder.
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        process.waitUntilExit()

        let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            let hint = process.terminationStatus == 3 ? "" : " (is python3 installed? then `bash scripts/install-test-deps`)"
            Issue.record("The QR decoder could not run (exit \(process.terminationStatus))\(hint): \(message)")
            return nil
        }
        var results: [String: [DecodedCode]] = [:]
        struct Line: Decodable { let file: String; let codes: [DecodedCode] }
        for line in try String(contentsOf: output, encoding: .utf8).split(separator: "\n") {
            let parsed = try JSONDecoder().decode(Line.self, from: Data(line.utf8))
            results[parsed.file] = parsed.codes
        }
        return results
    }
}
