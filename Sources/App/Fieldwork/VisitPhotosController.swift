import Crypto
import Fluent
import SitePhoto
import Vapor

/// 现场照片: a checked-in worker adds photos to a visit from the phone's camera; whoever may see the visit
/// sees them (the thumbnail on the page, the photo itself behind it).
struct VisitPhotosController {
    struct Upload: Content {
        var slot: String?
        var photo: File?
        /// The phone's clock when the photo was sent, in milliseconds (set by the page's script).
        var device_time: String?
    }

    func upload(_ req: Request) async throws -> Response {
        let visit = try await VisitsController.visibleVisit(req)
        let form = try req.content.decode(Upload.self)
        let limits = req.config.photoLimits
        guard let file = form.photo, file.data.readableBytes > 0 else {
            return req.redirect(to: .visit(visit.id), notice: "请先拍摄或选择一张照片", kind: .error)
        }
        // Refused by its size before a byte of it is decoded.
        guard file.data.readableBytes <= limits.maxBytes else {
            return req.redirect(to: .visit(visit.id), notice: SitePhotoError.tooLarge(bytes: file.data.readableBytes).message(limits: limits), kind: .error)
        }
        // A visit already filed or full is refused before the photo is decoded (the claim decides in the end).
        let service = VisitPhotoService(db: req.db, storage: req.application.fileStorage, now: req.clock.now(), user: try req.requireUser(),
                                        rules: req.config.siteRules)
        if visit.recordID != nil || visit.photoCount >= service.maxPerVisit {
            let refusal: VisitPhotoService.Refusal = visit.recordID != nil ? .recordFiled : .full(service.maxPerVisit)
            return req.redirect(to: .visit(visit.id), notice: refusal.message, kind: .error)
        }
        let bytes = Array(file.data.readableBytesView)
        // Decoding takes milliseconds of CPU: off the event loop, which serves everyone else meanwhile.
        let processed: Result<ProcessedPhoto, SitePhotoError> = try await req.application.threadPool.runIfActive {
            do throws(SitePhotoError) { return .success(try SitePhotoProcessor.process(bytes, limits: limits)) } catch { return .failure(error) }
        }
        let photo: ProcessedPhoto
        switch processed {
        case .failure(let error): return req.redirect(to: .visit(visit.id), notice: error.message(limits: limits), kind: .error)
        case .success(let p): photo = p
        }
        let slot = form.slot ?? ""
        do {
            let row = try await service.add(photo, bytes: bytes, sha256: SHA256.hash(data: bytes).hex, slot: slot,
                                            deviceTime: SiteVisitService.Place(latitude: "", longitude: "", accuracy: "", deviceTime: form.device_time ?? "").deviceTime, to: visit)
            let note = row.duplicateNote.isEmpty ? "已上传\(slot)照片。" : "已上传\(slot)照片，但\(row.duplicateNote)，将标记为照片重复。"
            return req.redirect(to: .visit(visit.id), notice: note, kind: row.duplicateNote.isEmpty ? .success : .error)
        } catch let refusal as VisitPhotoService.Refusal {
            return req.redirect(to: .visit(visit.id), notice: refusal.message, kind: .error)
        }
    }

    /// The photo, or with `?size=thumb` its thumbnail: for those who may see the visit.
    func show(_ req: Request) async throws -> Response {
        let visit = try await VisitsController.visibleVisit(req)
        guard let photoID = req.parameters.get("photo", as: UUID.self), let photo = try await VisitPhoto.find(photoID, on: req.db),
              photo.visitID == visit.id else { throw AppError.notFound }
        let sha = req.query[String.self, at: "size"] == "thumb" ? photo.thumbnailSHA256 : photo.sha256
        guard let data = try await req.application.fileStorage.get(sha256: sha, on: req.db) else {
            req.logger.error("visit photo \(photoID) has no stored file \(sha)")
            throw AppError.notFound
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "image/jpeg")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        // Never changes (a retake is another photo), but is nobody else's to keep.
        headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=86400, immutable")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}

extension AppConfig {
    /// What a site photo may weigh; its pixels are bounded by `SitePhotoLimits` itself.
    var photoLimits: SitePhotoLimits {
        var limits = SitePhotoLimits()
        limits.maxBytes = photoMaxBytes
        return limits
    }
}
