import Foundation
import GenewebTestSupport
import Testing

/// What `geneweb check|import|export|user` print and the status they exit with, pinned on small
/// fixtures: the commands are an interface (scripts and operators read them), so a change shows
/// here. Timings and ids vary from run to run and are replaced by `<time>` and `<id>`.
@Suite("CLI transcripts", .enabled(if: TestEnvironment.runsBinaryTests, "needs the built binary: run scripts/test"))
struct CLITranscriptTests {
    static let family = """
        0 HEAD
        1 GEDC
        2 VERS 5.5.1
        1 CHAR UTF-8
        0 @I1@ INDI
        1 NAME Jean /Dupont/
        1 SEX M
        1 BIRT
        2 DATE 1 JAN 1850
        1 DEAT
        2 DATE 1920
        1 FAMS @F1@
        0 @I2@ INDI
        1 NAME Marie /Martin/
        1 SEX F
        1 DEAT Y
        1 FAMS @F1@
        0 @F1@ FAM
        1 HUSB @I1@
        1 WIFE @I2@
        1 MARR
        2 DATE 1875
        1 CHIL @I3@
        0 @I3@ INDI
        1 NAME Paul /Dupont/
        1 BIRT
        2 DATE 1876
        1 DEAT
        2 DATE 1950
        1 FAMC @F1@
        0 TRLR

        """

    /// Runs the binary in `directory` (its data folder inside) and returns the exit status and the
    /// output with timings and ids made stable.
    static func run(_ arguments: [String], in directory: TemporaryDirectory, standardInput: String? = nil) async throws -> (Int32, String) {
        let environment = ["GENEWEB_DATA_DIR": directory.url.appendingPathComponent("data").path, "GENEWEB_LOG_LEVEL": "warning"]
        let (status, output) = try await runGeneweb(arguments, environment: environment, standardInput: standardInput)
        var text = output.replacingOccurrences(of: directory.path + "/", with: "")
        text = text.replacingOccurrences(of: #"in [0-9]+\.[0-9]+ s( \([0-9.]+ MB/s\))?"#, with: "in <time>", options: .regularExpression)
        text = text.replacingOccurrences(
            of: #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#, with: "<id>", options: [.regularExpression, .caseInsensitive])
        return (status, text)
    }

    static func write(_ text: String, _ name: String, in directory: TemporaryDirectory) throws -> String {
        let path = directory.url.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("check: the counts and each warning with its line; a missing file and binary bytes exit 1")
    func check() async throws {
        let directory = TemporaryDirectory()
        let file = try Self.write(Self.family, "family.ged", in: directory)
        let (status, output) = try await Self.run(["check", file], in: directory)
        #expect(status == 0)
        #expect(
            output == """
                family.ged: gedcom, 356 bytes, read in <time>
                  persons: 3
                  families: 1
                  sources: 0
                  repositories: 0
                  notes: 0
                  media: 0
                  warnings: 0

                """)

        let flawed = try Self.write(
            "0 HEAD\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME Jean /Dupont/\n1 FAMC @F9@\n1 NOTE a\n99999999999999999999 X\n0 TRLR\n", "flawed.ged", in: directory)
        let (flawedStatus, flawedOutput) = try await Self.run(["check", flawed], in: directory)
        #expect(flawedStatus == 0)
        #expect(
            flawedOutput == """
                flawed.ged: gedcom, 104 bytes, read in <time>
                  persons: 1
                  families: 0
                  sources: 0
                  repositories: 0
                  notes: 0
                  media: 0
                  warnings: 2
                    line 7: line without level number kept as a continuation: 99999999999999999999 X
                    line 5: pointer @F9@ to a record that does not exist; link dropped

                """)

        let (missingStatus, missingOutput) = try await Self.run(["check", "/nonexistent/family.ged"], in: directory)
        #expect(missingStatus == 1)
        #expect(missingOutput == "geneweb: cannot read /nonexistent/family.ged: no such file, or not readable\n")

        let junk = directory.url.appendingPathComponent("junk.ged")
        try Data([0x68, 0x65, 0x6C, 0x6C, 0x6F, 0, 1, 2, 3, 4, 5, 6, 7]).write(to: junk)
        let (junkStatus, junkOutput) = try await Self.run(["check", junk.path], in: directory)
        #expect(junkStatus == 1)
        #expect(junkOutput == "geneweb: the file is binary, not a GEDCOM text file\n")
    }

    @Test("import: progress, the report, and a second import into the same base refused with exit 1")
    func importTwice() async throws {
        let directory = TemporaryDirectory()
        let file = try Self.write(Self.family, "family.ged", in: directory)
        let (status, output) = try await Self.run(["import", file], in: directory)
        #expect(status == 0)
        #expect(
            output == """
                reading family.ged (356 bytes)
                gedcom file of about 4 records; reading and writing to base default
                written 3 of 4 records (70%)
                written 4 of 4 records (100%)
                imported into base default (gedcom) in <time>:
                  persons: 3
                  families: 1
                  sources: 0
                  repositories: 0
                  notes: 0
                  media: 0
                  warnings: 0

                """)
        let (again, againOutput) = try await Self.run(["import", file], in: directory)
        #expect(again == 1)
        #expect(
            againOutput == """
                reading family.ged (356 bytes)
                gedcom file of about 4 records; reading and writing to base default
                Error: base default already holds 3 persons; import with --replace to replace them

                """)
    }

    @Test("export: the imported family as .gw, exactly, on standard output")
    func exportGw() async throws {
        let directory = TemporaryDirectory()
        let file = try Self.write(Self.family, "family.ged", in: directory)
        #expect(try await Self.run(["import", file], in: directory).0 == 0)
        let (status, output) = try await Self.run(["export", "--format", "gw"], in: directory)
        #expect(status == 0)
        #expect(
            output == """
                encoding: utf-8
                gwplus

                fam Dupont Jean 1/1/1850 1920 +1875 Martin Marie 0 0
                fevt
                #marr 1875
                end fevt
                beg
                - Paul 1876 1950
                end

                pevt Dupont Jean
                #birt 1/1/1850
                #deat 1920
                end pevt

                pevt Martin Marie
                #deat
                end pevt

                pevt Dupont Paul
                #birt 1876
                #deat 1950
                end pevt


                """)
        let (unknown, unknownOutput) = try await Self.run(["export", "--base", "nowhere"], in: directory)
        #expect(unknown == 1)
        #expect(unknownOutput.contains("nowhere"), "\(unknownOutput)")
    }

    @Test("user: create, list, set-role, disable, enable; a short password, an unknown account and an unknown role refused")
    func users() async throws {
        let directory = TemporaryDirectory()
        var (status, output) = try await Self.run(["user", "create", "alice", "--role", "editor"], in: directory, standardInput: "correct horse battery\n")
        #expect(status == 0)
        #expect(output == "created editor alice (<id>)\n")

        (status, output) = try await Self.run(["user", "create", "bob"], in: directory, standardInput: "short\n")
        #expect(status == 1)
        #expect(
            output == "geneweb: refused: a password that must be at least 12 characters long (a passphrase of several words is a good choice)\n")

        (status, output) = try await Self.run(["user", "list"], in: directory)
        #expect(status == 0)
        #expect(output == "alice\teditor\tactive\t\t<id>\n")

        (status, output) = try await Self.run(["user", "set-role", "alice", "admin"], in: directory)
        #expect(status == 0)
        #expect(output == "alice is now admin\n")

        (status, output) = try await Self.run(["user", "disable", "alice"], in: directory)
        #expect(status == 0)
        #expect(output == "alice is disabled\n")
        #expect(try await Self.run(["user", "list"], in: directory).1 == "alice\tadmin\tdisabled\t\t<id>\n")

        (status, output) = try await Self.run(["user", "enable", "alice"], in: directory)
        #expect(status == 0)
        #expect(output == "alice is enabled\n")

        (status, output) = try await Self.run(["user", "enable", "nobody"], in: directory)
        #expect(status == 1)
        #expect(output == "geneweb: no account named \"nobody\"\n")

        (status, output) = try await Self.run(["user", "set-role", "alice", "king"], in: directory)
        #expect(status == 64)
        #expect(output.hasPrefix("Error: unknown role \"king\": expected admin, editor or viewer\n"), "\(output)")
    }
}
