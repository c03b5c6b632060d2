/// The kinds of equipment whose maintenance items TSG T5002-2017 lists separately (附件A–D).
public enum ElevatorKind: String, CaseIterable, Codable, Sendable {
    case traction
    case hydraulic
    case dumbwaiter
    case escalator

    public var label: String {
        switch self {
        case .traction: "曳引与强制驱动电梯"
        case .hydraulic: "液压驱动电梯"
        case .dumbwaiter: "杂物电梯"
        case .escalator: "自动扶梯与自动人行道"
        }
    }

    /// The kind of an elevator by its 设备名称. Names outside the dictionary (free text from old sheets)
    /// are read by their words; anything unrecognised is a traction elevator, by far the most common.
    public init(equipmentName name: String) {
        if name.contains("扶梯") || name.contains("人行道") {
            self = .escalator
        } else if name.contains("杂物") {
            self = .dumbwaiter
        } else if name.contains("液压") {
            self = .hydraulic
        } else {
            self = .traction
        }
    }
}
