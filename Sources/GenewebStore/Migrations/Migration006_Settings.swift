extension Migration {
    /// Server-wide settings that must be the same on every instance, e.g. the active base
    /// (`POST /api/v1/database/databases/{name}/activate`).
    static let settings = Migration(version: 6, name: "settings") { _ in
        [
            """
            CREATE TABLE server_settings (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )
            """
        ]
    }
}
