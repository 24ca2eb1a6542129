import Foundation
import GenewebCore
import GenewebFormats
import SQLKit
import Synchronization

/// Reads a base back for export: whole (`load`, for `.gw`), or as an index first and then the
/// persons and the families a page at a time (`open` + `writeGedcom`), so a large base is written
/// without holding its persons' or families' documents.
public struct GenealogyExporter: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A base opened for a paged export.
    public struct Export: Sendable {
        /// Every record but the persons, with each family reduced to its members (id, xref,
        /// parents, children, relation: what links persons and families); sources, repositories,
        /// notes, media, header and other records whole.
        public var document: GedcomDocument
        /// Every person's id and imported xref, in file order (records made later follow, by id).
        public let persons: [(id: PersonID, xref: String?)]
        let baseID: Int
    }

    /// Who the file is for: everything, or the public tree (living persons redacted, see
    /// `PublicTree`).
    public enum Audience: Sendable {
        case everything
        case publicTree(LivingRule)
    }

    /// Records read a page at a time.
    public static let pageSize = 500

    /// The base's records in the order of the file they came from (records made later follow,
    /// by id). Nil when the base does not exist.
    public func load(_ base: BaseName) async throws -> GedcomDocument? {
        guard let export = try await open(base) else { return nil }
        var document = export.document
        for page in stride(from: 0, to: export.persons.count, by: Self.pageSize) {
            document.persons += try await persons(of: export, page: page)
        }
        let members = document.families
        document.families = []
        for page in stride(from: 0, to: members.count, by: Self.pageSize) {
            document.families += try await families(of: export, page: page)
        }
        return document
    }

    /// Everything but the persons, families as their members. Nil when the base does not exist.
    public func open(_ base: BaseName) async throws -> Export? {
        guard
            let opened = try await database.withConnection({ sql -> (Int, GedcomDocument, [(id: PersonID, xref: String?)], [UUID])? in
                guard let baseID = try await BaseRepository(database: database).id(of: base, create: false, on: sql) else { return nil }
                var document = GedcomDocument()
                let decoder = JSONDecoder()
                func documents<T: Decodable>(_ table: String, as type: T.Type) async throws -> [T] {
                    let rows = try await sql.raw(
                        """
                        SELECT CAST(document AS TEXT) AS document FROM \(ident: table) WHERE base_id = \(bind: baseID)
                        ORDER BY file_position, id
                        """
                    ).all()
                    // Sealed documents (private notes under field encryption) are opened for the export.
                    return try rows.map { try SealedDocument.decode(T.self, from: try $0.decode(column: "document", as: String.self), cipher: database.cipher) }
                }
                document.sources = try await documents("sources", as: Source.self)
                document.repositories = try await documents("repositories", as: Repository.self)
                document.notes = try await documents("notes", as: Note.self)
                document.media = try await documents("media", as: Media.self)
                let extras = try await sql.raw(
                    """
                    SELECT kind, CAST(document AS TEXT) AS document FROM base_records WHERE base_id = \(bind: baseID) ORDER BY position
                    """
                ).all()
                for row in extras {
                    let node = try decoder.decode(ExtensionNode.self, from: Data(try row.decode(column: "document", as: String.self).utf8))
                    if try row.decode(column: "kind", as: String.self) == "header" { document.header = node } else { document.otherRecords.append(node) }
                }
                let persons = try await Self.eachRow(
                    of: sql.raw(
                        """
                        SELECT id, gedcom_xref FROM persons WHERE base_id = \(bind: baseID) ORDER BY file_position, id
                        """)
                ) { row in
                    (id: PersonID(try row.decode(column: "id", as: UUID.self)), xref: try row.decode(column: "gedcom_xref", as: String?.self))
                }
                let families = try await Self.eachRow(
                    of: sql.raw(
                        """
                        SELECT id FROM families WHERE base_id = \(bind: baseID) ORDER BY file_position, id
                        """)
                ) { try $0.decode(column: "id", as: UUID.self) }
                return (baseID, document, persons, families)
            })
        else { return nil }
        var (baseID, document, persons, familyIDs) = opened
        // Members come from the families' own documents, a page at a time: the links written are
        // those of the records, and no page of documents outlives its reduction.
        for page in stride(from: 0, to: familyIDs.count, by: Self.pageSize) {
            let ids = Array(familyIDs[page..<min(page + Self.pageSize, familyIDs.count)])
            document.families += try await families(ids, base: baseID).map(Self.members)
        }
        return Export(document: document, persons: persons, baseID: baseID)
    }

    /// The base as a GEDCOM file, a page of persons then a page of families at a time: each
    /// piece (the header, a page's records, every later record) goes to `write` before the next
    /// page is read. For the public tree, each page of persons is judged with the living
    /// evidence of its persons' families, read with the page; families follow their most private
    /// spouse, and private notes are left out (with the links to them). Returns how many persons
    /// were redacted.
    @discardableResult
    public func writeGedcom(
        _ export: Export, version: GedcomDateVersion, audience: Audience = .everything, to write: (String) async throws -> Void
    ) async throws -> Int {
        var document = export.document
        if case .publicTree(let rule) = audience {
            document.notes = PublicTree.publicNotes(document.notes)
            document.media = try await publicMedia(document.media, base: export.baseID, rule: rule)
        }
        let writer = GedcomWriter(document: document, persons: export.persons, version: version)
        var hidden = Set<PersonID>()
        try await write(writer.header())
        for page in stride(from: 0, to: export.persons.count, by: Self.pageSize) {
            try Task.checkCancellation()
            var persons = try await persons(of: export, page: page)
            if case .publicTree(let rule) = audience {
                let evidence = try await PersonRepository(database: database).livingEvidence(for: persons.filter(rule.needsEvidence).map(\.id.uuid))
                for index in persons.indices
                where PublicTree.isHidden(persons[index], evidence: evidence[persons[index].id.uuid] ?? LivingEvidence(), rule: rule) {
                    hidden.insert(persons[index].id)
                    persons[index] = PublicTree.redacted(persons[index])
                }
            }
            try await write(persons.map { writer.record(for: $0) }.joined())
        }
        for page in stride(from: 0, to: export.document.families.count, by: Self.pageSize) {
            try Task.checkCancellation()
            let families = try await families(of: export, page: page).map { family in
                FamilyPrivacy.visible(family, hidden: hidden.contains)
            }
            try await write(families.map { writer.record(for: $0) }.joined())
        }
        for piece in writer.piecesAfterFamilies() { try await write(piece) }
        return hidden.count
    }

    /// The media anyone may see: those showing a hidden person are left out, and the writer
    /// drops the visible records' links to them (it writes links only to media the file holds).
    func publicMedia(_ media: [Media], base: Int, rule: LivingRule) async throws -> [Media] {
        guard !media.isEmpty else { return [] }
        let hidden = try await MediaVisibility(database: database, rule: rule).hiddenMedia(among: nil, base: base)
        return media.filter { !hidden.contains($0.id.uuid) }
    }

    /// The persons of `export.persons[page ..< page + pageSize]`, in that order.
    public func persons(of export: Export, page: Int) async throws -> [Person] {
        let ids = export.persons[page..<min(page + Self.pageSize, export.persons.count)].map(\.id.uuid)
        // A person deleted since `open` is left out.
        return try await documents("persons", ids: ids, base: export.baseID, as: Person.self)
    }

    /// The families of `export.document.families[page ..< page + pageSize]`, whole, in that order.
    public func families(of export: Export, page: Int) async throws -> [Family] {
        let members = export.document.families
        return try await families(members[page..<min(page + Self.pageSize, members.count)].map(\.id.uuid), base: export.baseID)
    }

    private func families(_ ids: [UUID], base: Int) async throws -> [Family] {
        try await documents("families", ids: ids, base: base, as: Family.self)
    }

    /// The documents of the rows `ids` of `table`, in the order of `ids`; rows gone are left out.
    private func documents<T: Decodable & Sendable>(_ table: String, ids: [UUID], base: Int, as type: T.Type) async throws -> [T] {
        guard !ids.isEmpty else { return [] }
        let byID = try await database.withConnection { sql in
            // Looked up by id (`base_id + 0` keeps SQLite's planner on the primary key).
            var query: SQLQueryString = "SELECT id, CAST(document AS TEXT) AS document FROM \(ident: table) WHERE base_id + 0 = \(bind: base) AND id IN ("
            for (index, id) in ids.enumerated() { query += index == 0 ? "\(bind: id)" : ", \(bind: id)" }
            query += ")"
            var byID: [UUID: T] = [:]
            for row in try await sql.raw(query).all() {
                byID[try row.decode(column: "id", as: UUID.self)] = try SealedDocument.decode(
                    T.self, from: try row.decode(column: "document", as: String.self), cipher: database.cipher
                )
            }
            return byID
        }
        return ids.compactMap { byID[$0] }
    }

    /// `transform` of each row as the database hands it over: a base's whole id list is never
    /// also held as rows (which weigh many times their values).
    private static func eachRow<T: Sendable>(of query: SQLRawBuilder, _ transform: @escaping @Sendable (any SQLRow) throws -> T) async throws -> [T] {
        let values = Mutex<Result<[T], any Error>>(.success([]))
        try await query.run { row in
            values.withLock { values in
                guard case .success(var list) = values else { return }
                values = .success([])
                do {
                    list.append(try transform(row))
                    values = .success(list)
                } catch {
                    values = .failure(error)
                }
            }
        }
        return try values.withLock { $0 }.get()
    }

    /// A family reduced to what links it to persons.
    static func members(_ family: Family) -> Family {
        var members = Family(id: family.id, parents: family.parents, children: family.children, relation: family.relation)
        members.gedcomXref = family.gedcomXref
        return members
    }
}
