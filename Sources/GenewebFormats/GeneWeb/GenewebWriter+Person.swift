import GenewebCore

extension GenewebWriter {
    /// The personal information tokens, each preceded by a space. `required` writes `0` for an
    /// unknown birth so the person counts as defined (GeneWeb's rule for spouses).
    func info(_ person: Person, required: Bool) -> String {
        var words: [String] = []
        if let publicName = person.publicName { words.append("(" + GwText.encode(publicName) + ")") }
        for qualifier in person.qualifiers { words += ["#nick", GwText.encode(qualifier)] }
        for alias in person.firstNameAliases { words.append("{" + GwText.encode(alias) + "}") }
        for alias in person.surnameAliases { words += ["#salias", GwText.encode(alias)] }
        for alias in person.aliases { words += ["#alias", GwText.encode(alias)] }
        for title in person.titles { words.append(Self.title(title)) }
        switch person.access {
        case .public: words.append("#apubl")
        case .private: words.append("#apriv")
        case .ifTitles: break
        }
        if let image = person.image { words += ["#image", GwText.encode(image)] }
        if let occupation = person.occupation { words += ["#occu", GwText.encode(occupation)] }
        if let sources = person.sources { words += ["#src", GwText.encode(sources)] }
        let birth = person.birth
        let death = person.death
        let needsBirth = required || death?.date != nil || person.deathStatus != .dontKnowIfDead
        if let date = birth?.date { words.append(date.genewebText) } else if needsBirth || birth != nil { words.append("0") }
        if let place = birth?.place { words += ["#bp", GwText.encode(place)] }
        if let source = birth?.source { words += ["#bs", GwText.encode(source)] }
        if let baptism = person.baptism {
            if let date = baptism.date { words.append("!" + date.genewebText) }
            if let place = baptism.place { words += ["#pp", GwText.encode(place)] }
            if let source = baptism.source { words += ["#ps", GwText.encode(source)] }
        }
        switch person.deathStatus {
        case .dead(let reason):
            let prefix = ["killed": "k", "murdered": "m", "executed": "e", "disappeared": "s"][reason.rawValue] ?? ""
            words.append(death?.date.map { prefix + $0.genewebText } ?? "0")
        case .deadDontKnowWhen: words.append("0")
        case .ofCourseDead: words.append("od")
        case .deadYoung: words.append("mj")
        case .notDead, .dontKnowIfDead: break
        }
        if let place = death?.place { words += ["#dp", GwText.encode(place)] }
        if let source = death?.source { words += ["#ds", GwText.encode(source)] }
        if let burial = person.burial {
            words.append(burial.kind == .cremation ? "#crem" : "#buri")
            if let date = burial.date { words.append(date.genewebText) }
            if let place = burial.place { words += ["#rp", GwText.encode(place)] }
            if let source = burial.source { words += ["#rs", GwText.encode(source)] }
        }
        return words.isEmpty ? (required ? " 0" : "") : " " + words.joined(separator: " ")
    }

    static func title(_ title: Title) -> String {
        let name: String
        switch title.name {
        case .main: name = "*"
        case .named(let text): name = GwText.encode(text)
        case .none: name = ""
        }
        let parts = [name, GwText.encode(title.title), GwText.encode(title.place),
                     title.start?.genewebText ?? "", title.end?.genewebText ?? "", title.nth == 0 ? "" : String(title.nth)]
        return "[" + parts.joined(separator: ":") + "]"
    }

    /// `pevt` and `notes` blocks of a person defined in the family just written.
    mutating func writePersonBlocks(_ person: Person) {
        if !person.events.isEmpty {
            appendText("pevt " + key(person) + "\n")
            for event in person.events { writeEvent(event, family: false) }
            appendText("end pevt\n\n")
        }
        if let notes = person.notes {
            appendText("notes " + key(person) + "\nbeg\n" + notes + "\nend notes\n\n")
        }
    }

    mutating func writeEvent(_ event: Event, family: Bool) {
        var words = [GwEventTags.tag(event.kind, family: family)]
        if let date = event.date { words.append(date.genewebText) }
        if let value = event.value { words.append(GwText.encode(value)) }
        if let place = event.place { words += ["#p", GwText.encode(place)] }
        if let source = event.source { words += ["#s", GwText.encode(source)] }
        if let reason = event.reason { words += ["#c", GwText.encode(reason)] }
        appendText(words.joined(separator: " ") + "\n")
        for witness in event.witnesses {
            guard let index = byID[witness.personID] else { continue }
            let person = document.persons[index]
            let sex = person.sex == .male ? " m" : person.sex == .female ? " f" : ""
            let kind = ["witness_godparent": "#godp ", "witness_civil_officer": "#offi ", "witness_religious_officer": "#reli ",
                        "witness_informant": "#info ", "witness_attending": "#atte ", "witness_mentioned": "#ment ",
                        "witness_other": "#othe "][witness.kind.rawValue] ?? ""
            appendText("wit\(sex): " + kind + inlineDefinition(index) + "\n")
        }
        for line in (event.note ?? "").split(separator: "\n", omittingEmptySubsequences: false) where event.note != nil {
            appendText("note " + line + "\n")
        }
    }

    /// A person named in a witness or relation line: defined right there (key and information)
    /// when no family defines them, as GeneWeb does for witnesses and godparents.
    mutating func inlineDefinition(_ index: Int) -> String {
        let person = document.persons[index]
        guard !defined.contains(person.id), !parentFamily.contains(person.id),
              !document.families.contains(where: { $0.parents.contains(person.id) })
        else { return key(person) }
        defined.insert(person.id)
        definedInline.append(index)
        return key(person) + info(person, required: true)
    }

    /// The `pevt` and `notes` blocks of persons defined inline (witnesses, godparents) since the
    /// last call, written after the block that defined them: the inline definition carries only
    /// the basic information, their events and notes come here. Their own events may name new
    /// witnesses, whose blocks follow in turn.
    mutating func writeInlineDefinedBlocks() {
        while !definedInline.isEmpty {
            let index = definedInline.removeFirst()
            writePersonBlocks(document.persons[index])
        }
    }

    /// `rel` blocks: godparents, adoptive and other non-birth parents.
    mutating func writeRelations(_ person: Person) {
        let kinds: [RelatedParent.Kind: String] = [.adoption: "adop", .recognition: "reco", .candidateParent: "cand", .godParent: "godp", .fosterParent: "fost"]
        appendText("rel " + key(person) + "\nbeg\n")
        for related in person.relatedParents {
            let father = related.fatherID.flatMap { byID[$0] }.map { inlineDefinition($0) }
            let mother = related.motherID.flatMap { byID[$0] }.map { inlineDefinition($0) }
            let kind = kinds[related.kind] ?? "godp"
            switch (father, mother) {
            case (let father?, let mother?): appendText("- \(kind): \(father) + \(mother)\n")
            case (let father?, nil): appendText("- \(kind): fath: \(father)\n")
            case (nil, let mother?): appendText("- \(kind): moth: \(mother)\n")
            case (nil, nil): break
            }
        }
        appendText("end\n\n")
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
