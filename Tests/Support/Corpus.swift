import Foundation

/// The shared acceptance corpus (`../shared/corpus`, or `GENEWEB_CORPUS_DIR`). Never copied into
/// the repository; tests that need it skip with a message when it is absent.
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

    public static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}
