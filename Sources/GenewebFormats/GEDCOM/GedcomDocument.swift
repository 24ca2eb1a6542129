import GenewebCore

/// Everything read from one genealogy file, in the core model, with what the reader had to say.
public struct GedcomDocument: Sendable {
    public var persons: [Person] = []
    public var families: [Family] = []
    public var sources: [Source] = []
    public var repositories: [Repository] = []
    public var notes: [Note] = []
    public var media: [Media] = []
    /// The file's header, kept whole so an export can say where the data came from.
    public var header: ExtensionNode?
    /// Records the model has no type for (submitters, submissions, custom `_` records), kept verbatim.
    public var otherRecords: [ExtensionNode] = []
    /// GEDCOM version from the header (`5.5.1`, `7.0`), nil when the file does not say.
    public var version: String?
    public var warnings: [ImportWarning] = []

    public init() {}
}

/// The event tags of GEDCOM and the kinds they become.
enum GedcomEventTags {
    static let person: [String: EventKind] = [
        "BIRT": .birth, "CHR": .baptism, "BAPM": .baptism, "DEAT": .death, "BURI": .burial, "CREM": .cremation,
        "ADOP": .custom("Adoption"), "BARM": .barMitzvah, "BASM": .batMitzvah, "BLES": .benediction,
        "CHRA": .custom("Adult christening"), "CONF": .confirmation, "FCOM": .firstCommunion,
        "ORDN": .ordination, "NATU": .naturalisation, "EMIG": .emigration, "IMMI": .immigration,
        "CENS": .census, "PROB": .custom("Probate"), "WILL": .will, "GRAD": .graduate, "RETI": .retired,
        "OCCU": .occupation, "RESI": .residence, "EDUC": .education, "PROP": .property,
        "BAPL": .baptismLDS, "CONL": .confirmationLDS, "ENDL": .dotationLDS, "SLGC": .scellentChildLDS,
        "INIL": .custom("LDS initiatory"),
        "DSCR": .custom("Physical description"), "IDNO": .custom("Identity number"), "NATI": .custom("Nationality"),
        "RELI": .custom("Religion"), "NCHI": .custom("Number of children"), "NMR": .custom("Number of marriages"),
        "SSN": .custom("Social security number"), "CAST": .custom("Caste"),
    ]

    static let family: [String: EventKind] = [
        "MARR": .marriage, "ENGA": .engagement, "DIV": .divorce, "DIVF": .custom("Divorce filed"),
        "ANUL": .annulment, "MARB": .marriageBann, "MARC": .marriageContract, "MARL": .marriageLicense,
        "MARS": .custom("Marriage settlement"), "RESI": .familyResidence, "CENS": .census,
        "SLGS": .scellentSpouseLDS, "NCHI": .custom("Number of children"),
    ]

    /// Tags whose kind comes from their `TYPE` (`EVEN`, `FACT`).
    static let generic: Set<String> = ["EVEN", "FACT"]

    /// The GEDCOM tag to write for a kind; nil for kinds written as `EVEN` + `TYPE`.
    static func tag(for kind: EventKind, family: Bool) -> String? {
        let table = family ? self.family : person
        if let preferred = preferredTags[kind], table[preferred] != nil { return preferred }
        return table.first { $0.value == kind }?.key
    }

    /// Where two tags read as one kind, the one written back.
    static let preferredTags: [EventKind: String] = [.baptism: "BAPM"]
}
