import Foundation

/// An `InputStream` whose bytes come from a closure, chunk by chunk, so that XMLParser (which reads a
/// stream in small chunks and hands each to libxml2) parses a part while it is being inflated.
///
/// XMLParser keeps reading after a delegate aborts, so `isStopped` ends the stream early, and it
/// ignores a read error, so the error is kept here for `XMLPartParser` to throw.
final class ChunkInputStream: InputStream {
    private let produce: (UnsafeMutablePointer<UInt8>, Int) throws -> Int
    private let isStopped: () -> Bool
    private(set) var failure: XLSXError?

    init(isStopped: @escaping () -> Bool, produce: @escaping (UnsafeMutablePointer<UInt8>, Int) throws -> Int) {
        self.produce = produce
        self.isStopped = isStopped
        super.init(data: Data())
    }

    override func open() {}
    override func close() {}
    override var hasBytesAvailable: Bool { failure == nil && !isStopped() }
    // XMLParser asks after a failed read; the inherited getter reads a CoreFoundation stream we never open.
    override var streamError: Error? { failure }
    override var streamStatus: Stream.Status { failure == nil ? .open : .error }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength: Int) -> Int {
        guard failure == nil, !isStopped() else { return failure == nil ? 0 : -1 }
        do {
            return try produce(buffer, maxLength)
        } catch let error as XLSXError {
            failure = error
        } catch {
            failure = .malformed("\(error)")
        }
        return -1
    }
}
