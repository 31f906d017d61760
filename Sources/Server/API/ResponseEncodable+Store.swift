import Hummingbird
import Store

// The store's view types go out as JSON through the request context's encoder.
extension StudyView: ResponseEncodable {}
extension WorklistEntry: ResponseEncodable {}
extension VitalsEntry: ResponseEncodable {}
extension Accounts.User: ResponseEncodable {}
extension Accounts.Clinic: ResponseEncodable {}
