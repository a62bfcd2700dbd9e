/// What kind of JSON value stands at a place, read only to say "found a string" when a
/// configuration value has the wrong type.
enum JSONKind: Decodable, CustomStringConvertible {
    case null, boolean, number, string, array, object

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if (try? container.decode(Bool.self)) != nil {
            self = .boolean
        } else if (try? container.decode(Double.self)) != nil {
            self = .number
        } else if (try? container.decode(String.self)) != nil {
            self = .string
        } else if (try? container.decode([JSONKind].self)) != nil {
            self = .array
        } else if (try? decoder.container(keyedBy: ConfigurationKey.self)) != nil {
            self = .object
        } else {
            // Only a number too large for a Double gets here.
            self = .number
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .boolean: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
