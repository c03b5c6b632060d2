import Foundation

/// Where the files shipped with the program are: the page templates (`Resources/Views`), the region and
/// maintenance-item lists (`Resources/Data`) and the stylesheets and scripts (`Public`). An installed
/// release keeps them beside its `bin/` folder; a checkout run with `swift run` has them at its root.
/// Whatever the working directory, `liftwatch` looks in order: `LIFTWATCH_HOME` (only there, when set),
/// the binary's folder and the one above it, the working directory, and the checkout it was built from.
/// Data (`./data`) stays relative to the working directory: an install never writes under its own folder.
public struct InstallLayout: Equatable, Sendable {
    /// The folder holding `Resources/` and `Public/`, with a trailing slash (as Vapor's directories have).
    public let root: String

    static let required = ["Resources/Views", "Resources/Data/regions.csv", "Resources/Data/maintenance-items.csv", "Public"]

    /// The checkout this binary was compiled from (this file is Sources/App/Core/InstallLayout.swift).
    public static let checkout: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static func locate(environment: [String: String], executable: String?, workingDirectory: String,
                              checkout: String = InstallLayout.checkout) throws -> InstallLayout {
        var candidates: [String] = []
        if let home = environment["LIFTWATCH_HOME"]?.trimmingCharacters(in: .whitespaces), !home.isEmpty {
            candidates = [home.hasPrefix("/") ? home : workingDirectory + "/" + home]
        } else {
            if let executable {
                let folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
                candidates += [folder.path, folder.deletingLastPathComponent().path]
            }
            candidates += [workingDirectory, checkout]
        }
        let standardized = candidates.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        if let root = standardized.first(where: isComplete) {
            return InstallLayout(root: root.hasSuffix("/") ? root : root + "/")
        }
        var seen: [String] = []
        for folder in standardized where !seen.contains(folder) { seen.append(folder) }
        let looked = seen.joined(separator: ", ")
        throw AppConfig.Invalid(problems: [
            "找不到 LiftWatch 的资源文件（\(required.joined(separator: "、"))），已查找：\(looked)。"
                + "请把 LIFTWATCH_HOME 设为安装目录（含 Resources 和 Public 的文件夹）。",
            "cannot find LiftWatch's resources (\(required.joined(separator: ", "))); looked in: \(looked). "
                + "Set LIFTWATCH_HOME to the install folder (the one holding Resources and Public).",
        ])
    }

    static func isComplete(_ folder: String) -> Bool {
        required.allSatisfy { FileManager.default.fileExists(atPath: folder + "/" + $0) }
    }

    /// This process's binary, symlinks resolved (an install may link it from /usr/local/bin).
    public static func currentExecutable() -> String? {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return target }
        return Bundle.main.executablePath.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
    }
}
