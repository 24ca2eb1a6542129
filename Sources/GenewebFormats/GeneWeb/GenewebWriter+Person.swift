import GenewebCore

extension GenewebWriter {
    /// The personal information tokens, each preceded by a space, in the one order `gwc` reads
    /// them: first-name aliases, surname aliases, public name, image, qualifiers, aliases,
    /// titles, access, occupation, sources, birth, baptism, death, burial.
    func info(_ person: Person, isChild: Bool) -> String {
        var words: [String] = []
        func add(_ tag: String, _ value: String?) {
            if let value = nonEmpty(value) { words += [tag, GwText.encode(value)] }
        }
        for alias in person.firstNameAliases where nonEmpty(alias) != nil { words.append("{" + GwText.encode(alias) + "}") }
        for alias in person.surnameAliases { add("#salias", alias) }
        if let publicName = nonEmpty(person.publicName) { words.append("(" + GwText.encode(publicName) + ")") }
        add("#image", person.image)
        for qualifier in person.qualifiers { add("#nick", qualifier) }
        for alias in person.aliases { add("#alias", alias) }
        for title in person.titles where nonEmpty(title.title) != nil { words.append(Self.title(title)) }
        switch person.access {
        case .public: words.append("#apubl")
        case .private: words.append("#apriv")
        case .ifTitles: break
        }
        add("#occu", person.occupation)
        add("#src", person.sources)
        let birth = person.birth
        let baptismDate = person.baptism?.date
        if let date = birth?.date {
            words.append(date.genewebText)
        } else if baptismDate == nil, person.deathStatus.isDead {
            // Without it the death date would be read as the birth date.
            words.append("0")
        }
        add("#bp", birth?.place)
        add("#bs", birth?.source)
        if let date = baptismDate { words.append("!" + date.genewebText) }
        add("#pp", person.baptism?.place)
        add("#ps", person.baptism?.source)
        let death = person.death
        switch person.deathStatus {
        case .dead(let reason):
            let prefix = ["killed": "k", "murdered": "m", "executed": "e", "disappeared": "s"][reason.rawValue] ?? ""
            words.append(death?.date.map { prefix + $0.genewebText } ?? "0")
        case .deadDontKnowWhen: words.append("0")
        case .ofCourseDead: words.append("od")
        case .deadYoung: words.append("mj")
        case .dontKnowIfDead:
            // After a birth or baptism date, saying nothing means "alive" to gwc.
            if birth?.date != nil || baptismDate != nil { words.append("?") }
        case .notDead: break
        }
        add("#dp", death?.place)
        add("#ds", death?.source)
        if let burial = person.burial {
            words.append(burial.kind == .cremation ? "#crem" : "#buri")
            if let date = burial.date { words.append(date.genewebText) }
            add("#rp", burial.place)
            add("#rs", burial.source)
        }
        return words.isEmpty ? "" : " " + words.joined(separator: " ")
    }

    /// `[*:duc:Bourgogne:1400:1450:2]` (name, title, place, start, end, nth).
    static func title(_ title: Title) -> String {
        let name: String
        switch title.name {
        case .main: name = "*"
        case .named(let text): name = GwText.titlePart(text)
        case .none: name = ""
        }
        func date(_ date: GenealogyDate?) -> String {
            guard let date else { return "" }
            return date.genewebText.replacingOccurrences(of: ":", with: "\\\\:")
        }
        let parts = [
            name, GwText.titlePart(title.title), GwText.titlePart(title.place), date(title.start), date(title.end),
            title.nth == 0 ? "" : String(title.nth),
        ]
        return "[" + parts.joined(separator: ":") + "]"
    }

    /// The `pevt` and `notes` blocks of a person just defined; the notes are the person's own and
    /// the shared notes they link to.
    mutating func writePersonBlocks(_ person: Person) {
        guard let key = keys[person.id] else { return }
        let events = person.events.filter(Self.isWritten)
        if !events.isEmpty {
            appendText("pevt " + key + "\n")
            for event in events { writeEvent(event, family: false) }
            appendText("end pevt\n\n")
        }
        let texts = ([person.notes] + person.noteIDs.map { sharedNotes[$0] }).compactMap { nonEmpty($0) }
        if !texts.isEmpty {
            let notes = texts.joined(separator: "\n\n")
            // `gwc` ends the block at the first line that is exactly `end notes`.
            let lines = notes.split(separator: "\n", omittingEmptySubsequences: false).map { $0 == "end notes" ? " end notes" : String($0) }
            appendText("notes " + key + "\nbeg\n" + lines.joined(separator: "\n") + "\nend notes\n\n")
        }
    }

    /// Events `.gw` can say something of: not a bare "no" (`DIV N`), which is no event.
    static func isWritten(_ event: Event) -> Bool {
        guard event.value?.uppercased() == "N" else { return true }
        return event.date != nil || event.place != nil || event.source != nil || event.note != nil || !event.witnesses.isEmpty
    }

    /// `#tag [date] [#p place] [#c cause] [#s source]`, then its witnesses and note lines. `gwc`
    /// has no place for an event's text (an occupation's name): it goes first in the note,
    /// ended by `<br>`, as GeneWeb's `ged2gwb` puts it, and `GenewebReader` reads it back.
    mutating func writeEvent(_ event: Event, family: Bool) {
        var words = [GwEventTags.tag(event.kind, family: family)]
        if let date = event.date { words.append(date.genewebText) }
        if let place = nonEmpty(event.place) { words += ["#p", GwText.encode(place)] }
        if let reason = nonEmpty(event.reason) { words += ["#c", GwText.encode(reason)] }
        if let source = nonEmpty(event.source) { words += ["#s", GwText.encode(source)] }
        appendText(words.joined(separator: " ") + "\n")
        for witness in event.witnesses {
            guard let index = byID[witness.personID], let key = keys[witness.personID] else { continue }
            let person = document.persons[index]
            let sex = person.sex == .male ? " m" : person.sex == .female ? " f" : ""
            let kind =
                [
                    "witness_godparent": "#godp ", "witness_civil_officer": "#offi ", "witness_religious_officer": "#reli ",
                    "witness_informant": "#info ", "witness_attending": "#atte ", "witness_mentioned": "#ment ",
                    "witness_other": "#othe ",
                ][witness.kind.rawValue] ?? ""
            appendText("wit\(sex): " + kind + key + "\n")
        }
        var note = event.note
        if let value = nonEmpty(event.value), value.uppercased() != "Y" {
            note = value.split(whereSeparator: \.isNewline).joined(separator: " ") + GenewebReader.eventValueEnd + (note.map { "\n" + $0 } ?? "")
        }
        for line in (note ?? "").split(separator: "\n", omittingEmptySubsequences: false) where note != nil {
            appendText("note " + line + "\n")
        }
    }

    /// The `rel` block of a person: godparents, adoptive and other non-birth parents, and the
    /// other families that list the person as a child (`.gw` gives a person one family of
    /// birth: the others are written as adoptive or foster parents).
    mutating func writeRelations(_ person: Person) {
        guard let key = keys[person.id] else { return }
        var lines: [String] = []
        let kinds: [RelatedParent.Kind: String] = [
            .adoption: "adop", .recognition: "reco", .candidateParent: "cand", .godParent: "godp", .fosterParent: "fost",
        ]
        for related in person.relatedParents {
            let father = related.fatherID.flatMap { keys[$0] }
            let mother = related.motherID.flatMap { keys[$0] }
            if let line = Self.relation(kinds[related.kind] ?? "godp", father: father, mother: mother) { lines.append(line) }
        }
        for family in otherChildFamilies[person.id] ?? [] {
            let (father, mother) = spouses(family)
            let kind = Self.linkKind(person, family) == "foster" ? "fost" : "adop"
            if let line = Self.relation(kind, father: father.flatMap { keys[$0.id] }, mother: mother.flatMap { keys[$0.id] }) { lines.append(line) }
        }
        guard !lines.isEmpty else { return }
        appendText("rel " + key + "\nbeg\n" + lines.joined(separator: "\n") + "\nend\n\n")
    }

    /// `- adop: Father + Mother`, `- adop fath: Father`, `- adop moth: Mother`.
    static func relation(_ kind: String, father: String?, mother: String?) -> String? {
        switch (father, mother) {
        case (let father?, let mother?): "- \(kind): \(father) + \(mother)"
        case (let father?, nil): "- \(kind) fath: \(father)"
        case (nil, let mother?): "- \(kind) moth: \(mother)"
        case (nil, nil): nil
        }
    }

    /// `notes-db`, `page-ext NAME` and `wizard-note NAME` pages.
    mutating func writePage(_ note: Note) {
        guard let title = note.title else { return }
        let body = note.text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        if title == "notes-db" {
            appendText("notes-db\n" + body + "\nend notes-db\n\n")
        } else if title.hasPrefix("wizard-note ") {
            appendText(title + "\n" + body + "\nend wizard-note\n\n")
        } else {
            appendText("page-ext " + title + "\n" + body + "\nend page-ext\n\n")
        }
    }
}
