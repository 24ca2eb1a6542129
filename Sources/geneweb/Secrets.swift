import ArgumentParser
import Foundation

/// `geneweb secrets`: new random keys for production, and the `fly secrets set` line.
struct Secrets: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print new values for GENEWEB_SECURITY_SECRET_KEY and GENEWEB_SECURITY_ENCRYPTION_KEY.",
        discussion: """
            Each key is 48 random bytes from the system's generator, base64url-encoded (64 characters).
            Set them once; changing GENEWEB_SECURITY_SECRET_KEY signs everyone out.
            GENEWEB_SECURITY_ENCRYPTION_KEY seals personal fields at rest (docs/security.md); to change
            it, keep the old one in GENEWEB_SECURITY_ENCRYPTION_OLD_KEYS and run `geneweb reencrypt`.
            """
    )

    @Flag(help: "Print only the two values, one per line.")
    var raw = false

    @Option(help: "Fly app name for the printed `fly secrets set` line.")
    var app = "geneweb-api"

    func run() throws {
        let secret = Self.randomKey()
        let encryption = Self.randomKey()
        if raw {
            say(secret)
            say(encryption)
            return
        }
        say("GENEWEB_SECURITY_SECRET_KEY=\(secret)")
        say("GENEWEB_SECURITY_ENCRYPTION_KEY=\(encryption)")
        say("")
        say("fly secrets set --app \(app) GENEWEB_SECURITY_SECRET_KEY=\(secret) GENEWEB_SECURITY_ENCRYPTION_KEY=\(encryption)")
    }

    static func randomKey() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<48).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
