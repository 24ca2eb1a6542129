import Foundation

/// Facts about the test run, read from the environment that `scripts/test` prepares.
public enum TestEnvironment {
    /// The package's root folder (this file is Tests/Support/TestEnvironment.swift).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// True under CI, where nothing may be skipped for lack of PostgreSQL or the binary.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "false" } ?? false }

    /// The server URL of the test PostgreSQL started by `scripts/test`, if any.
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["GENEWEB_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether PostgreSQL tests should run: when the server is there, and always under CI (where its
    /// absence must fail the run rather than skip).
    public static var runsPostgresTests: Bool { postgresURL != nil || isCI }

    /// The built `geneweb` executable: `GENEWEB_BINARY`, else the debug build folder.
    public static var binary: URL? {
        if let path = ProcessInfo.processInfo.environment["GENEWEB_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let candidate = packageRoot.appendingPathComponent(".build/debug/geneweb")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }

    /// Whether tests of the real binary should run (always under CI).
    public static var runsBinaryTests: Bool { binary != nil || isCI }

    /// True when `scripts/test` found `../shared` (corpus and reference documents) next to the
    /// checkout: then suites that read it must run, so a wrong path fails instead of skipping.
    public static var requiresShared: Bool { ProcessInfo.processInfo.environment["GENEWEB_REQUIRE_SHARED"] == "1" }

    /// The Python service's OpenAPI document, our compatibility contract (`../shared/reference`).
    public static let pythonReferenceDocument: URL = packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/reference/python-geneweb-api.openapi.json")

    /// Whether tests against the Python service's document run: when it is there, and always when
    /// `../shared` is required.
    public static var runsPythonReferenceTests: Bool {
        FileManager.default.fileExists(atPath: pythonReferenceDocument.path) || requiresShared
    }

    /// `scripts/pg-cluster`, for tests that need a PostgreSQL of their own to stop and start.
    public static var pgClusterScript: URL { packageRoot.appendingPathComponent("scripts/pg-cluster") }
}

/// A folder deleted when the value is released.
public final class TemporaryDirectory: Sendable {
    public let url: URL

    public init(prefix: String = "geneweb-test") {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public var path: String { url.path }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
