import Foundation

/// Where a server keeps its bases: an embedded SQLite file (the default) or a PostgreSQL server.
public enum StorageLocation: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file; its folder is created when missing.
    case sqlite(path: String)
    /// A PostgreSQL server reached through a `postgres://`, `postgresql://` or `postgres+uds://` URL.
    case postgres(url: String)

    /// The file name used inside the data directory when no database URL is given.
    public static let defaultSQLiteFileName = "geneweb.sqlite"

    /// Chooses the storage from an optional database URL and the data directory.
    ///
    /// - `nil` or empty URL: SQLite file `geneweb.sqlite` in `dataDirectory`.
    /// - `postgres://`, `postgresql://`, `postgres+uds://`: PostgreSQL.
    /// - `sqlite://PATH` or `sqlite:PATH`: an SQLite file at PATH (handy for tests and laptops).
    public static func resolve(databaseURL: String?, dataDirectory: String) throws(StorageLocationError) -> StorageLocation {
        guard let url = databaseURL?.trimmingCharacters(in: .whitespaces), !url.isEmpty else {
            let directory = URL(fileURLWithPath: dataDirectory, isDirectory: true)
            return .sqlite(path: directory.appendingPathComponent(defaultSQLiteFileName).path)
        }
        let lowered = url.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres+uds://") {
            guard PostgresURL.isWellFormed(url) else {
                throw .malformed(url: PostgresURL.redacted(url), reason: "expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE")
            }
            return .postgres(url: url)
        }
        for prefix in ["sqlite://", "sqlite:"] where lowered.hasPrefix(prefix) {
            let path = String(url.dropFirst(prefix.count))
            guard !path.isEmpty else { throw .malformed(url: url, reason: "an sqlite: URL needs a file path") }
            return .sqlite(path: path)
        }
        throw .malformed(url: PostgresURL.redacted(url), reason: "unsupported scheme; use postgres://... or leave it unset for the embedded SQLite file")
    }

    /// The engine this location uses.
    public var engine: DatabaseEngine {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// A description safe for logs: passwords are masked.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): PostgresURL.redacted(url)
        }
    }
}

/// Why a database URL cannot be used.
public enum StorageLocationError: Error, Equatable, CustomStringConvertible {
    case malformed(url: String, reason: String)

    public var description: String {
        switch self {
        case .malformed(let url, let reason): "malformed database URL \"\(url)\": \(reason)"
        }
    }
}

/// The two SQL engines we speak.
public enum DatabaseEngine: String, Sendable, Codable {
    case sqlite
    case postgres
}

/// Checks and masks PostgreSQL URLs without connecting.
enum PostgresURL {
    static func isWellFormed(_ url: String) -> Bool {
        if url.lowercased().hasPrefix("postgres+uds://") {
            // postgres+uds://USER@%2Fpath%2Fto%2Fsocket/DATABASE or with the database in the fragment.
            return URLComponents(string: url)?.host?.isEmpty == false
        }
        guard let components = URLComponents(string: url),
            let host = components.host, !host.isEmpty,
            components.user?.isEmpty == false
        else { return false }
        if let port = components.port, !(1...65535).contains(port) { return false }
        let database = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        return !database.isEmpty && !database.contains("/")
    }

    /// The URL with its password replaced by `***`, for logs and error messages.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}
