import App
import Logging
import Vapor

var env = try Environment.detect()
try LoggingSystem.bootstrap(from: &env)
let app = try await Application.make(env)

do {
    try await configure(app)
    try await app.execute()
} catch let error as AppConfig.Invalid {
    // A configuration problem is the operator's to fix: say it plainly, without a stack of errors.
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    try? await app.asyncShutdown()
    exit(1)
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    throw error
}
try await app.asyncShutdown()
