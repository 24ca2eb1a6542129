import Foundation
import GenewebCore

/// A person as a `.gw` file names one: surname, first name and occurrence number.
struct GwPersonKey: Hashable {
    let surname: String
    let firstName: String
    let occurrence: Int

    /// The key text of the form `Surname First[.N]`, as tokens.
    var tokens: String {
        GwText.encode(surname.isEmpty ? "?" : surname) + " " + GwText.encode(firstName.isEmpty ? "?" : firstName)
            + (occurrence == 0 ? "" : ".\(occurrence)")
    }

    /// A first-name token with its optional `.N`: `Louis.1` → ("Louis", 1). A number beyond
    /// `Occurrence.maximum` is no occurrence number: the token is a name, as a 20-digit one is.
    static func splitOccurrence(_ token: Substring) -> (String, Int) {
        if let dot = token.lastIndex(of: "."), let number = Int(token[token.index(after: dot)...]),
            (0...Occurrence.maximum).contains(number), !token[..<dot].isEmpty
        {
            return (GwText.decodeName(token[..<dot]), number)
        }
        return (GwText.decodeName(token), 0)
    }
}
