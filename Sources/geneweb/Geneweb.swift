import ArgumentParser
import GenewebServer

/// `geneweb`: the GeneWeb server and its operator tools.
@main
struct Geneweb: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geneweb",
        abstract: "GeneWeb genealogy server: HTTP API over SQLite or PostgreSQL.",
        version: AppVersion.current,
        subcommands: [
            Serve.self, Migrate.self, Import.self, Check.self, Export.self, Backup.self, Restore.self, Generate.self, User.self, Secrets.self, Reencrypt.self,
        ],
        defaultSubcommand: nil
    )
}
