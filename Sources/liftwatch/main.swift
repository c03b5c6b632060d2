import App
import Logging
import Vapor

var env = try Environment.detect()
// Read here, before anything logs; AppConfig checks the value again and refuses a bad one.
if ProcessInfo.processInfo.environment["LIFTWATCH_LOG_FORMAT"]?.lowercased() == "json" {
    try LoggingSystem.bootstrap(from: &env) { level in { label in JSONLogHandler(label: label, level: level) } }
} else {
    try LoggingSystem.bootstrap(from: &env)
}
Monitoring.bootstrap()
let app = try await Application.make(env)

do {
    // A backup copies the database as it is (before an upgrade, say); a restore needs it untouched.
    let command = env.arguments.dropFirst().first
    try await configure(app, migrate: command != "backup", touchDatabase: command != "restore")
    try await app.execute()
} catch let error as AppConfig.Invalid {
    // A configuration problem is the operator's to fix: say it plainly, without a stack of errors.
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    try? await app.asyncShutdown()
    exit(1)
} catch {
    // A failed command (a refused `demo`, a bad `user create`) or start-up ends with its message and
    // exit code 1, not a crash report.
    app.logger.report(error: error)
    FileHandle.standardError.write(Data(("错误：\(error)\n").utf8))
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
