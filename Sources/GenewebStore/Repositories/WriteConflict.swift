import Foundation

/// Why a write was refused.
public enum WriteConflict: Error, Equatable, Sendable {
    /// The record changed since the version the caller saw (`If-Match`).
    case staleVersion(current: Int)
    /// Another person of the base has this GeneWeb key (first name, occurrence, surname).
    case duplicateKey(String)
    /// The person is still a parent or child in these families.
    case stillLinked(families: [UUID])
    case notFound
}
