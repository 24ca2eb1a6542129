import ArgumentParser
import Foundation
import GenewebServer
import GenewebStore
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// `geneweb user ...`: account management from the server's machine, e.g. the first admin.
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage user accounts (create, list, set-role, disable, enable, reset-password).",
        discussion: """
            Works on the same database as `serve` (DATABASE_URL or the SQLite file in GENEWEB_DATA_DIR).

            Passwords are read from a prompt without echo, or from the first line of standard input \
            when it is not a terminal:

              printf '%s\\n' "$PASSWORD" | geneweb user create alice --role admin

            Passwords need 12 characters or more, must differ from the username and from the last 5.
            """,
        subcommands: [Create.self, List.self, SetRole.self, Disable.self, Enable.self, ResetPassword.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account.")
        @Argument(help: "Username (3 to 50 letters, digits, '.', '_', '-', '@').") var name: String
        @Option(help: "admin, editor or viewer.") var role: String = "viewer"
        @Option(help: "Email address.") var email: String = ""
        @Option(name: .customLong("full-name"), help: "Full name.") var fullName: String = ""
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let role = try parseRole(role)
            let password = try readPassword(confirm: true)
            try await withAccounts(storage) { accounts in
                let user = try await accounts.createUser(username: name, password: password, email: email, fullName: fullName, role: role)
                say("created \(user.role.rawValue) \(user.username) (\(user.id.uuidString.lowercased()))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            try await withAccounts(storage) { accounts in
                let users = try await accounts.allUsers()
                if users.isEmpty { say("no accounts") }
                for user in users {
                    let state = user.isActive ? "active" : "disabled"
                    say("\(user.username)\t\(user.role.rawValue)\t\(state)\t\(user.email)\t\(user.id.uuidString.lowercased())")
                }
            }
        }
    }

    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-role", abstract: "Change an account's role.")
        @Argument var name: String
        @Argument(help: "admin, editor or viewer.") var role: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let role = try parseRole(role)
            try await withAccounts(storage) { accounts in
                let user = try await existing(name, in: accounts)
                _ = try await accounts.update(user, role: role)
                say("\(user.username) is now \(role.rawValue)")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account and end its sessions.")
        @Argument var name: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            try await withAccounts(storage) { accounts in
                let user = try await existing(name, in: accounts)
                _ = try await accounts.update(user, isActive: false)
                say("\(user.username) is disabled")
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account.")
        @Argument var name: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            try await withAccounts(storage) { accounts in
                let user = try await existing(name, in: accounts)
                _ = try await accounts.update(user, isActive: true)
                say("\(user.username) is enabled")
            }
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset-password", abstract: "Set a new password and end every session of the account.")
        @Argument var name: String
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let password = try readPassword(confirm: true)
            try await withAccounts(storage) { accounts in
                let user = try await existing(name, in: accounts)
                try await accounts.resetPassword(of: user, to: password)
                say("password of \(user.username) reset; its sessions are signed out")
            }
        }
    }
}

private func parseRole(_ value: String) throws -> UserRole {
    guard let role = UserRole(requestValue: value) else {
        throw ValidationError("unknown role \"\(value)\": expected admin, editor or viewer")
    }
    return role
}

private func existing(_ name: String, in accounts: AccountService) async throws -> UserRecord {
    guard let user = try await accounts.user(named: name) else {
        JSONLogHandler.writeToStandardError("geneweb: no account named \"\(name)\"")
        throw ExitCode(1)
    }
    return user
}

/// Opens the database (migrating it), runs `body`, and turns refusals into one line and exit 1.
private func withAccounts(_ storage: StorageOptions, _ body: @escaping @Sendable (AccountService) async throws -> Void) async throws {
    let configuration = try loadConfiguration(.init(databaseURL: storage.databaseURL, dataDirectory: storage.dataDirectory))
    bootstrapLogging(configuration)
    let logger = Logger(label: "geneweb.user")
    let database = try Database(location: configuration.storage, logger: logger, cipher: configuration.encryption)
    do {
        try await database.whileRunning {
            try await MigrationRunner(database: database, logger: logger).migrate()
            // This command never signs tokens; the key only satisfies the service's signer.
            let accounts = await AccountService(
                database: database, settings: configuration.auth, secret: UUID().uuidString + UUID().uuidString, logger: logger
            )
            try await body(accounts)
        }
    } catch let failure as AuthFailure {
        JSONLogHandler.writeToStandardError("geneweb: refused: \(failure == .usernameTaken ? "this username is taken" : failure.summary)")
        throw ExitCode(1)
    }
}

/// The password from a prompt without echo (twice), or the first line of a non-terminal stdin.
private func readPassword(confirm: Bool) throws -> String {
    if isatty(STDIN_FILENO) == 0 {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("no password on standard input")
        }
        return line
    }
    guard let first = getpass("Password: ").map({ String(cString: $0) }), !first.isEmpty else {
        throw ValidationError("no password given")
    }
    if confirm {
        let second = getpass("Repeat password: ").map { String(cString: $0) }
        guard second == first else { throw ValidationError("the passwords differ") }
    }
    return first
}
