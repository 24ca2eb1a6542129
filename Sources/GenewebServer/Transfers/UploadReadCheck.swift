import Foundation
import GenewebFormats
import GenewebProcesses
import Logging

/// Reads an uploaded file once in a child process (`geneweb check`) before the server reads it.
///
/// The readers bound what they read, but a fault nobody foresaw (a trap on some input) would end
/// the process that meets it: here the child, not the server with every request in flight. The
/// readers are deterministic, so a file the child read to the end is read by the server too; a
/// file that ended the child is refused with 422 and nothing is imported. The price is a second
/// reading of each upload (about as long as `geneweb check` takes on it) and a temporary copy.
struct UploadReadCheck: Sendable {
    /// The `geneweb` executable (the running server's own).
    let executable: URL
    let logger: Logger

    /// Returns when the child read the file to its end (or refused it cleanly: the server's
    /// own reading then gives the same refusal); throws the 422 when the reader failed.
    func check(_ bytes: [UInt8], fileName: String?, format: GenealogyFile.Format) async throws {
        let suffix = fileName?.lowercased().hasSuffix(".gw") == true ? "gw" : "ged"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("geneweb-upload-\(UUID().uuidString).\(suffix)")
        guard FileManager.default.createFile(atPath: file.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw APIError(.internalServerError, detail: "Internal server error")
        }
        defer { try? FileManager.default.removeItem(at: file) }
        // A child that fails is only counted: no backtrace (it takes seconds to print).
        let child = try ChildProcess(
            executable: executable.path, arguments: ["check", "--format", format.rawValue, file.path],
            environment: ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { _, new in new })
        let termination = await withTaskCancellationHandler {
            await child.waitForExit()
        } onCancel: {
            child.send(SIGTERM)
        }
        try Task.checkCancellation()
        guard case .signalled(let status) = termination else { return }
        logger.error("the reader failed on an upload (signal \(status) in `geneweb check`); refused, nothing imported")
        throw APIError.validation([
            FieldError(
                field: "file", message: "the file made the reader fail (signal \(status)); nothing was imported. Please report this file."
            )
        ])
    }
}
