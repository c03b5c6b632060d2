/// Comparison whose time does not depend on where two values first differ, so that a caller
/// timing the answers learns nothing about how much of a guessed code was right.
public enum ConstantTime {
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        // The length is no secret: every code of one configuration has the same number of digits.
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
