import Foundation
import PostgresNIO
import SQLiteNIO

/// A write the database refused because another row already holds one of its unique keys:
/// SQLite's UNIQUE or PRIMARY KEY constraint, PostgreSQL's SQLSTATE 23505. The one reading of
/// both drivers' errors for it, so that nothing else needs to know either driver's error type:
/// the server answers it with 409 CONFLICT, the persons' store retries on it.
public struct UniqueViolation: Sendable, CustomStringConvertible {
    /// The table whose key was taken, when the engine tells it.
    public let table: String?
    /// The engine's own words, for the server's log (PostgreSQL's detail names the values: never
    /// send it to a client).
    public let engineMessage: String

    /// The violation an engine error reports, or nil for any other error.
    public init?(engineError error: any Error) {
        if let error = error as? SQLiteError {
            // "UNIQUE constraint failed: persons.base_id, persons.first_name_key, ..."; SQLiteNIO
            // reports the basic code (constraint) unless extended codes are on.
            let unique = error.message.hasPrefix("UNIQUE constraint failed") || error.message.hasPrefix("PRIMARY KEY constraint failed")
            guard unique || error.reason == .constraintUniqueFailed || error.reason == .constraintPrimaryKeyFailed else { return nil }
            let columns = error.message.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            table = columns.split(separator: ".").first.map(String.init)
            engineMessage = error.message
        } else if let error = error as? PSQLError, error.serverInfo?[.sqlState] == PostgresError.Code.uniqueViolation.raw {
            table = error.serverInfo?[.tableName]
            engineMessage = [error.serverInfo?[.message], error.serverInfo?[.detail]].compactMap { $0 }.joined(separator: " ")
        } else {
            return nil
        }
    }

    public var description: String { "unique violation on \(table ?? "a table"): \(engineMessage)" }
}
