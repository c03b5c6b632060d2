import Vapor

/// `liftwatch backup DIR`: see `BackupService`. Runs beside a serving instance; migrates nothing, so a
/// database can be backed up before an upgrade.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "folder", help: "a new (or empty) folder for the backup")
        var folder: String
    }

    var help: String { "Backs up the database and attachment files into a new folder, with a manifest of row counts and SHA-256s" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let manifest = try await BackupService(app: context.application).backup(to: signature.folder)
        let rows = manifest.tables.values.reduce(0, +)
        context.console.print("已备份到 \(signature.folder)：\(manifest.tables.count) 张表共 \(rows) 行，"
                              + "\(manifest.files.count) 个文件，数据库版本 \(manifest.migrations.last ?? "-")")
    }
}

/// `liftwatch restore DIR`: see `RestoreService`. Only into an empty database and file folder.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "folder", help: "a folder written by liftwatch backup")
        var folder: String
    }

    var help: String { "Restores a backup into an empty database and file folder, migrates it and verifies the records" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let report = try await RestoreService(app: context.application).restore(from: signature.folder)
        for line in report.lines { context.console.print(line) }
    }
}
