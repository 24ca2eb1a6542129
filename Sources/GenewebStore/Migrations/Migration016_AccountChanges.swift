extension Migration {
    /// Every change to what checking an access token reads (`users`, `refresh_tokens`,
    /// `revoked_tokens`) is made known to the running servers, whichever code or process makes
    /// it, so that they can keep the checks' answers in memory (`AccessChecks`) and drop them
    /// the moment something changes.
    ///
    /// - SQLite: triggers count the changes in `account_changes`, which the servers read with
    ///   the bases' versions (`BaseVersions.poll`): another process (`geneweb user` on the
    ///   command line) is heard within one poll.
    /// - PostgreSQL: a statement trigger notifies the channel the servers already listen to
    ///   (`BaseVersions.channel`, payload `accounts`). PostgreSQL delivers it at commit and drops
    ///   it on rollback. No counter row here: every writer updating one row would queue logins
    ///   of all instances behind each other and could deadlock with a transaction that locks
    ///   an account first.
    /// A server's own writes reach its memory when they commit (`Database.withBulkTransaction`).
    static let accountChanges = Migration(version: 16, name: "account_changes") { engine in
        let tables = ["users", "refresh_tokens", "revoked_tokens"]
        switch engine {
        case .sqlite:
            var statements = [
                "CREATE TABLE account_changes (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)",
                "INSERT INTO account_changes (id, version) VALUES (1, 0)",
            ]
            for table in tables {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    statements.append(
                        """
                        CREATE TRIGGER \(table)_\(event.lowercased())_counted AFTER \(event) ON \(table)
                        BEGIN UPDATE account_changes SET version = version + 1 WHERE id = 1; END
                        """)
                }
            }
            return statements
        case .postgres:
            let function = """
                CREATE FUNCTION geneweb_accounts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('\(BaseVersions.channel)', '\(BaseVersions.accountsPayload)');
                    RETURN NULL;
                END
                $$
                """
            return [function]
                + tables.map { table in
                    """
                    CREATE TRIGGER \(table)_notified AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON \(table)
                    FOR EACH STATEMENT EXECUTE FUNCTION geneweb_accounts_changed()
                    """
                }
        }
    }
}
