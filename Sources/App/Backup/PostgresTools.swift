import Foundation

/// PostgreSQL's own dump and restore programs (`pg_dump`, `pg_restore`, from the postgresql-client
/// package), run with the configured database. The password goes in the child's environment, never on
/// its command line, where any user of the machine could read it.
struct PostgresTools {
    let url: String

    /// The newest installed version's program (a dump needs a pg_dump at least as new as the server),
    /// else the one on the PATH.
    static func program(_ name: String) throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap { Int($0) }.sorted(by: >)
        for version in versions where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/\(name)") {
            return "\(root)/\(version)/bin/\(name)"
        }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
            return "\(folder)/\(name)"
        }
        throw BackupError(["找不到 \(name)：请安装 PostgreSQL 客户端（Debian: apt-get install postgresql-client）/ \(name) not found: install postgresql-client"])
    }

    /// The URL without its password, and the password for `PGPASSWORD`.
    var connection: (url: String, password: String?) {
        guard var components = URLComponents(string: url) else { return (url, nil) }
        let password = components.password
        components.password = nil
        return (components.string ?? url, password)
    }

    func dump(to file: String, snapshot: String?) async throws {
        var arguments = ["--format=custom", "--no-owner", "--no-privileges", "--file=\(file)"]
        if let snapshot { arguments.append("--snapshot=\(snapshot)") }
        try await run(try Self.program("pg_dump"), arguments + [connection.url])
    }

    func restore(from file: String) async throws {
        try await run(try Self.program("pg_restore"),
                      ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname=\(connection.url)", file])
    }

    private func run(_ program: String, _ arguments: [String]) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        if let password = connection.password { environment["PGPASSWORD"] = password }
        process.environment = environment
        // Its messages to a file, not a pipe: a chatty program must never block on a full pipe.
        let log = NSTemporaryDirectory() + "liftwatch-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: log) }
        let errors = FileHandle(forWritingAtPath: log)
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        try? errors?.close()
        // What the program said, its first 8 KB only (read no more): enough to tell the operator why it failed.
        let reader = FileHandle(forReadingAtPath: log)
        let said = String(decoding: (try? reader?.read(upToCount: 8192)) ?? Data(), as: UTF8.self)
        try? reader?.close()
        guard status == 0 else {
            throw BackupError(["\((program as NSString).lastPathComponent) 失败（退出码 \(status)）/ failed: \(said.trimmingCharacters(in: .whitespacesAndNewlines))"])
        }
    }
}
