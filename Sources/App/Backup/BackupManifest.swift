import Crypto
import Foundation

/// What a backup folder holds, written last into `manifest.json`: when and from which engine it was made,
/// the migrations its database had run, the row count of every table as the copy holds them, and the size
/// and SHA-256 of every file, so that a restore can prove the folder is whole before it touches anything.
struct BackupManifest: Codable, Equatable {
    struct File: Codable, Equatable {
        /// Relative to the backup folder.
        let path: String
        let size: Int64
        let sha256: String
    }

    static let fileName = "manifest.json"
    static let currentFormat = 1

    var format = currentFormat
    var createdAt: Date
    /// `sqlite` or `postgresql`.
    var engine: String
    /// `disk` (attachment files under `files/`) or `database` (in the `blobs` table).
    var fileStorage: String
    /// The database copy: `database.sqlite` or `database.pgdump`.
    var database: String
    /// Migration names in the order they ran; the last is the schema version.
    var migrations: [String]
    var tables: [String: Int]
    var files: [File]

    func write(to folder: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(self).write(to: URL(fileURLWithPath: folder + "/" + Self.fileName), options: .atomic)
    }

    static func read(from folder: String) throws -> BackupManifest {
        let path = folder + "/" + fileName
        // A manifest is a few kilobytes per thousand files; refuse anything absurd before reading it.
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? nil
        guard let size else { throw BackupError(["\(path) 不存在：这不是 liftwatch backup 写的备份目录 / no manifest.json: not a LiftWatch backup"]) }
        guard size <= 256 << 20 else { throw BackupError(["\(path) 大小异常（\(size) 字节）/ manifest too large"]) }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            let manifest = try decoder.decode(BackupManifest.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            guard manifest.format == currentFormat else {
                throw BackupError(["备份格式 \(manifest.format) 不受此版本支持 / backup format \(manifest.format) is not supported"])
            }
            return manifest
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError(["\(path) 无法读取：\(error) / unreadable manifest"])
        }
    }

    /// Every listed file present with its size and hash; the problems found, none when whole.
    func problems(in folder: String) -> [String] {
        files.compactMap { file in
            let path = folder + "/" + file.path
            guard file.path.split(separator: "/").allSatisfy({ $0 != ".." && !$0.isEmpty }), !file.path.hasPrefix("/") else {
                return "清单中的路径不合法 / bad path in manifest: \(file.path)"
            }
            guard let (size, hash) = try? FileDigest.sha256(of: path) else { return "缺少文件 / missing: \(file.path)" }
            if size != file.size || hash != file.sha256 { return "文件已被改动 / changed since the backup: \(file.path)" }
            return nil
        }
    }
}

/// A backup or restore that cannot go on, with every reason, in Chinese and English for the operator.
struct BackupError: Error, CustomStringConvertible {
    let problems: [String]
    init(_ problems: [String]) { self.problems = problems }
    var description: String { problems.joined(separator: "\n") }
}

enum FileDigest {
    /// Size and SHA-256 of a file, read in 1 MB pieces so that memory stays flat for any size.
    static func sha256(of path: String) throws -> (Int64, String) {
        try copy(path, to: nil)
    }

    /// Copies `source` to `target` (when given) while hashing it: one read of each file.
    @discardableResult
    static func copy(_ source: String, to target: String?) throws -> (Int64, String) {
        guard let input = FileHandle(forReadingAtPath: source) else { throw BackupError(["无法读取 / cannot read \(source)"]) }
        defer { try? input.close() }
        var output: FileHandle?
        if let target {
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: target, contents: nil), let handle = FileHandle(forWritingAtPath: target) else {
                throw BackupError(["无法写入 / cannot write \(target)"])
            }
            output = handle
        }
        defer { try? output?.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            try output?.write(contentsOf: chunk)
            size += Int64(chunk.count)
        }
        try output?.synchronize()
        return (size, hasher.finalize().map { String(format: "%02x", $0) }.joined())
    }
}
