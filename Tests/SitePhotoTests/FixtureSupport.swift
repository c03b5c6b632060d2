import Foundation
import Testing
@testable import SitePhoto

/// Loads a file written by Fixtures/make_fixtures.py.
func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
                           "missing fixture \(name): run Fixtures/make_fixtures.py")
    return [UInt8](try Data(contentsOf: url))
}

func processedFixture(_ name: String, limits: SitePhotoLimits = .init()) throws -> ProcessedPhoto {
    try SitePhotoProcessor.process(try fixture(name), limits: limits)
}

/// The error `process` throws, or nil if it accepts the data.
func failure(_ data: [UInt8], limits: SitePhotoLimits = .init()) -> SitePhotoError? {
    do throws(SitePhotoError) {
        _ = try SitePhotoProcessor.process(data, limits: limits)
        return nil
    } catch {
        return error
    }
}

/// The distinct scenes; every pair must hash far apart.
let distinctSceneFixtures = ["scene_a.jpg", "scene_b.jpg", "scene_c.jpg", "scene_d.jpg", "scene_e.jpg", "scene_f.jpg"]

/// Deterministic bytes for fuzzing, so a failure can be reproduced from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
}
