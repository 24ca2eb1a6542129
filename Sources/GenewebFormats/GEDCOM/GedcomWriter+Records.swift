import GenewebCore

extension GedcomWriter {
    func writePerson(_ person: Person, _ lines: inout GedcomLineWriter) {
        lines.line(0, "INDI", xref: xrefs.xref(person.id))
        let name = [person.firstName, "/\(person.surname)/", person.qualifiers.first ?? ""]
            .filter { !$0.isEmpty }.joined(separator: " ")
        lines.line(1, "NAME", name)
        for qualifier in person.qualifiers.dropFirst() { lines.line(2, "NICK", qualifier) }
        if let details = person.extensions.first(where: { $0.detailsOf && $0.tag == "NAME" && $0.value == nil }) {
            for child in details.children { writeExtension(child, level: 2, &lines) }
        }
        if let publicName = person.publicName { lines.line(2, "_PUBLIC_NAME", publicName) }
        let keptNames = person.extensions.filter { !$0.detailsOf && $0.tag == "NAME" }
        let keptAliases = Set(
            keptNames.compactMap { node in
                node.value.map { GedcomReader.splitName($0) }.map { [$0.given, $0.surname].filter { !$0.isEmpty }.joined(separator: " ") }
            })
        for alias in person.aliases where !keptAliases.contains(alias) { lines.line(1, "NAME", alias) }
        for alias in person.firstNameAliases { lines.line(1, "_FIRST_NAME_ALIAS", alias) }
        for alias in person.surnameAliases { lines.line(1, "_SURNAME_ALIAS", alias) }
        lines.line(1, "SEX", person.sex == .male ? "M" : person.sex == .female ? "F" : "U")
        for title in person.titles { writeTitle(title, &lines) }
        for event in person.events { writeEvent(event, family: false, &lines) }
        if let occupation = person.occupation, !person.events.contains(where: { $0.kind == .occupation && $0.value == occupation }) {
            lines.line(1, "OCCU", occupation)
        }
        if person.deathStatus.isDead, person.death == nil { lines.line(1, "DEAT", "Y") }
        if person.access == .private, !person.extensions.contains(where: { $0.tag == "RESN" }) { lines.line(1, "RESN", "PRIVACY") }
        for related in person.relatedParents where related.kind == .godParent {
            for id in [related.fatherID, related.motherID].compactMap({ $0 }) {
                guard let xref = xrefs.xref(id) else { continue }
                lines.line(1, "ASSO", xref, pointer: true)
                if version == .v551 { lines.line(2, "RELA", "Godparent") } else { lines.line(2, "ROLE", "GODP") }
            }
        }
        writeLinks("FAMC", childOf[person.id] ?? [], details: person.extensions, &lines)
        writeLinks("FAMS", parentOf[person.id] ?? [], details: person.extensions, &lines)
        if let image = person.image { lines.line(1, "_IMAGE", image) }
        writeCommon(
            notes: person.notes, sources: person.sources, citations: person.citations, noteIDs: person.noteIDs, mediaIDs: person.mediaIDs, level: 1, &lines)
        for node in person.extensions where !node.detailsOf {
            writeExtension(node, level: 1, &lines)
        }
    }

    func writeFamily(_ family: Family, _ lines: inout GedcomLineWriter) {
        lines.line(0, "FAM", xref: xrefs.xref(family.id))
        for (index, parent) in family.parents.prefix(2).enumerated() {
            guard let xref = xrefs.xref(parent) else { continue }
            let tag = index == 0 ? "HUSB" : "WIFE"
            lines.line(1, tag, xref, pointer: true)
            writeDetails(of: tag, value: xref, in: family.extensions, level: 2, &lines)
        }
        for child in family.children {
            guard let xref = xrefs.xref(child) else { continue }
            lines.line(1, "CHIL", xref, pointer: true)
            writeDetails(of: "CHIL", value: xref, in: family.extensions, level: 2, &lines)
        }
        for event in family.events { writeEvent(event, family: true, &lines) }
        switch family.divorce {
        case .divorced(let date) where !family.events.contains(where: { $0.kind == .divorce }):
            writeEvent(Event(kind: .divorce, value: date == nil ? "Y" : nil, date: date), family: true, &lines)
        case .separated(let date) where !family.events.contains(where: { $0.kind == .separation }):
            writeEvent(Event(kind: .separation, date: date), family: true, &lines)
        default: break
        }
        if family.relation != .married { lines.line(1, "_GENEWEB_RELATION", family.relation.rawValue) }
        if let comment = family.comment { lines.line(1, "_COMMENT", comment) }
        writeCommon(
            notes: family.notes, sources: family.sources, citations: family.citations, noteIDs: family.noteIDs, mediaIDs: family.mediaIDs, level: 1, &lines)
        for node in family.extensions where !node.detailsOf { writeExtension(node, level: 1, &lines) }
    }

    func writeSource(_ source: Source, _ lines: inout GedcomLineWriter) {
        lines.line(0, "SOUR", xref: xrefs.xref(source.id))
        if !source.title.isEmpty { lines.line(1, "TITL", source.title) }
        if let author = source.author { lines.line(1, "AUTH", author) }
        if let publication = source.publication { lines.line(1, "PUBL", publication) }
        if let abbreviation = source.abbreviation { lines.line(1, "ABBR", abbreviation) }
        if let text = source.text { lines.line(1, "TEXT", text) }
        for repository in source.repositories {
            lines.line(1, "REPO", repository.repositoryID.flatMap { xrefs.xref($0) } ?? "@VOID@", pointer: true)
            if let callNumber = repository.callNumber { lines.line(2, "CALN", callNumber) }
        }
        writeCommon(notes: nil, sources: nil, citations: [], noteIDs: source.noteIDs, mediaIDs: source.mediaIDs, level: 1, &lines)
        for node in source.extensions { writeExtension(node, level: 1, &lines) }
    }

    func writeRepository(_ repository: Repository, _ lines: inout GedcomLineWriter) {
        lines.line(0, "REPO", xref: xrefs.xref(repository.id))
        lines.line(1, "NAME", repository.name)
        if let address = repository.address { lines.line(1, "ADDR", address) }
        for node in repository.extensions { writeExtension(node, level: 1, &lines) }
    }

    func writeNote(_ note: Note, _ lines: inout GedcomLineWriter) {
        lines.line(0, version == .v551 ? "NOTE" : "SNOTE", note.text, xref: xrefs.xref(note.id))
        for node in note.extensions { writeExtension(node, level: 1, &lines) }
    }

    func writeMedia(_ media: Media, _ lines: inout GedcomLineWriter) {
        lines.line(0, "OBJE", xref: xrefs.xref(media.id))
        lines.line(1, "FILE", media.file)
        if let format = media.format { lines.line(2, "FORM", version == .v7 ? Self.mimeType(format) : format) }
        if let title = media.title { lines.line(2, "TITL", title) }
        writeDetails(of: "FILE", value: media.file, in: media.extensions, level: 2, &lines)
        for node in media.extensions where !node.detailsOf { writeExtension(node, level: 1, &lines) }
    }

    /// GEDCOM 7 wants media types: `jpeg` → `image/jpeg`.
    static func mimeType(_ format: String) -> String {
        if format.contains("/") { return format }
        switch format.lowercased() {
        case "jpg", "jpeg": return "image/jpeg"
        case "png": return "image/png"
        case "gif": return "image/gif"
        case "bmp": return "image/bmp"
        case "tif", "tiff": return "image/tiff"
        case "pdf": return "application/pdf"
        case "wav": return "audio/wav"
        case "mp3": return "audio/mpeg"
        default: return "application/x-" + format.lowercased()
        }
    }

    func writeTitle(_ title: Title, _ lines: inout GedcomLineWriter) {
        lines.line(1, "TITL", title.title)
        switch (title.start, title.end) {
        case (let start?, let end?):
            if case .calendar(var first, _) = start, case .calendar(let last, _) = end {
                first.precision = .fromTo(last.dmy)
                first.secondCalendar = last.calendar == first.calendar ? nil : last.calendar
                writeDate(.calendar(first), level: 2, &lines)
            } else {
                writeDate(start, level: 2, &lines)
            }
        case (let start?, nil): writeDate(start, level: 2, &lines)
        case (nil, let end?):
            if case .calendar(var last, let phrase) = end {
                last.precision = .to
                writeDate(.calendar(last, phrase: phrase), level: 2, &lines)
            }
        case (nil, nil): break
        }
        if !title.place.isEmpty { lines.line(2, "PLAC", title.place) }
        for node in title.extensions { writeExtension(node, level: 2, &lines) }
    }

    /// FAMC/FAMS pointers, each with the details kept from import (PEDI, _FREL...). GEDCOM 7
    /// allows several links to one family with different details: each gets its own line.
    private func writeLinks(_ tag: String, _ families: [FamilyID], details: [ExtensionNode], _ lines: inout GedcomLineWriter) {
        var written = Set<FamilyID>()
        for family in families where written.insert(family).inserted {
            guard let xref = xrefs.xref(family) else { continue }
            let carriers = details.filter { $0.detailsOf && $0.tag == tag && $0.value == xref }
            for carrier in carriers.isEmpty ? [nil] : carriers.map(Optional.some) {
                lines.line(1, tag, xref, pointer: true)
                for child in carrier?.children ?? [] { writeExtension(child, level: 2, &lines) }
            }
        }
    }

    func writeDetails(of tag: String, value: String, in nodes: [ExtensionNode], level: Int, _ lines: inout GedcomLineWriter) {
        for node in nodes where node.detailsOf && node.tag == tag && node.value == value {
            for child in node.children { writeExtension(child, level: level, &lines) }
        }
    }
}
