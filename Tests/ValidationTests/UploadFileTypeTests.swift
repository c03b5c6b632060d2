import Testing
import Validation

@Suite struct UploadFileTypeTests {
    @Test("PDF, JPEG and PNG are recognised by their first bytes", arguments: [
        (Array("%PDF-1.7\n".utf8), UploadFileType.pdf),
        ([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10] as [UInt8], .jpeg),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0] as [UInt8], .png),
    ])
    func recognised(bytes: [UInt8], type: UploadFileType) {
        #expect(UploadFileType.sniff(bytes) == type)
    }

    @Test("anything else is refused, whatever it is called", arguments: [
        Array("MZ\u{90}\0".utf8), Array("PK\u{3}\u{4}".utf8), Array("<html>".utf8), Array("%PD".utf8), [UInt8](),
        Array("GIF89a".utf8),
    ])
    func refused(bytes: [UInt8]) {
        #expect(UploadFileType.sniff(bytes) == nil)
    }
}
