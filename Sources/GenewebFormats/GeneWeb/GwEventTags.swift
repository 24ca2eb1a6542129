import Foundation
import GenewebCore

/// GeneWeb's event tags (`#birt`, `#marr`…) and our kinds.
enum GwEventTags {
    static let person: [(String, EventKind)] = [
        ("#birt", .birth), ("#bapt", .baptism), ("#deat", .death), ("#buri", .burial), ("#crem", .cremation),
        ("#acco", .accomplishment), ("#acqu", .acquisition), ("#adhe", .adhesion), ("#bapl", .baptismLDS),
        ("#barm", .barMitzvah), ("#basm", .batMitzvah), ("#bles", .benediction), ("#cens", .census),
        ("#chgn", .changeName), ("#circ", .circumcision), ("#conf", .confirmation), ("#conl", .confirmationLDS),
        ("#degr", .diploma), ("#awar", .decoration), ("#demm", .demobilisationMilitaire), ("#dist", .distinction),
        ("#endl", .dotation), ("#dotl", .dotationLDS), ("#educ", .education), ("#elec", .election),
        ("#emig", .emigration), ("#exco", .excommunication), ("#flkl", .familyLinkLDS), ("#fcom", .firstCommunion),
        ("#fune", .funeral), ("#grad", .graduate), ("#hosp", .hospitalisation), ("#illn", .illness),
        ("#immi", .immigration), ("#lpas", .listePassenger), ("#mdis", .militaryDistinction),
        ("#mpro", .militaryPromotion), ("#mser", .militaryService), ("#mobm", .mobilisationMilitaire),
        ("#natu", .naturalisation), ("#occu", .occupation), ("#ordn", .ordination), ("#prop", .property),
        ("#resi", .residence), ("#reti", .retired), ("#slgc", .scellentChildLDS), ("#slgp", .scellentParentLDS),
        ("#slgs", .scellentSpouseLDS), ("#vteb", .venteBien), ("#will", .will),
    ]

    static let family: [(String, EventKind)] = [
        ("#marr", .marriage), ("#nmar", .noMarriage), ("#nmen", .noMention), ("#enga", .engagement),
        ("#div", .divorce), ("#sep", .separation), ("#anul", .annulment), ("#marb", .marriageBann),
        ("#marc", .marriageContract), ("#marl", .marriageLicense), ("#pacs", .pacs), ("#resi", .familyResidence),
    ]

    static func kind(_ tag: Substring, family: Bool) -> EventKind {
        let table = family ? self.family : person
        if let found = table.first(where: { $0.0 == tag }) { return found.1 }
        return .custom(GwText.decode(tag.dropFirst()))
    }

    static func tag(_ kind: EventKind, family: Bool) -> String {
        let table = family ? self.family : person
        if let found = table.first(where: { $0.1 == kind }) { return found.0 }
        if case .custom(let name) = kind { return "#" + GwText.encode(name) }
        return "#" + GwText.encode(kind.name)
    }
}
