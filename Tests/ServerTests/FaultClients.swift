import Foundation

/// The simulated users of the fault tests: loops of HTTP requests against daemon processes that record every
/// acknowledgement and refusal in a `LoadLedger`, until the ledger is stopped. Paced, not flat out: the point is
/// to have requests in flight when the fault strikes, on a loaded machine shared with other tests.
enum FaultClients {
    static let pace = Duration.milliseconds(40)

    /// Claims the next study and signs it (always CT-1, so readers never disagree and need no arbitration),
    /// going round `ports`; a sign answered 503 or not at all is sent again, to the next daemon, with the same lease.
    /// `readingTime` passes between a claim and its sign, as a radiologist reads.
    static func radiologist(_ name: String, token: String, ports: [Int], readingTime: Duration = .zero, ledger: LoadLedger) async {
        var held: (study: String, lease: String)?
        var turn = Int.random(in: 0..<ports.count)
        while !ledger.isStopped {
            let port = ports[turn % ports.count]
            turn += 1
            let client = DaemonClient(port: port, token: token)
            if let claim = held {
                let reply = await client.send(
                    "POST", "/api/v1/studies/\(claim.study)/readings",
                    json: ["lease_token": claim.lease, "category": "CT-1", "findings": "fault test"])
                switch reply?.status {
                case 201?:
                    ledger.record(.reading) { $0.readings.append(.init(study: claim.study, radiologist: name)) }
                    held = nil
                case 409?:
                    // The claim expired first (a database away for longer than the lease): claim again.
                    held = nil
                default:
                    ledger.refused(reply, "sign")
                    await backOff(after: reply)
                }
            } else {
                let reply = await client.post("/api/v1/worklist/claim")
                let body = reply?.status == 200 ? reply?.json() : nil
                if let study = body?["study_id"] as? String, let lease = body?["lease_token"] as? String {
                    held = (study.lowercased(), lease)
                    ledger.record(.claim) { $0.claims.append(.init(study: study.lowercased(), radiologist: name, port: port)) }
                    if readingTime > .zero { try? await Task.sleep(for: readingTime) }
                } else if reply?.status == 204 {
                    try? await Task.sleep(for: .milliseconds(150))  // nothing waiting right now
                } else {
                    ledger.refused(reply, "claim")
                    await backOff(after: reply)
                }
            }
            try? await Task.sleep(for: pace)
        }
    }

    /// Uploads a new small study each round (seeds from `firstSeed` up).
    static func uploader(token: String, port: Int, firstSeed: UInt64, ledger: LoadLedger) async {
        var seed = firstSeed
        while !ledger.isStopped {
            seed += 1
            guard let bytes = try? FaultDatabase.studyBytes(seed: seed, size: 48, slices: 8) else { continue }
            let reply = await DaemonClient(port: port, token: token).upload(patient: "P-\(seed)", clinic: FaultDatabase.clinic, bytes: bytes)
            if let reply, reply.status == 201 || reply.status == 200, let id = reply.json()["id"] as? String {
                ledger.record(.upload) { $0.uploads.append(id.lowercased()) }
            } else {
                ledger.refused(reply, "upload")
                await backOff(after: reply)
            }
            try? await Task.sleep(for: pace)
        }
    }

    /// Enters vitals for `study` each round; entry n has a temperature and respiratory rate of its own
    /// (`vitalsKey`), so each acknowledged entry can be found again.
    static func vitalsWriter(token: String, port: Int, study: String, ledger: LoadLedger) async {
        var entry = 0
        while !ledger.isStopped {
            entry += 1
            let (temperature, respiratoryRate) = vitalsValues(entry)
            let reply = await DaemonClient(port: port, token: token).send(
                "PUT", "/api/v1/studies/\(study)/vitals",
                json: ["temperature_c": temperature, "respiratory_rate": respiratoryRate, "spo2": 96])
            if reply?.status == 200 {
                ledger.record(.vitals) { $0.vitals.append(.init(study: study, entry: entry)) }
            } else {
                ledger.refused(reply, "vitals")
                await backOff(after: reply)
            }
            try? await Task.sleep(for: pace)
        }
    }

    /// Entry n ↔ (30.00 °C + n mod 1500 hundredths, n / 1500 breaths per minute): distinct for n < 120 000.
    static func vitalsValues(_ entry: Int) -> (Double, Double) {
        (30 + Double(entry % 1500) / 100, Double(entry / 1500))
    }

    static func vitalsEntry(temperature: Double, respiratoryRate: Double) -> Int {
        Int(((temperature - 30) * 100).rounded()) + Int(respiratoryRate.rounded()) * 1500
    }

    /// A short wait after a refusal, so a database outage is not hammered; the Retry-After of 5 s is a hint for
    /// real clients, too long for a test that wants requests in flight when the database returns.
    static func backOff(after reply: DaemonClient.Reply?) async {
        try? await Task.sleep(for: .milliseconds(reply == nil ? 300 : 150))
    }
}
