import Foundation

/// An append-only temporary file with a small write buffer: the writer's sheet rows go to disk as
/// they come, so memory stays flat however many rows an export has.
final class TemporaryFileOutput {
    let url: URL
    private let handle: FileHandle
    private var buffer = Data()
    private static let flushThreshold = 256 * 1024
    private(set) var size = 0
    private var isClosed = false

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("liftwatch-xlsx-\(UUID().uuidString).xml")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(Self.flushThreshold + 64 * 1024)
    }

    func write(_ text: String) throws {
        var text = text
        text.withUTF8 { bytes in buffer.append(bytes) }
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        size += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes; the file stays until `remove()`.
    func close() throws {
        try flush()
        isClosed = true
        try handle.close()
    }

    func remove() {
        if !isClosed {
            isClosed = true
            try? handle.close()
        }
        try? FileManager.default.removeItem(at: url)
    }
}
