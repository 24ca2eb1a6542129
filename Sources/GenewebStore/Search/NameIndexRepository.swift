import Foundation
import GenewebCore
import SQLKit

/// A name of the base's surname or first-name index with how many persons bear it.
public struct NameCount: Sendable, Equatable {
    /// A spelling of the name as written by the persons counted (the first in byte order).
    public let name: String
    /// The lookup key the persons are grouped by (accents and case folded).
    public let key: String
    public let count: Int
}

/// GeneWeb's surname and first-name indexes: every distinct name (grouped by lookup key) with
/// its number of persons, counting only the persons the caller may see.
public struct NameIndexRepository: Sendable {
    public enum Kind: Sendable {
        case surname, firstName

        var columns: (name: String, key: String) {
            switch self {
            case .surname: ("surname", "surname_key")
            case .firstName: ("first_name", "first_name_key")
            }
        }
    }

    public enum Order: String, Sendable, CaseIterable {
        /// Alphabetical by key.
        case name
        /// Most frequent first, then alphabetical.
        case count
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A page of names starting with `prefix` (folded like a key), and how many names there are.
    public func names(_ kind: Kind, base: Int, visibility: Visibility, prefix: String?, order: Order, offset: Int, limit: Int)
        async throws -> (names: [NameCount], total: Int)
    {
        let (nameColumn, keyColumn) = kind.columns
        var conditions: SQLQueryString = " WHERE p.base_id = \(bind: base) AND \(unsafeRaw: "p." + keyColumn) <> '' AND " + visibility.condition
        if let prefix = prefix.map(NameNormalizer.key), !prefix.isEmpty {
            conditions += " AND \(unsafeRaw: "p." + keyColumn) >= \(bind: prefix) AND \(unsafeRaw: "p." + keyColumn) < \(bind: prefix + "~")"
        }
        let grouped =
            "SELECT \(unsafeRaw: "p." + keyColumn) AS name_key, MIN(\(unsafeRaw: "p." + nameColumn)) AS name, count(*) AS n FROM persons p"
            + conditions + " GROUP BY \(unsafeRaw: "p." + keyColumn)"
        return try await page(of: grouped, order: order, offset: offset, limit: limit)
    }

    /// A page of the places of the persons `visibility` lets through (each person's events,
    /// `person_places`), grouped by folded key with the number of persons; `prefix` folded
    /// like a key.
    public func places(base: Int, visibility: Visibility, prefix: String?, order: Order, offset: Int, limit: Int)
        async throws -> (names: [NameCount], total: Int)
    {
        var conditions: SQLQueryString = " WHERE pl.base_id = \(bind: base) AND " + visibility.condition
        if let prefix = prefix.map(NameNormalizer.key), !prefix.isEmpty {
            conditions += " AND pl.place_key >= \(bind: prefix) AND pl.place_key < \(bind: prefix + "~")"
        }
        let grouped =
            "SELECT pl.place_key AS name_key, MIN(pl.place) AS name, count(*) AS n FROM person_places pl JOIN persons p ON p.id = pl.person_id"
            + conditions + " GROUP BY pl.place_key"
        return try await page(of: grouped, order: order, offset: offset, limit: limit)
    }

    /// One page of `grouped` (rows of `name_key`, `name`, `n`) in `order`, and how many rows it has.
    ///
    /// The groups are read once, in key order, and paged here: counting them and reading the page
    /// in two queries grouped every visible person twice. A base has far fewer names than persons
    /// (GeneWeb's largest have tens of thousands), so every group of a prefix fits in memory.
    private func page(of grouped: SQLQueryString, order: Order, offset: Int, limit: Int) async throws -> (names: [NameCount], total: Int) {
        let rows = try await database.withConnection { sql in
            try await sql.raw("SELECT name_key, name, n FROM (" + grouped + ") g ORDER BY name_key").all()
        }
        var names = try rows.map { row in
            NameCount(
                name: try row.decode(column: "name", as: String.self), key: try row.decode(column: "name_key", as: String.self),
                count: try row.decode(column: "n", as: Int.self))
        }
        if order == .count {
            // Most frequent first; equal counts keep the database's key order (its collation).
            names = names.enumerated().sorted { ($0.element.count, $1.offset) > ($1.element.count, $0.offset) }.map(\.element)
        }
        let start = min(max(offset, 0), names.count)
        let end = start + min(max(limit, 0), names.count - start)
        return (Array(names[start..<end]), names.count)
    }
}
