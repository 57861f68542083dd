import RNNGraphCore

// Foundation declares an Expression too; in this module the name is the graph's.
typealias Expression = RNNGraphCore.Expression
