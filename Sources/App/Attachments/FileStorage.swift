import Fluent
import Foundation
import Vapor

/// Where attachment bytes are kept, addressed by their SHA-256: the same file uploaded twice is
/// stored once, and stored bytes never change.
protocol FileStorage: Sendable {
    func put(_ data: Data, sha256: String, on db: any Database) async throws
    func get(sha256: String, on db: any Database) async throws -> Data?
    /// Why a file could not be stored now (for `/readyz`), or nil when it could.
    func writeProblem(on db: any Database) async -> String?
}

/// A folder on disk (the default): `root/ab/abcdef…`.
struct DiskFileStorage: FileStorage {
    let root: String

    func path(_ sha256: String) -> String { "\(root)/\(sha256.prefix(2))/\(sha256)" }

    func put(_ data: Data, sha256: String, on db: any Database) async throws {
        let target = path(sha256)
        if FileManager.default.fileExists(atPath: target) { return }
        let folder = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Written under a temporary name and moved into place, so no reader sees half a file.
        let temporary = folder + "/.\(UUID().uuidString).part"
        try data.write(to: URL(fileURLWithPath: temporary))
        if rename(temporary, target) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            if !FileManager.default.fileExists(atPath: target) { throw AppError.badRequest("附件保存失败") }
        }
    }

    func get(sha256: String, on db: any Database) async throws -> Data? {
        FileManager.default.contents(atPath: path(sha256))
    }

    /// A probe file written and removed under the root: a full disk, a read-only mount or a folder
    /// owned by someone else all show here before an upload fails.
    func writeProblem(on db: any Database) async -> String? {
        let probe = "\(root)/.ready-\(UUID().uuidString)"
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try Data("ready".utf8).write(to: URL(fileURLWithPath: probe))
            try FileManager.default.removeItem(atPath: probe)
            return nil
        } catch {
            return "cannot write to \(root): \(error.localizedDescription)"
        }
    }
}

/// The `blobs` table, for several app instances without a shared folder.
struct DatabaseFileStorage: FileStorage {
    func put(_ data: Data, sha256: String, on db: any Database) async throws {
        if try await StoredBlob.find(sha256, on: db) != nil { return }
        try await StoredBlob(sha256: sha256, data: data).create(on: db)
    }

    func get(sha256: String, on db: any Database) async throws -> Data? {
        try await StoredBlob.find(sha256, on: db)?.data
    }

    /// The blobs live in the database, which the readiness check asks on its own.
    func writeProblem(on db: any Database) async -> String? { nil }
}
