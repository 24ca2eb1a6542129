import Foundation
import GenewebCore
import SQLKit

/// Every column of a person's `persons` row, and their `person_words` rows, computed from the
/// `Person` in one place: name and phonetic keys, sort days, the living evidence, anniversaries,
/// years, search words and the document. The bulk import, an API insert and an API update all
/// write these, so a person's rows are the same however they got there.
struct PersonRow {
    /// The columns of `persons` an insert writes, in the order of `values`.
    static let columns = [
        "id", "base_id", "first_name", "surname", "occurrence", "first_name_key", "surname_key",
        "first_name_phonetic", "surname_phonetic", "sex", "birth_sort", "death_sort", "gedcom_xref", "file_position",
        "deceased", "access", "birth_latest", "birth_md", "death_md", "birth_year", "death_year", "document",
    ]

    /// What an update keeps of the row: who it is, and where it came from (the file's own
    /// cross-reference and position, which exports write persons by).
    static let keptOnUpdate: Set<String> = ["id", "base_id", "gedcom_xref", "file_position"]

    let personID: UUID
    let base: Int
    /// One value per column of `columns`.
    let values: [BulkValue]
    /// The search words and evidence columns, from which the `person_words` rows come.
    let index: PersonIndexEntry

    /// The row of `person` in `base`; `filePosition` orders persons as their file did (an
    /// update keeps the row's own).
    init(_ person: Person, base: Int, filePosition: Int, encoder: DocumentEncoder) throws {
        let index = PersonIndexEntry(person)
        personID = person.id.uuid
        self.base = base
        self.index = index
        values = [
            BulkValue(person.id.uuid), .integer(base), .text(person.firstName), .text(person.surname),
            .integer(person.occurrence), .text(NameNormalizer.key(person.firstName)), .text(NameNormalizer.key(person.surname)),
            .text(PhoneticKey.key(person.firstName)), .text(PhoneticKey.key(person.surname)), .text(person.sex.rawValue),
            BulkValue((person.birth ?? person.baptism)?.date?.sortKey), BulkValue((person.death ?? person.burial)?.date?.sortKey),
            BulkValue(person.gedcomXref), .integer(filePosition),
            .integer(index.deceased), .text(index.access), BulkValue(index.birthLatest), BulkValue(index.birthMonthDay),
            BulkValue(index.deathMonthDay), BulkValue(index.birthYear), BulkValue(index.deathYear),
            .json(try encoder.string(person)),
        ]
    }

    /// `column = value, …` for the `columns` an UPDATE sets, values bound as `engine` takes them.
    func assignments(_ columns: [String], engine: DatabaseEngine) -> SQLQueryString {
        var query: SQLQueryString = ""
        var first = true
        for (column, value) in zip(Self.columns, values) where columns.contains(column) {
            query += first ? "" : ", "
            query += "\(unsafeRaw: column) = " + value.sql(engine: engine)
            first = false
        }
        return query
    }

    /// Every column but those an update keeps.
    static var updatedColumns: [String] { columns.filter { !keptOnUpdate.contains($0) } }

    /// Appends the person's `person_words` rows (`PersonIndexWriter.wordRows()`).
    func appendWords(to rows: inout BulkRows) {
        PersonIndexWriter.append(index, of: personID, base: base, to: &rows)
    }

    /// Appends the person's `person_places` rows (`PersonIndexWriter.placeRows()`).
    func appendPlaces(to rows: inout BulkRows) {
        PersonIndexWriter.appendPlaces(index, of: personID, base: base, to: &rows)
    }
}
