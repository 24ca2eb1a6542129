import GenewebCore

extension GenewebReader {
    static let relationTags: [Substring: RelationKind] = [
        "#nm": .notMarried, "#eng": .engaged, "#nsck": .noSexesCheckNotMarried, "#nsckm": .noSexesCheckMarried,
        "#noment": .noMention, "#banns": .marriageBann, "#contract": .marriageContract,
        "#license": .marriageLicense, "#pacs": .pacs, "#residence": .residence,
    ]

    /// `fam Father… +[date] [tags] Mother…` and the lines that follow it. A spouse `? ?` with no
    /// information is GeneWeb's mark for an unknown spouse, not a person.
    mutating func readFamily(_ words: [Substring], line: Int) {
        if readPersonAlone(words) { return }
        var i = 0
        guard let fatherKey = Self.key(words, &i) else {
            document.warnings.append(.init(line: line, kind: .malformedLine, message: "fam line without a first person"))
            return
        }
        var family = Family()
        var father: Int?
        if !(Self.isUnknown(fatherKey) && (i >= words.count || words[i].hasPrefix("+"))) {
            let index = person(fatherKey)
            readInfo(words, &i, into: index) { $0.hasPrefix("+") }
            family.parents = [document.persons[index].id]
            father = index
        }
        var sexes: (Sex, Sex) = (.male, .female)
        var marriage = Event(kind: .marriage)
        if i < words.count, words[i].hasPrefix("+") {
            marriage.date = GenealogyDate(geneweb: String(words[i].dropFirst()))
            i += 1
        }
        // Relation tags, places, sources and divorce, until the second person.
        while i < words.count {
            let word = words[i]
            if let relation = Self.relationTags[word] {
                family.relation = relation
            } else if word.count == 2, word.allSatisfy({ "mf?".contains($0) }), family.relation != .married {
                // The spouses' sexes, after the relation kinds that do not imply them.
                let sex: (Character) -> Sex = { $0 == "m" ? .male : $0 == "f" ? .female : .unknown }
                sexes = (sex(word.first!), sex(word.last!))
            } else if word == "#mp", i + 1 < words.count {
                i += 1
                marriage.place = GwText.decode(words[i])
            } else if word == "#mn", i + 1 < words.count {
                i += 1
                marriage.note = GwText.decode(words[i])
            } else if word == "#ms", i + 1 < words.count {
                i += 1
                marriage.source = GwText.decode(words[i])
            } else if word == "#sep" {
                family.divorce = .separated(nil)
            } else if word.hasPrefix("-") {
                family.divorce = .divorced(GenealogyDate(geneweb: String(word.dropFirst())))
            } else {
                break
            }
            i += 1
        }
        var mother: Int?
        if let motherKey = Self.key(words, &i), !(Self.isUnknown(motherKey) && i >= words.count) {
            let index = person(motherKey)
            readInfo(words, &i, into: index) { _ in false }
            family.parents.append(document.persons[index].id)
            mother = index
        }
        // As gwc does: a spouse of unknown sex takes the sex of their place.
        for (index, sex) in [(father, sexes.0), (mother, sexes.1)] {
            if let index, document.persons[index].sex == .unknown { document.persons[index].sex = sex }
        }
        if family.relation != .noMention { family.events.append(marriage) }
        var witnesses: [Witness] = []
        // The lines that belong to this family.
        while position < lines.count {
            let words = lines[position].split(separator: " ", omittingEmptySubsequences: true)
            guard let keyword = words.first else {
                position += 1
                continue
            }
            if keyword.hasPrefix("wit") && keyword.hasSuffix(":") || (keyword == "wit" && words.count > 1) {
                position += 1
                if let witness = readWitness(words) { witnesses.append(witness) }
            } else if keyword == "src" {
                family.sources = words.dropFirst().map(GwText.decode).joined(separator: " ")
                position += 1
            } else if keyword == "comm" {
                family.comment = lines[position].dropFirst(5).description
                position += 1
            } else if keyword == "csrc" || keyword == "cbp" {
                // Common source or birth place of the children: kept for export.
                let value = words.dropFirst().map(GwText.decode).joined(separator: " ")
                family.extensions.append(ExtensionNode(tag: String(keyword), value: value))
                position += 1
            } else if keyword == "fevt" {
                position += 1
                family.events = readEvents(family: true, end: "end fevt")
            } else if keyword == "beg" {
                position += 1
                readChildren(of: &family, fatherSurname: father == nil ? "?" : fatherKey.surname)
            } else {
                break
            }
        }
        // Witnesses of the fam line are the marriage's.
        if !witnesses.isEmpty {
            if let marriage = family.events.firstIndex(where: { $0.kind == .marriage }) {
                family.events[marriage].witnesses.append(contentsOf: witnesses)
            } else {
                family.events.insert(Event(kind: .marriage, witnesses: witnesses), at: 0)
            }
        }
        document.families.append(family)
    }

    /// `fam ? ?.0 + #noment ? ?.0` with one child and nothing else is how GeneWeb (`gwu`,
    /// `GenewebWriter`) writes a person in no family: read as that person alone, without the
    /// family and its two unknown parents.
    mutating func readPersonAlone(_ words: [Substring]) -> Bool {
        guard words == ["?", "?.0", "+", "#noment", "?", "?.0"], position + 2 < lines.count,
            lines[position] == "beg", lines[position + 1].hasPrefix("- "), lines[position + 2] == "end"
        else { return false }
        position += 1
        var scratch = Family()
        readChildren(of: &scratch, fatherSurname: "?")
        return true
    }

    /// `? ?`: GeneWeb's unknown person.
    static func isUnknown(_ key: GwPersonKey) -> Bool {
        key.surname == "?" && key.firstName == "?"
    }

    /// Ends an event's text written first in its note (`Farmer<br>`).
    static let eventValueEnd = "<br>"

    /// `- [m|h|f] First[.N] [Surname] info…` lines until `end`.
    mutating func readChildren(of family: inout Family, fatherSurname: String) {
        while position < lines.count {
            let line = lines[position]
            position += 1
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            if words.first == "end" { return }
            guard words.first == "-", words.count >= 2 else { continue }
            var i = 1
            var sex = Sex.unknown
            if ["m", "h"].contains(words[i]) {
                sex = .male
                i += 1
            } else if words[i] == "f" {
                sex = .female
                i += 1
            }
            guard i < words.count else { continue }
            let (first, occurrence) = GwPersonKey.splitOccurrence(words[i])
            i += 1
            var surname = fatherSurname
            // A child with another surname than the father's names it after the first name: any
            // word that cannot start the information (as gwc decides).
            if i < words.count, let initial = words[i].first, words[i] == "?" || !"<>!~?-0123456789{#([".contains(initial) {
                surname = GwText.decodeName(words[i])
                i += 1
            }
            let index = person(GwPersonKey(surname: surname, firstName: first, occurrence: occurrence))
            document.persons[index].sex = sex
            readInfo(words, &i, into: index) { _ in false }
            family.children.append(document.persons[index].id)
        }
    }

    /// `pevt Surname First` then events until `end pevt`; they replace the `fam`-line events.
    mutating func readPersonEvents(_ words: [Substring]) {
        var i = 0
        guard let key = Self.key(words, &i) else { return }
        let index = person(key)
        let events = readEvents(family: false, end: "end pevt")
        var person = document.persons[index]
        person.events = events
        if let occupation = events.first(where: { $0.kind == .occupation })?.value, person.occupation == nil {
            person.occupation = occupation
        }
        if events.contains(where: { $0.kind == .death }), !person.deathStatus.isDead { person.deathStatus = .dead(.unspecified) }
        document.persons[index] = person
        personsWithEventBlock.insert(index)
    }

    /// Event lines (`#marr 1850 #p Paris #s registre`), their `wit:` and `note` lines, until `end`.
    mutating func readEvents(family: Bool, end: String) -> [Event] {
        var events: [Event] = []
        // Note lines of each event, joined at the end: joining as they come made a long note
        // quadratic in its number of lines.
        var notes: [[String]] = []
        while position < lines.count {
            let line = lines[position]
            position += 1
            if line.hasPrefix(end) { break }
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let keyword = words.first else { continue }
            if keyword == "note" {
                let text = String(line.dropFirst(min(5, line.count)))
                guard !events.isEmpty else { continue }
                let last = events.count - 1
                if notes[last].isEmpty, events[last].value == nil, text.hasSuffix(Self.eventValueEnd) {
                    // An event's text, first in its note (as ged2gwb and GenewebWriter put it).
                    events[last].value = String(text.dropLast(Self.eventValueEnd.count))
                } else {
                    notes[last].append(text)
                }
            } else if keyword.hasPrefix("wit") {
                if let witness = readWitness(words), !events.isEmpty { events[events.count - 1].witnesses.append(witness) }
            } else if keyword.hasPrefix("#") {
                var event = Event(kind: GwEventTags.kind(keyword, family: family))
                var text: [String] = []
                var i = 1
                if i < words.count, GwText.isDate(words[i]) || words[i].hasPrefix("0(") {
                    event.date = GenealogyDate(geneweb: String(words[i]))
                    i += 1
                }
                while i < words.count {
                    let tag = words[i]
                    let value = i + 1 < words.count ? GwText.decode(words[i + 1]) : nil
                    switch tag {
                    case "#p":
                        event.place = value
                        i += 2
                    case "#s":
                        event.source = value
                        i += 2
                    case "#c":
                        event.reason = value
                        i += 2
                    default:
                        // An event's own text (an occupation, a title) comes as words.
                        text.append(GwText.decode(tag))
                        i += 1
                    }
                }
                if !text.isEmpty { event.value = text.joined(separator: " ") }
                events.append(event)
                notes.append([])
            }
        }
        for (index, lines) in notes.enumerated() where !lines.isEmpty { events[index].note = lines.joined(separator: "\n") }
        return events
    }

    /// `wit[ m| f]: [#godp|#offi] Surname First info…`.
    mutating func readWitness(_ words: [Substring]) -> Witness? {
        var i = 1
        if i < words.count, words[i] == "m:" || words[i] == "f:" { i += 1 }
        var kind = WitnessKind.witness
        let kinds: [Substring: WitnessKind] = [
            "#godp": .witnessGodparent, "#offi": .witnessCivilOfficer, "#reli": .witnessReligiousOfficer,
            "#info": .witnessInformant, "#atte": .witnessAttending, "#ment": .witnessMentioned, "#othe": .witnessOther,
        ]
        if i < words.count, let found = kinds[words[i]] {
            kind = found
            i += 1
        }
        guard let key = Self.key(words, &i) else { return nil }
        let index = person(key)
        readInfo(words, &i, into: index) { _ in false }
        return Witness(personID: document.persons[index].id, kind: kind)
    }

    /// `notes Surname First` / `beg` / text / `end notes`.
    mutating func readPersonNotes(_ words: [Substring]) {
        var i = 0
        guard let key = Self.key(words, &i) else { return }
        let index = person(key)
        if position < lines.count, lines[position] == "beg" { position += 1 }
        var text: [String] = []
        while position < lines.count, lines[position] != "end notes" {
            text.append(lines[position])
            position += 1
        }
        position += 1
        document.persons[index].notes = text.joined(separator: "\n")
    }

    /// `rel Surname First` / `beg` / `- godp: Father + Mother` … / `end`.
    mutating func readRelations(_ words: [Substring]) {
        var i = 0
        guard let key = Self.key(words, &i) else { return }
        let index = person(key)
        if position < lines.count, lines[position] == "beg" { position += 1 }
        let kinds: [Substring: RelatedParent.Kind] = [
            "adop": .adoption, "reco": .recognition, "cand": .candidateParent, "godp": .godParent, "fost": .fosterParent,
        ]
        while position < lines.count, lines[position] != "end" {
            let words = lines[position].split(separator: " ", omittingEmptySubsequences: true)
            position += 1
            guard words.count >= 3, words[0] == "-" else { continue }
            let kindWord = words[1].hasSuffix(":") ? words[1].dropLast() : words[1]
            guard let kind = kinds[kindWord] else { continue }
            var j = 2
            var only: Substring?
            if words[j] == "fath:" || words[j] == "moth:" {
                only = words[j]
                j += 1
            }
            var related = RelatedParent(kind: kind)
            if let firstKey = Self.key(words, &j) {
                let first = person(firstKey)
                readInfo(words, &j, into: first) { $0 == "+" }
                if only == "moth:" { related.motherID = document.persons[first].id } else { related.fatherID = document.persons[first].id }
            }
            if j < words.count, words[j] == "+" {
                j += 1
                if let secondKey = Self.key(words, &j) {
                    let second = person(secondKey)
                    readInfo(words, &j, into: second) { _ in false }
                    related.motherID = document.persons[second].id
                }
            }
            document.persons[index].relatedParents.append(related)
        }
        position += 1
    }

    /// `notes-db`, `page-ext NAME`, `wizard-note NAME`: text lines (two leading spaces removed).
    mutating func readPage(title: String, end: String) {
        var text: [String] = []
        while position < lines.count, lines[position] != end {
            let line = lines[position]
            text.append(line.hasPrefix("  ") ? String(line.dropFirst(2)) : line)
            position += 1
        }
        position += 1
        document.notes.append(Note(title: title, text: text.joined(separator: "\n")))
    }
}
