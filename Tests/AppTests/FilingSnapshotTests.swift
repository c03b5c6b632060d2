@testable import App
import Foundation
import Testing

/// A snapshot's JSON is written by hand (`FilingSnapshot.encoded`); the history written before was
/// Foundation's. The two must be the same bytes, for any text a clerk or a hostile sheet can put in a field.
@Suite("A filing snapshot's JSON is Foundation's, byte for byte")
struct FilingSnapshotTests {
    static func foundation(_ snapshot: FilingSnapshot) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(snapshot), as: UTF8.self)
    }

    static let texts: [String] = [
        "", "张三", "新乡市红旗区\"人民路\"1号", "a\\b", "http://x/y", "</script>", "line\nbreak\r\n", "tab\there",
        "\u{8}\u{C}", "emoji 🛗 and joiner 👩‍🔧", "\u{2028}\u{2029}", "\u{7F}\u{80}\u{9F}", "ｆｕｌｌ　ｗｉｄｔｈ",
        String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }),
    ]

    @Test func sameBytesAsFoundation() throws {
        for text in Self.texts {
            let snapshot = FilingSnapshot(
                fields: [.init(key: "name", label: text, value: text), .init(key: text, label: "电话", value: "")],
                attachments: [.init(id: UUID(), name: text, size: 1_234_567, sha256: String(repeating: "ab", count: 32),
                                    contentType: "application/pdf"),
                              .init(id: UUID(), name: "证书.jpg", size: 0, sha256: "", contentType: text)])
            #expect(snapshot.encoded() == (try Self.foundation(snapshot)), "text: \(text.debugDescription)")
            #expect(FilingSnapshot.decode(snapshot.encoded()) == snapshot)
        }
        #expect(FilingSnapshot.empty.encoded() == (try Self.foundation(.empty)))
    }

    @Test func everyControlAndAsciiCharacter() throws {
        for value in UInt32(0)..<0x100 {
            let text = "x\(Unicode.Scalar(value)!)y"
            let snapshot = FilingSnapshot(fields: [.init(key: "k", label: "l", value: text)], attachments: [])
            #expect(snapshot.encoded() == (try Self.foundation(snapshot)), "U+\(String(value, radix: 16))")
        }
    }
}
