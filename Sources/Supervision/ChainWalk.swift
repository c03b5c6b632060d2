/// Walks one hash chain (a company's maintenance records, the audit log) in sequence order and says what
/// is wrong with each link: a gap before it (links removed), a previous hash other than its predecessor's
/// hash (removed, inserted or reordered), or stored content that no longer gives its stored hash (changed).
/// Each chain words the problems for its own readers; the rules are the same for all.
public struct ChainWalk: Sendable {
    public enum Problem: Equatable, Sendable {
        /// Links `expected` ..< `sequence` are missing (or the first link does not start at 1).
        case missingBefore(expected: Int)
        /// The link does not name its predecessor's hash.
        case brokenLink
        /// The stored content no longer matches the stored hash.
        case altered
    }

    /// The sequence number the next link should carry.
    public private(set) var expectedSequence = 1
    /// The hash the next link should name as its predecessor's ("" before the first).
    public private(set) var lastHash = ""

    public init() {}

    /// Checks the next link, given in sequence order, and moves past it. A gap is reported once, at the
    /// link after it, and the walk continues from that link, so one removed link is one problem, not one
    /// for every later link.
    public mutating func check(sequence: Int, previousHash: String, hash: String, recomputedHash: String) -> [Problem] {
        var problems: [Problem] = []
        if sequence != expectedSequence { problems.append(.missingBefore(expected: expectedSequence)) }
        if previousHash != lastHash { problems.append(.brokenLink) }
        if recomputedHash != hash { problems.append(.altered) }
        expectedSequence = sequence + 1
        lastHash = hash
        return problems
    }
}
