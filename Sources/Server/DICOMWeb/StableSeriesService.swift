import Logging
import ServiceLifecycle
import Store

/// Every `pollInterval`, assembles the staged DICOM series that have been quiet for the stable period into
/// studies (`DICOMSeriesAssembler`). Graceful shutdown lets the series in hand finish; its transaction either
/// commits whole or leaves the series staged for the next start.
public struct StableSeriesService: Service {
    let assembler: DICOMSeriesAssembler
    let pollInterval: Duration
    let logger: Logger

    public init(assembler: DICOMSeriesAssembler, pollInterval: Duration, logger: Logger) {
        self.assembler = assembler
        self.pollInterval = pollInterval
        var logger = logger
        logger[metadataKey: "service"] = "dicom-stable-series"
        self.logger = logger
    }

    public func run() async throws {
        let stop = InboxStop()
        await withGracefulShutdownHandler {
            while !stop.isRequested && !Task.isCancelled {
                do {
                    while !stop.isRequested, try await assembler.assembleNext() != nil {}
                } catch {
                    logger.warning("could not assemble DICOM series now", metadata: ["error": "\(error)"])
                }
                await stop.wait(timeout: pollInterval)
            }
        } onGracefulShutdown: {
            stop.request()
        }
    }
}
