import Foundation
import GenewebCore
import GenewebSite
import GenewebStore
import Hummingbird

/// Pictures and documents on the web site: each person page shows the person's portrait (their
/// first picture) and a gallery of their media; editors add one from `/b/{base}/p/{key}/media`.
/// A media attached to anyone this caller may not see is left out, as the JSON routes leave it
/// out (`MediaVisibility`); files are served by `/b/{base}/m/{id}`, the media route of the API
/// under the site's address, so the signed-in browser's session opens what it may see.
extension SiteController {
    static let galleryLength = 60

    /// The media of a person the caller may see, oldest first. No query when the record names none.
    func gallery(of person: Person, page: SiteScope) async throws -> (portrait: PictureModel?, items: [PictureModel]) {
        guard !person.mediaIDs.isEmpty else { return (nil, []) }
        var found = try await media.media.media(of: person.id.uuid, kind: .person, base: page.base.id, limit: Self.galleryLength)
        if !page.policy.seesEverything {
            let hidden = try await media.visibility.hiddenMedia(among: found.map(\.media.id.uuid), base: page.base.id)
            found.removeAll { hidden.contains($0.media.id.uuid) }
        }
        let name = SitePeople.name(person)
        let items = found.compactMap { stored -> PictureModel? in
            guard let file = stored.file else { return nil }
            let title = stored.media.title.nonEmpty ?? file.originalName ?? stored.media.file
            return PictureModel(
                href: SiteURL.base(page.base.name) + "/m/" + stored.media.id.uuid.uuidString.lowercased(), title: title,
                alt: stored.media.title.nonEmpty ?? page.messages.format("media.picture_of", name), isImage: file.type.isImage)
        }
        return (items.first { $0.isImage }, items)
    }

    @Sendable func mediaForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await open(request, context)
        let person = try await editedPerson(page, context).value
        return mediaPage(page, person: person, notice: nil)
    }

    @Sendable func addMedia(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = try await open(request, context)
        let person = try await editedPerson(page, context).value
        guard let boundary = request.headers[.contentType].flatMap(MultipartFile.boundary(in:)) else {
            throw APIError.badRequest("The form is sent as multipart/form-data")
        }
        let form = try MultipartForm(try await media.body(of: request), boundary: boundary)
        try requireFormToken(try form.text("csrf", limit: 200), page.site)
        guard let file = form.part("file"), !file.bytes.isEmpty else {
            return mediaPage(page, person: person, notice: page.messages["media.no_file"], status: .unprocessableContent)
        }
        let title = try form.text("title", limit: 500)?.trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            _ = try await media.keep(
                file.bytes, fileName: file.fileName, title: title.nonEmpty, links: [.person: [person.id.uuid]], base: page.base, context: context)
        } catch let error as APIError where error.status == .unsupportedMediaType || error.status == .contentTooLarge {
            let notice =
                error.status == .contentTooLarge
                ? page.messages.format("media.too_large", AdminController.megabytes(media.maxBytes)) : page.messages["media.bad_type"]
            return mediaPage(page, person: person, notice: notice, status: error.status)
        }
        return Self.seeOther(page.people.href(person))
    }

    private func mediaPage(_ page: SiteScope, person: Person, notice: String?, status: HTTPResponse.Status = .ok) -> Response {
        let heading = page.messages.format("media.add_to", SitePeople.name(person))
        let here = page.people.href(person)
        let model = MediaFormModel(
            heading: heading, action: here + "/media", cancelHref: here, notice: notice,
            limit: page.messages.format("media.limit", AdminController.megabytes(media.maxBytes)))
        return page.site.html(.mediaForm, model: model, frame: page.frame(heading), status: status)
    }
}
