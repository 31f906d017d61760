import Foundation
import Hummingbird
import RequestBodies
import Store

/// Clinics and users, for administrators. A new user's API token is in the creation response only.
struct AdminController {
    let services: APIServices

    struct CreatedUser: ResponseEncodable {
        var user: Accounts.User
        var apiToken: String
    }

    func register(with router: Router<AppRequestContext>) {
        router.get("api/v1/clinics", use: clinics)
        router.post("api/v1/clinics", use: addClinic)
        router.get("api/v1/users", use: users)
        router.post("api/v1/users", use: addUser)
        router.post("api/v1/users/:name/disable", use: disableUser)
    }

    @Sendable func clinics(_ request: Request, context: AppRequestContext) async throws -> [Accounts.Clinic] {
        _ = try context.require()
        return try await services.accounts.clinics()
    }

    @Sendable func addClinic(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Accounts.Clinic> {
        let principal = try context.require(.admin)
        let body = try await request.decode(as: NewClinicRequest.self, context: context)
        let clinic = try await services.accounts.addClinic(code: body.code, name: body.name, actor: .user(principal, requestID: context.requestID))
        return EditedResponse(status: .created, response: clinic)
    }

    @Sendable func users(_ request: Request, context: AppRequestContext) async throws -> [Accounts.User] {
        _ = try context.require(.admin)
        return try await services.accounts.users()
    }

    @Sendable func addUser(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<CreatedUser> {
        let principal = try context.require(.admin)
        let body = try await request.decode(as: NewUserRequest.self, context: context)
        guard let role = Role(rawValue: body.role) else {
            throw APIError(status: .unprocessableContent, code: "invalid_field", message: "role must be radiologist, clinic_staff or admin")
        }
        let (user, token) = try await services.accounts.addUser(
            name: body.name, role: role, clinicCode: body.clinic.flatMap { $0.isEmpty ? nil : $0 }, password: body.password, actor: .user(principal, requestID: context.requestID))
        return EditedResponse(status: .created, headers: [.cacheControl: "no-store"], response: CreatedUser(user: user, apiToken: token))
    }

    @Sendable func disableUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.require(.admin)
        guard let name = context.parameters.get("name") else { throw APIError.notFound("user") }
        try await services.accounts.disable(name: name, actor: .user(principal, requestID: context.requestID))
        return Response(status: .noContent)
    }
}
