@testable import App
import Foundation
import Testing

@Suite("Finding the shipped files wherever liftwatch is installed")
struct InstallLayoutTests {
    /// A release laid out as scripts/install does: bin/liftwatch beside Resources/ and Public/.
    static func makeRelease() throws -> String {
        let prefix = NSTemporaryDirectory() + "liftwatch-layout-\(UUID().uuidString)"
        for folder in ["bin", "Resources/Views", "Resources/Data", "Public/css"] {
            try FileManager.default.createDirectory(atPath: prefix + "/" + folder, withIntermediateDirectories: true)
        }
        for file in ["bin/liftwatch", "Resources/Data/regions.csv", "Resources/Data/maintenance-items.csv"] {
            FileManager.default.createFile(atPath: prefix + "/" + file, contents: Data())
        }
        return prefix
    }

    @Test("an installed binary finds the files beside its bin/ folder, whatever the working directory")
    func besideBinary() throws {
        let prefix = try Self.makeRelease()
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let layout = try InstallLayout.locate(environment: [:], executable: prefix + "/bin/liftwatch",
                                              workingDirectory: NSTemporaryDirectory(), checkout: "/nonexistent")
        #expect(layout.root == URL(fileURLWithPath: prefix).standardizedFileURL.path + "/")
    }

    @Test("LIFTWATCH_HOME is the only place looked in when set")
    func homeOnly() throws {
        let prefix = try Self.makeRelease()
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let found = try InstallLayout.locate(environment: ["LIFTWATCH_HOME": prefix], executable: nil,
                                             workingDirectory: "/", checkout: "/nonexistent")
        #expect(found.root.hasSuffix("/") && FileManager.default.fileExists(atPath: found.root + "Resources/Data/regions.csv"))
        // A wrong LIFTWATCH_HOME is an error, even though the binary's folder would have had the files.
        #expect {
            try InstallLayout.locate(environment: ["LIFTWATCH_HOME": "/srv/elsewhere"], executable: prefix + "/bin/liftwatch",
                                     workingDirectory: "/", checkout: "/nonexistent")
        } throws: { error in
            let message = "\(error)"
            return message.contains("/srv/elsewhere") && !message.contains(prefix) && message.contains("LIFTWATCH_HOME")
        }
    }

    @Test("nothing found: one message in Chinese and English naming every folder looked in")
    func notFound() throws {
        let empty = NSTemporaryDirectory() + "liftwatch-empty-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: empty + "/bin", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect {
            try InstallLayout.locate(environment: [:], executable: empty + "/bin/liftwatch", workingDirectory: "/tmp/work",
                                     checkout: "/nonexistent")
        } throws: { error in
            let message = "\(error)"
            return message.contains("找不到 LiftWatch 的资源文件") && message.contains("cannot find LiftWatch's resources")
                && message.contains(empty + "/bin") && message.contains("/tmp/work") && message.contains("/nonexistent")
        }
    }

    @Test("the checkout this test was built from has everything (swift run from any folder)")
    func checkout() throws {
        let layout = try InstallLayout.locate(environment: [:], executable: nil, workingDirectory: "/")
        #expect(layout.root == TestDatabase.packageRoot + "/" || layout.root == TestDatabase.packageRoot)
    }
}
