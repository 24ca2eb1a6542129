import Foundation

/// The shared acceptance corpus (`../shared/corpus`, or `GENEWEB_CORPUS_DIR`). Never copied into
/// the repository; tests that need it skip with a message when it is absent
/// (unless `scripts/test` found `../shared`: see `runsTests`).
public enum Corpus {
    public static var directory: URL {
        if let path = ProcessInfo.processInfo.environment["GENEWEB_CORPUS_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return TestEnvironment.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }

    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("README.md").path)
    }

    /// Whether corpus tests run: when the corpus is there, and always when `scripts/test` found
    /// `../shared` (`TestEnvironment.requiresShared`), so a corpus suite cannot pass by skipping.
    public static var runsTests: Bool { isAvailable || TestEnvironment.requiresShared }

    public static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}
