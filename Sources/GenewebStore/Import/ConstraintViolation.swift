import PostgresNIO
import SQLiteNIO

/// A database error saying that a row breaks a constraint of the schema (unique key, foreign
/// key, not null, check), told apart from other failures so that an import can refuse the
/// file (422, exit 1) instead of failing as the server's fault. The description is the
/// engine's own message: which constraint, and on PostgreSQL which values.
struct ConstraintViolation: CustomStringConvertible {
    let description: String

    init?(_ error: any Error) {
        if let error = error as? SQLiteError, Self.isConstraint(error.reason) {
            description = error.message
        } else if let error = error as? PSQLError, let state = error.serverInfo?[.sqlState], state.hasPrefix("23") {
            // Class 23: integrity constraint violation.
            description = [error.serverInfo?[.message], error.serverInfo?[.detail]].compactMap { $0 }.joined(separator: ": ")
        } else {
            return nil
        }
    }

    private static func isConstraint(_ reason: SQLiteError.Reason) -> Bool {
        switch reason {
        case .constraint, .constraintCheckFailed, .constraintForeignKeyFailed, .constraintNotNullFailed,
            .constraintPrimaryKeyFailed, .constraintUniqueFailed, .constraintUniqueRowIDFailed,
            .constraintTriggerFailed, .constraintStrictDataTypeFailed:
            true
        default:
            false
        }
    }
}
