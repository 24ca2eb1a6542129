import GenewebCore

extension GenewebReader {
    /// Reads personal information tokens (`#occu`, dates, places, titles…) up to `stop`, into the
    /// person at `index`. Returns whether any information was given.
    @discardableResult
    mutating func readInfo(_ words: [Substring], _ i: inout Int, into index: Int, stop: (Substring) -> Bool) -> Bool {
        var warnings: [ImportWarning] = []
        // The person is changed where it lies: a copy would copy its lists on every mention, and
        // a person named on many lines would make reading quadratic.
        let any = Self.readInfo(words, &i, into: &document.persons[index], line: position, warnings: &warnings, stop: stop)
        document.warnings += warnings
        return any
    }

    private static func readInfo(
        _ words: [Substring], _ i: inout Int, into person: inout Person, line: Int, warnings: inout [ImportWarning],
        stop: (Substring) -> Bool
    ) -> Bool {
        var sawBirth = false
        var sawDeath = false
        var any = false
        var current: EventKind?
        func setEvent(_ kind: EventKind, _ update: (inout Event) -> Void) {
            if let position = person.events.firstIndex(where: { $0.kind == kind }) {
                update(&person.events[position])
            } else {
                var event = Event(kind: kind)
                update(&event)
                person.events.append(event)
            }
        }
        func next() -> String? {
            guard i + 1 < words.count else { return nil }
            i += 1
            return GwText.decode(words[i])
        }
        while i < words.count, !stop(words[i]) {
            let word = words[i]
            any = true
            switch word {
            case "#nick": if let value = next() { person.qualifiers.append(value) }
            case "#alias": if let value = next() { person.aliases.append(value) }
            case "#salias": if let value = next() { person.surnameAliases.append(value) }
            case "#image": person.image = next()
            case "#occu": person.occupation = next()
            case "#src": person.sources = next()
            case "#apubl": person.access = .public
            case "#apriv": person.access = .private
            case "#bp": if let value = next() { setEvent(.birth) { $0.place = value } }
            case "#bs": if let value = next() { setEvent(.birth) { $0.source = value } }
            case "#pp": if let value = next() { setEvent(.baptism) { $0.place = value } }
            case "#ps": if let value = next() { setEvent(.baptism) { $0.source = value } }
            case "#dp": if let value = next() { setEvent(.death) { $0.place = value } }
            case "#ds": if let value = next() { setEvent(.death) { $0.source = value } }
            case "#rp": if let value = next() { setEvent(current ?? .burial) { $0.place = value } }
            case "#rs": if let value = next() { setEvent(current ?? .burial) { $0.source = value } }
            case "#buri", "#crem":
                let kind: EventKind = word == "#buri" ? .burial : .cremation
                current = kind
                setEvent(kind) { _ in }
                if i + 1 < words.count, GwText.isDate(words[i + 1]) {
                    i += 1
                    let date = GenealogyDate(geneweb: String(words[i]))
                    setEvent(kind) { $0.date = date }
                }
            case "#od", "od":
                person.deathStatus = .ofCourseDead
                sawDeath = true
            case "#mj", "mj":
                person.deathStatus = .deadYoung
                sawDeath = true
            default:
                if word.hasPrefix("("), word.hasSuffix(")"), word.count >= 2 {
                    person.publicName = GwText.decode(word.dropFirst().dropLast())
                } else if word.hasPrefix("{"), word.hasSuffix("}"), word.count >= 2 {
                    person.firstNameAliases.append(GwText.decode(word.dropFirst().dropLast()))
                } else if word.hasPrefix("["), word.hasSuffix("]") {
                    person.titles.append(Self.title(word.dropFirst().dropLast()))
                } else if word.hasPrefix("!") {
                    let date = GenealogyDate(geneweb: String(word.dropFirst()))
                    setEvent(.baptism) { $0.date = date }
                } else if !sawBirth, GwText.isDate(word) || word.hasPrefix("0(") {
                    sawBirth = true
                    if let date = GenealogyDate(geneweb: String(word)) { setEvent(.birth) { $0.date = date } }
                } else if !sawDeath, let (status, date) = Self.death(word) {
                    sawDeath = true
                    person.deathStatus = status
                    if let date { setEvent(.death) { $0.date = date } }
                } else {
                    warnings.append(.init(line: line, kind: .malformedLine, message: "unknown word \"\(word)\" in person information"))
                }
            }
            i += 1
        }
        return any
    }

    /// A death token: `?` (don't know), `0` (dead, date unknown), a date with an optional
    /// killed/murdered/executed/disappeared prefix (`k`, `m`, `e`, `s`).
    static func death(_ word: Substring) -> (DeathStatus, GenealogyDate?)? {
        if word == "?" { return (.dontKnowIfDead, nil) }
        if word == "0" { return (.deadDontKnowWhen, nil) }
        var reason = DeathReason.unspecified
        var text = word
        if let first = word.first, "kmes".contains(first), word.count > 1, GwText.isDate(word.dropFirst()) {
            reason = ["k": .killed, "m": .murdered, "e": .executed, "s": .disappeared][first] ?? .unspecified
            text = word.dropFirst()
        }
        guard GwText.isDate(text) || text.hasPrefix("0(") else { return nil }
        return (.dead(reason), GenealogyDate(geneweb: String(text)))
    }

    /// The largest title number (`nth`) read; a larger one is read as none.
    static let maximumTitleNumber = 99_999

    /// `[*:duc:Bourgogne:1400:1450:2]` (name, title, place, start, end, nth).
    /// As gwc reads it: the word is unescaped (`_` → space), then split at each colon that a
    /// backslash does not escape (`duc\\:x` is one part).
    static func title(_ body: Substring) -> Title {
        var parts: [String] = [""]
        var escaped = false
        for character in GenealogyDate.decodeWord(body) {
            if escaped {
                parts[parts.count - 1].append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                parts.append("")
            } else {
                parts[parts.count - 1].append(character)
            }
        }
        func part(_ index: Int) -> String { index < parts.count ? parts[index].trimmingCharacters(in: .whitespaces) : "" }
        let name: Title.Name = part(0) == "*" ? .main : part(0).isEmpty ? .none : .named(part(0))
        return Title(
            name: name, title: part(1), place: part(2),
            start: GenealogyDate(geneweb: part(3)), end: GenealogyDate(geneweb: part(4)),
            nth: Int(part(5)).flatMap { (0...maximumTitleNumber).contains($0) ? $0 : nil } ?? 0
        )
    }
}
