import Foundation
import GenewebTestSupport
import Testing

/// `docs/configuration.md` and the code name the same environment variables.
@Suite("docs/configuration.md matches the code")
struct ConfigurationDocumentTests {
    static let pattern = #"(GENEWEB_[A-Z0-9_]+|DATABASE_URL|FLY_[A-Z_]+)"#

    /// Variables the code reads: string literals passed to the environment reader.
    static func variablesInCode() throws -> Set<String> {
        let sources = TestEnvironment.packageRoot.appendingPathComponent("Sources")
        var names = Set<String>()
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            let reads = try NSRegularExpression(pattern: #"env\.[a-z]+\(\s*"([A-Z0-9_]+)""#)
            for match in reads.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { names.insert(String(text[range])) }
            }
            // The storage URL variables are read through a tuple, not `env.x("...")` directly.
            for name in ["DATABASE_URL", "GENEWEB_DB_DATABASE_URL"] where text.contains("env.string(\"\(name)\")") {
                names.insert(name)
            }
        }
        return names
    }

    static func variablesInDocument() throws -> Set<String> {
        let text = try String(contentsOf: TestEnvironment.packageRoot.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        let regex = try NSRegularExpression(pattern: "`" + pattern + "`")
        var names = Set<String>()
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let row = String(line)
            let firstCell = row.split(separator: "|").first.map(String.init) ?? ""
            for match in regex.matches(in: firstCell, range: NSRange(firstCell.startIndex..., in: firstCell)) {
                if let range = Range(match.range(at: 1), in: firstCell) { names.insert(String(firstCell[range])) }
            }
        }
        return names
    }

    @Test("every variable the code reads is documented, and every documented one is read")
    func sameVariables() throws {
        let code = try Self.variablesInCode()
        let document = try Self.variablesInDocument()
        #expect(code.count >= 20)
        #expect(code.subtracting(document).isEmpty, "undocumented: \(code.subtracting(document).sorted())")
        #expect(document.subtracting(code).isEmpty, "documented but not read: \(document.subtracting(code).sorted())")
    }
}
