/// A finished QR Code symbol: a square of dark and light modules, without the quiet zone.
public struct QRMatrix: Sendable, Equatable {
    /// Modules per side (21 for version 1 up to 177 for version 40).
    public let size: Int
    /// The version (1–40) chosen for the text.
    public let version: Int
    public let correction: ErrorCorrection
    /// The data mask (0–7) that scored the lowest penalty.
    public let mask: Int
    let modules: [Bool]

    /// Whether the module in column `x`, row `y` (from the top left, 0-based) is dark.
    public func isDark(x: Int, y: Int) -> Bool {
        precondition(x >= 0 && x < size && y >= 0 && y < size, "module (\(x), \(y)) outside a \(size)×\(size) symbol")
        return modules[y * size + x]
    }
}
