import Foundation
import Testing
@testable import XLSX

/// Loads a file made by tools/fixtures/make_xlsx_fixtures.py.
func fixture(_ name: String) throws -> Data {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
                           "missing fixture \(name): run tools/fixtures/make_xlsx_fixtures.py")
    return try Data(contentsOf: url)
}

/// Reads a fixture, failing the test with the reader's message if it throws.
func readFixture(_ name: String, limits: XLSXLimits = .init()) throws -> Workbook {
    try XLSXReader.read(try fixture(name), limits: limits)
}

/// The row with this Excel row number.
func row(_ number: Int, of workbook: Workbook) throws -> [Int: CellValue] {
    try #require(workbook.rows.first { $0.number == number }, "no row \(number)").cells
}

/// The calendar date a `.date` cell shows.
func shownDate(_ value: CellValue?, uses1904: Bool = false) -> DateComponents? {
    guard case .date(let serial) = value else { return nil }
    return ExcelDate.components(serial: serial, uses1904: uses1904)
}

func day(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> DateComponents {
    DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
}

/// A part of an .xlsx as text, read with the library's own zip code.
func part(_ path: String, of data: Data) throws -> String {
    let directory = try ZipDirectory(data: data)
    let extractor = ZipPartExtractor(directory: directory, budget: 50 << 20)
    let entry = try #require(directory.entry(named: path), "no part \(path)")
    return String(decoding: try extractor.extract(entry), as: UTF8.self)
}

/// The error `body` throws, or nil when it does not throw.
func xlsxError(_ body: () throws -> Void) -> XLSXError? {
    do {
        try body()
        return nil
    } catch let error as XLSXError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

/// Runs `body` on its own thread and gives up waiting after `seconds`, so that a read that spins
/// forever (as ZIPFoundation 0.9.20's own inflate loop does on a cut stream) fails the test instead
/// of hanging the whole run: Swift Testing's time limit cannot interrupt synchronous code.
func withWatchdog<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () -> T) -> T? {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        box.value = body()
        done.signal()
    }
    guard done.wait(timeout: .now() + seconds) == .success else {
        Issue.record("did not finish within \(seconds) s")
        return nil
    }
    return box.value
}

private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T?
    var value: T? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
