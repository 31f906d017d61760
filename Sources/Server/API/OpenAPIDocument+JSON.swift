import Foundation

extension OpenAPIDocument {
    /// Component schemas: field names and JSON types of what the endpoints send and return.
    static func schemas() -> [String: [String: Any]] {
        func object(_ properties: [String: [String: Any]], required: [String] = []) -> [String: Any] {
            ["type": "object", "properties": properties, "required": required]
        }
        func list(_ item: String) -> [String: Any] { ["type": "array", "items": ["$ref": "#/components/schemas/\(item)"]] }
        let string: [String: Any] = ["type": "string"]
        let nullableString: [String: Any] = ["type": ["string", "null"]]
        let time: [String: Any] = ["type": "string", "format": "date-time"]
        let nullableTime: [String: Any] = ["type": ["string", "null"], "format": "date-time"]
        let number: [String: Any] = ["type": ["number", "null"]]
        let integer: [String: Any] = ["type": "integer"]
        let boolean: [String: Any] = ["type": "boolean"]
        let nullableBoolean: [String: Any] = ["type": ["boolean", "null"]]
        let strings: [String: Any] = ["type": "array", "items": string]
        let tier: [String: Any] = ["type": "string", "pattern": "^P[0-5]$"]
        return [
            "Error": object(["error": object(["code": string, "message": string], required: ["code", "message"])], required: ["error"]),
            "Health": object(["status": string, "database": string, "version": string]),
            "Login": object(
                ["name": ["type": "string", "maxLength": 64], "password": ["type": "string", "maxLength": 72]], required: ["name", "password"]),
            "Me": object(["name": string, "role": string, "clinic_id": ["type": ["integer", "null"]]]),
            "LoginResult": object(["user": ["$ref": "#/components/schemas/Me"], "csrf_token": string, "expires_at": time]),
            "Study": object([
                "id": ["type": "string", "format": "uuid"], "clinic": string, "patient_id": string, "setting": string, "status": string,
                "failure_reason": nullableString, "acquired_at": nullableTime, "received_at": time, "estimated_at": nullableTime,
                "first_read_at": nullableTime, "second_read_at": nullableTime, "finalised_at": nullableTime,
                "estimate": ["type": ["object", "null"]], "route": ["type": ["object", "null"]], "queue": ["type": ["object", "null"]],
            ], required: ["id", "clinic", "patient_id", "status", "received_at"]),
            "StudyList": list("Study"),
            "DICOMDataset": ["type": "object", "description": "A DICOM JSON data set (PS3.18 F.2): tag keys like \"0020000D\""],
            "DICOMDatasetList": list("DICOMDataset"),
            "Vitals": [
                "type": "object", "minProperties": 1, "additionalProperties": false,
                "description": "At least one value. Ranges are the defaults of Config/routing.yaml input_ranges.",
                "properties": [
                    "temperature_c": ["type": ["number", "null"], "minimum": 30, "maximum": 45],
                    "respiratory_rate": ["type": ["number", "null"], "minimum": 0, "maximum": 80],
                    "spo2": ["type": ["number", "null"], "minimum": 50, "maximum": 100],
                    "pao2_fio2": ["type": ["number", "null"], "minimum": 20, "maximum": 700],
                    "shock": nullableBoolean, "multiple_organ_failure": nullableBoolean,
                    "respiratory_failure": nullableBoolean, "typical_clinic": nullableBoolean,
                ],
            ],
            "VitalsEntry": object([
                "temperature_c": number, "respiratory_rate": number, "spo2": number, "pao2_fio2": number, "shock": nullableBoolean,
                "multiple_organ_failure": nullableBoolean, "respiratory_failure": nullableBoolean, "typical_clinic": nullableBoolean,
                "entered_at": nullableTime, "entered_by": nullableString,
            ]),
            "VitalsList": list("VitalsEntry"),
            "Route": object([
                "tier": tier, "due_at": time, "severity": nullableString, "emergency": boolean, "decision": nullableString, "trace": strings,
            ]),
            "Reading": object(
                ["lease_token": ["type": "string", "format": "uuid"], "category": ["type": "string", "pattern": "^CT-[0-4]$"],
                 "findings": string], required: ["lease_token", "category"]),
            "Signed": object(["study_id": string, "reading_number": integer, "discrepancy": string, "complete": boolean]),
            "WorklistItem": object([
                "study_id": string, "clinic": string, "tier": tier, "due_at": time, "overdue": boolean, "arrival_at": time,
                "status": string, "category": nullableString, "category_source": nullableString, "involvement_percent": number,
                "flags": strings, "emergency": boolean, "reading_number_needed": integer, "claimed": boolean,
                "key_image_url": nullableString,
            ]),
            "WorklistPage": list("WorklistItem"),
            "Claim": object([
                "study_id": string, "reading_number": integer, "lease_token": string, "expires_at": time, "study_url": string,
                "study": ["$ref": "#/components/schemas/Study"],
            ]),
            "Lease": object(["lease_token": ["type": "string", "format": "uuid"]], required: ["lease_token"]),
            "Renewed": object(["expires_at": time]),
            "Clinic": object(["id": integer, "code": string, "name": string]),
            "ClinicList": list("Clinic"),
            "NewClinic": object(
                ["code": ["type": "string", "pattern": "^[A-Za-z0-9_-]{1,32}$"],
                 "name": ["type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\S"]], required: ["code", "name"]),
            "User": object(["id": integer, "name": string, "role": string, "clinic_code": nullableString, "created_at": time, "disabled": boolean]),
            "UserList": list("User"),
            "NewUser": object(
                ["name": ["type": "string", "pattern": "^[A-Za-z0-9._@-]{1,64}$"],
                 "role": ["type": "string", "enum": ["radiologist", "clinic_staff", "admin"]],
                 "clinic": ["type": ["string", "null"], "description": "clinic code; required for clinic_staff, refused for the other roles"],
                 "password": ["type": ["string", "null"], "minLength": 8, "maxLength": 72]], required: ["name", "role"]),
            "Turnaround": object([
                "from": time, "to": time, "as_of": time, "group_by": string, "groups": ["type": "array", "items": ["type": "object"]],
                "backlog": integer, "oldest_waiting": ["type": ["object", "null"]],
            ]),
            "Agreement": object([
                "estimator_vs_first_reader": ["type": "object"], "first_vs_second_reader": ["type": "object"],
                "radiologists": ["type": "array", "items": ["type": "object"]], "second_reading": ["type": "object"],
                "discrepancies": ["type": "object"],
            ]),
            "CreatedUser": object(["user": ["$ref": "#/components/schemas/User"], "api_token": string]),
        ]
    }

    /// Path and query parameters by name: what the handlers accept (a stricter schema never rejects a valid call).
    static let parameterSchemas: [String: [String: any Sendable]] = [
        "id": ["type": "string", "format": "uuid"],
        "index": ["type": "integer", "minimum": 0, "maximum": 15],
        "name": ["type": "string", "pattern": "^[A-Za-z0-9._@-]{1,64}$"],
        "from": ["type": "string", "format": "date-time"],
        "to": ["type": "string", "format": "date-time"],
        "limit": ["type": "integer", "minimum": 1, "maximum": 500],
        "offset": ["type": "integer", "minimum": 0, "maximum": 1_000_000],
        "claimed": ["type": "boolean"],
        "tier": ["type": "string", "enum": ["P0", "P1", "P2", "P3", "P4", "P5"]],
        "clinic": ["type": "string", "pattern": "^[A-Za-z0-9_-]{1,32}$"],
        "group_by": ["type": "string", "enum": ["clinic", "tier", "radiologist"]],
        "format": ["type": "string", "enum": ["json", "csv"]],
        "include": ["type": "string", "enum": ["study"]],
        "StudyInstanceUID": ["type": "string", "pattern": "^[0-9.]{1,64}$"],
        "study": ["type": "string", "pattern": "^[0-9.]{1,64}$"],
        "StudyDate": ["type": "string", "pattern": "^[0-9]{8}(-[0-9]{8})?$|^-[0-9]{8}$|^[0-9]{8}-$"],
    ]

    static func json() throws -> [UInt8] {
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            var entry: [String: Any] = ["summary": operation.summary, "x-roles": operation.roles]
            var parameters: [[String: Any]] = operation.path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                let name = String($0.dropFirst().dropLast())
                return ["name": name, "in": "path", "required": true, "schema": parameterSchemas[name] ?? ["type": "string"]]
            }
            parameters += operation.query.map {
                ["name": $0, "in": "query", "required": false, "schema": parameterSchemas[$0] ?? ["type": "string"]]
            }
            if !parameters.isEmpty { entry["parameters"] = parameters }
            if !operation.roles.isEmpty { entry["security"] = [["bearer": []], ["session": []]] }
            if let body = operation.requestBody {
                entry["requestBody"] = body == "dicom"
                    ? ["required": true, "content": ["multipart/related; type=\"application/dicom\"": ["schema": [
                        "type": "string", "format": "binary", "description": "DICOM Part 10 instances, one per part"]]]]
                    : body == "multipart"
                    ? ["required": true, "content": ["multipart/form-data": ["schema": [
                        "type": "object", "required": ["file", "patient_id", "clinic"],
                        "properties": ["file": ["type": "string", "format": "binary"], "patient_id": ["type": "string"],
                                       "clinic": ["type": "string"], "acquired_at": ["type": "string", "format": "date-time"],
                                       "setting": ["type": "string", "enum": ["outpatient", "inpatient"]]]]]]]
                    : ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(body)"]]]]
            }
            var responses: [String: Any] = [:]
            let error: [String: Any] = ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]
            if operation.requestBody != nil || !operation.query.isEmpty {
                responses["400"] = ["description": "Malformed request (the message names the field)", "content": error]
            }
            if operation.requestBody != nil {
                responses["422"] = ["description": "A value outside its rules", "content": error]
            }
            for (status, (description, schema)) in operation.responses {
                var response: [String: Any] = ["description": description]
                if let schema {
                    let mediaType = schema.hasPrefix("DICOM") ? "application/dicom+json" : "application/json"
                    var content: [String: Any] = [mediaType: ["schema": ["$ref": "#/components/schemas/\(schema)"]]]
                    if operation.query.contains("format") && status == 200 { content["text/csv"] = ["schema": ["type": "string"]] }
                    response["content"] = content
                }
                responses[String(status)] = response
            }
            if !operation.roles.isEmpty {
                responses["401"] = ["description": "Not authenticated", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
                responses["403"] = responses["403"] ?? ["description": "Role not allowed", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
            }
            entry["responses"] = responses
            paths[operation.path, default: [:]][operation.method.lowercased()] = entry
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "CTriage", "version": CTriageServer.version,
                     "description": "Triage and worklist server for outpatient CT centres. Errors are {\"error\":{\"code\",\"message\"}}."],
            "paths": paths,
            "components": [
                "schemas": schemas(),
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer"],
                    "session": ["type": "apiKey", "in": "cookie", "name": AuthMiddleware.sessionCookie],
                ],
            ],
        ]
        return Array(try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]))
    }
}
