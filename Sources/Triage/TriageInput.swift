/// Everything the router needs for one study.
public struct TriageInput: Sendable, Equatable {
    /// The current category: the estimator's provisional one, or the radiologist's signed one.
    public var category: CTCategory
    /// Involvement of the current study in percent, when measured; needed by the progression rule.
    public var involvementPercent: Double?
    public var vitals: Vitals
    public var setting: CareSetting
    /// The patient's previous study, if any.
    public var priorStudy: PriorStudy?

    public init(
        category: CTCategory,
        involvementPercent: Double? = nil,
        vitals: Vitals = Vitals(),
        setting: CareSetting = .outpatient,
        priorStudy: PriorStudy? = nil
    ) {
        self.category = category
        self.involvementPercent = involvementPercent
        self.vitals = vitals
        self.setting = setting
        self.priorStudy = priorStudy
    }
}
