import GenewebCore

/// A deterministic synthetic tree for benchmarks and scale tests: founder couples around 1600,
/// then generation after generation of children who marry newcomers or, now and then, a cousin;
/// with dates, places, sources with citations and notes. The same seed gives the same tree.
public struct SyntheticTree {
    public let personCount: Int
    public let seed: UInt64

    public init(persons: Int, seed: UInt64 = 1) {
        self.personCount = max(2, persons)
        self.seed = seed
    }

    public func generate() -> GedcomDocument {
        var random = SplitMix64(seed: seed)
        var document = GedcomDocument()
        let sources = (0..<max(1, personCount / 500)).map { index in
            Source(title: "Registre paroissial \(Self.places[index % Self.places.count]) \(1600 + index % 300)", gedcomXref: "@S\(index + 1)@")
        }
        document.sources = sources
        var persons: [Person] = []
        persons.reserveCapacity(personCount)
        var families: [Family] = []
        func makePerson(surname: String, sex: Sex, born year: Int) -> Int {
            let first = sex == .male ? Self.maleNames[random.next(Self.maleNames.count)] : Self.femaleNames[random.next(Self.femaleNames.count)]
            let place = Self.places[random.next(Self.places.count)]
            let birth = GenealogyDate.calendar(CalendarDate(day: 1 + random.next(28), month: 1 + random.next(12), year: year))
            var events = [
                Event(
                    kind: .birth, date: birth, place: place,
                    citations: random.next(3) == 0 ? [Citation(sourceID: sources[random.next(sources.count)].id, page: "f° \(1 + random.next(300))")] : [])
            ]
            let lifespan = random.next(10) == 0 ? random.next(5) : 30 + random.next(65)
            if year + lifespan < 2000 {
                let death = GenealogyDate.calendar(CalendarDate(year: year + lifespan, precision: random.next(4) == 0 ? .about : .sure))
                events.append(Event(kind: .death, date: death, place: Self.places[random.next(Self.places.count)]))
            }
            var person = Person(
                firstName: first, surname: surname, sex: sex,
                deathStatus: year + lifespan < 2000 ? .dead(.unspecified) : .dontKnowIfDead, events: events)
            person.gedcomXref = "@I\(persons.count + 1)@"
            if random.next(20) == 0 { person.notes = "Note de recherche sur \(first) \(surname), née vers \(year)." }
            if random.next(5) == 0 {
                // As GEDCOM says it: an OCCU event, whose value is also the person's occupation.
                let occupation = Self.occupations[random.next(Self.occupations.count)]
                person.occupation = occupation
                person.events.append(Event(kind: .occupation, value: occupation))
            }
            persons.append(person)
            return persons.count - 1
        }
        func makeFamily(_ husband: Int, _ wife: Int, year: Int) -> Int {
            var family = Family(parents: [persons[husband].id, persons[wife].id])
            family.events = [Event(kind: .marriage, date: .calendar(CalendarDate(year: year)), place: Self.places[random.next(Self.places.count)])]
            family.gedcomXref = "@F\(families.count + 1)@"
            families.append(family)
            return families.count - 1
        }
        // Founders.
        var generation: [(family: Int, year: Int, surname: String)] = []
        for _ in 0..<max(1, personCount / 400) where persons.count + 2 <= personCount {
            let year = 1600 + random.next(40)
            let husband = makePerson(surname: Self.surnames[random.next(Self.surnames.count)], sex: .male, born: year)
            let wife = makePerson(surname: Self.surnames[random.next(Self.surnames.count)], sex: .female, born: year + random.next(6))
            generation.append((makeFamily(husband, wife, year: year + 22 + random.next(8)), year + 25, persons[husband].surname))
        }
        while persons.count < personCount && !generation.isEmpty {
            var unmarried: [(person: Int, year: Int)] = []
            for (family, year, surname) in generation {
                for childIndex in 0..<(1 + random.next(5)) where persons.count < personCount {
                    let born = year + 1 + childIndex * 2 + random.next(2)
                    let child = makePerson(surname: surname, sex: random.next(2) == 0 ? .male : .female, born: born)
                    families[family].children.append(persons[child].id)
                    unmarried.append((child, born))
                }
            }
            generation = []
            var index = 0
            while index < unmarried.count && persons.count < personCount {
                let (person, born) = unmarried[index]
                index += 1
                guard random.next(10) < 8 else { continue }
                let isMale = persons[person].sex == .male
                // One marriage in twenty is between cousins of the same generation.
                if random.next(20) == 0, index < unmarried.count, persons[unmarried[index].person].sex != persons[person].sex {
                    let other = unmarried[index].person
                    index += 1
                    let (husband, wife) = isMale ? (person, other) : (other, person)
                    generation.append((makeFamily(husband, wife, year: born + 24), born + 26, persons[husband].surname))
                    continue
                }
                guard persons.count < personCount else { break }
                let spouse = makePerson(
                    surname: Self.surnames[random.next(Self.surnames.count)], sex: isMale ? .female : .male, born: born + random.next(5) - 2)
                let (husband, wife) = isMale ? (person, spouse) : (spouse, person)
                generation.append((makeFamily(husband, wife, year: born + 20 + random.next(12)), born + 25, persons[husband].surname))
            }
        }
        let numbers = Occurrence.assign(persons.map { ($0.firstName, $0.surname) })
        for index in persons.indices { persons[index].occurrence = numbers[index] }
        document.persons = persons
        document.families = families
        document.otherRecords = [ExtensionNode(tag: "SUBM", xref: "@SUBM1@", children: [ExtensionNode(tag: "NAME", value: "geneweb generate --seed \(seed)")])]
        return document
    }

    static let surnames = [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
        "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez",
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Smith", "Jones",
        "de La Fontaine", "van der Berg", "d'Artagnan", "Le Goff", "Galichet", "Sutaine", "Jayot", "Geruzet",
    ]
    static let maleNames = [
        "Jean", "Pierre", "Louis", "Jacques", "François", "Nicolas", "Antoine", "Claude", "Étienne", "Joseph",
        "Jean-Baptiste", "Michel", "Charles", "Guillaume", "Hans", "Johann", "William", "Paul", "André", "Philippe",
    ]
    static let femaleNames = [
        "Marie", "Anne", "Jeanne", "Marguerite", "Catherine", "Françoise", "Élisabeth", "Louise", "Madeleine",
        "Geneviève", "Nicole", "Perrette", "Claude", "Thérèse", "Anna", "Maria", "Mary", "Sophie", "Hélène", "Agnès",
    ]
    static let places = [
        "Reims, Marne, France", "Paris, France", "Châlons-en-Champagne, Marne, France", "Lyon, Rhône, France",
        "Strasbourg, Bas-Rhin, France", "Épernay, Marne, France", "Nantes, Loire-Atlantique, France",
        "Köln, Nordrhein-Westfalen, Deutschland", "Genève, Suisse", "Bruxelles, Belgique", "Québec, Canada",
    ]
    static let occupations = ["laboureur", "vigneron", "marchand", "notaire", "tisserand", "meunier", "charpentier", "curé"]
}

/// A small, fast, well-mixed deterministic generator (Steele, Lea & Flood's SplitMix64).
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func nextUInt64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound.
    mutating func next(_ bound: Int) -> Int {
        Int(nextUInt64() % UInt64(max(1, bound)))
    }
}
