import RNNGraphCore

// Foundation declares an Expression and an Operation too; in this module the names are the graph's.
typealias Expression = RNNGraphCore.Expression
typealias Operation = RNNGraphCore.Operation
